package io.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code ./workbench job …} as a user types it, through the script, against the real server that
 * {@code ./workbench start} brings up (with its broker): every command's output and exit code, a real job JVM for
 * {@code job run}, and the errors a user gets for a bad cron expression, an unknown parameter and an unknown job.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliIT {
    private static final String NOTEBOOK = """
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
             "cells": [
              {"id": "p", "cell_type": "code", "metadata": {"tags": ["parameters"]}, "outputs": [], "execution_count": null,
               "source": ["long rows = 5; // how many rows to count"]},
              {"id": "c", "cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null,
               "source": ["long counted = spark.range(rows).count();\\n", "System.out.println(\\"counted \\" + counted + \\" rows\\");"]}
             ]}""";

    private final Path repo = Path.of(System.getProperty("workbench.repo", "..")).toAbsolutePath().normalize();
    private Path tmp;
    private Process server;
    private final StringBuilder serverOutput = new StringBuilder();

    /** What one command printed, and how it exited. */
    record Result(int exit, String out, String err) {
    }

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("workbench-cli");
        Files.writeString(Files.createDirectories(tmp.resolve("notebooks")).resolve("cli-count.ipynb"), NOTEBOOK);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = script("start").redirectErrorStream(true);
        pb.environment().put("WORKBENCH_SERVER_PORT", String.valueOf(port));
        pb.environment().put("WORKBENCH_KAFKA_PORT", "0");
        pb.environment().put("WORKBENCH_KAFKA_CONTROLLER_PORT", "0");
        pb.environment().put("WORKBENCH_KAFKA_DATA_DIR", tmp.resolve("kafka").toString());
        pb.environment().put("WORKBENCH_KERNELS_WARM", "0");
        pb.environment().put("WORKBENCH_JOBS_HEAP", "512m");
        server = pb.start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (serverOutput) {
                        serverOutput.append(line).append('\n');
                    }
                    if (line.contains("The workbench is ready: ")) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("./workbench start ended before it was ready"));
        }, "cli-it-server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(180, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the server did not start:\n" + serverOutput(), e);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (server == null) {
            return;
        }
        List<ProcessHandle> children = server.descendants().toList();
        server.destroy();
        boolean exited = server.waitFor(60, TimeUnit.SECONDS);
        for (ProcessHandle h : children) {
            h.onExit().get(30, TimeUnit.SECONDS);
        }
        assertTrue(exited, "./workbench start did not stop on SIGTERM:\n" + serverOutput());
        // Stopping stops the broker on purpose, and logging is set up before two threads log at once.
        assertFalse(serverOutput().contains("exited unexpectedly"), serverOutput());
        assertFalse(serverOutput().contains("SLF4J(W)"), serverOutput());
    }

    private String serverOutput() {
        synchronized (serverOutput) {
            return serverOutput.toString();
        }
    }

    /** {@code ./workbench ARGS} with this test's notebooks and runtime directories, and no build of its own. */
    private ProcessBuilder script(String... args) {
        List<String> command = new ArrayList<>(List.of("bash", repo.resolve("workbench").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("WORKBENCH_SKIP_BUILD", "1");
        env.put("WORKBENCH_NOTEBOOKS_DIR", tmp.resolve("notebooks").toString());
        env.put("WORKBENCH_RUNTIME_DIR", tmp.resolve("runtime").toString());
        env.put("WORKBENCH_JOBS_DIR", tmp.resolve("jobs").toString());
        env.remove("WORKBENCH_URL");
        env.remove("WORKBENCH_TOKEN");
        env.remove("KAFKA_BOOTSTRAP_SERVERS");
        return pb;
    }

    private Result job(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("job"));
        all.addAll(List.of(args));
        ProcessBuilder pb = script(all.toArray(String[]::new));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "job " + String.join(" ", args) + " did not end");
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void jobCommandsDriveTheServer() throws Exception {
        Result empty = job("list");
        assertEquals(0, empty.exit(), empty.toString());
        assertTrue(empty.out().startsWith("No jobs yet: ./workbench job create"), empty.toString());

        Result created = job("create", "--from", "notebooks/cli-count.ipynb", "--name", "counter", "--mode", "scheduled",
                "--cron", "0 3 * * *", "--param", "rows=7");
        assertEquals(0, created.exit(), created.toString());
        assertTrue(created.out().matches("(?s)Created job counter \\(scheduled, revision \\w+\\): scheduled\\n"),
                created.toString());

        Result list = job("list");
        assertEquals(0, list.exit(), list.toString());
        String row = list.out().lines().filter(l -> l.startsWith("counter ")).findFirst().orElse("");
        assertTrue(row.contains("scheduled") && row.contains("0 3 * * * UTC") && row.contains("cli-count.ipynb"),
                "the job's row: " + list.out());
        assertTrue(list.out().lines().findFirst().orElse("").startsWith("NAME"), "a header: " + list.out());

        Result paused = job("pause", "counter");
        assertEquals(0, paused.exit(), paused.toString());
        assertEquals("counter: paused\n", paused.out());
        assertTrue(job("list").out().contains("(paused)"));
        assertEquals("counter: scheduled\n", job("resume", "counter").out());

        // Bad input: exit code 1 and the server's reason on stderr; nothing changed.
        Result badCron = job("edit", "counter", "--cron", "61 * * * *");
        assertEquals(1, badCron.exit(), badCron.toString());
        assertTrue(badCron.err().startsWith("workbench: ") && badCron.err().contains("61 * * * *"), badCron.toString());
        Result unknown = job("create", "--from", "notebooks/cli-count.ipynb", "--name", "other", "--mode", "once",
                "--param", "nope=1");
        assertEquals(1, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("nope"), unknown.toString());
        Result ghost = job("show", "ghost");
        assertEquals(1, ghost.exit(), ghost.toString());
        assertTrue(ghost.err().contains("ghost"), ghost.toString());
        Result usage = job("create");
        assertEquals(2, usage.exit(), usage.toString());
        assertTrue(usage.err().contains("--from"), usage.toString());
        Result help = job("edit", "--help");
        assertEquals(0, help.exit(), help.toString());
        assertTrue(help.out().contains("Usage:") && help.out().contains("--cron") && help.err().isEmpty(), help.toString());
        Result unmatched = job("frobnicate");
        assertEquals(2, unmatched.exit(), unmatched.toString());
        assertTrue(unmatched.err().startsWith("workbench: ") && unmatched.err().contains("create"), unmatched.toString());
        assertTrue(job("list").out().lines().noneMatch(l -> l.startsWith("other ")), "no job from a refused create");

        // A run now: a real job JVM counts the rows its parameter asks for; its log and history say so.
        Result run = job("run", "counter");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().matches("(?s)Run \\S+ of counter: running\\n"), run.toString());
        String runs = "";
        long deadline = System.currentTimeMillis() + 240_000;
        while (System.currentTimeMillis() < deadline) {
            runs = job("runs", "counter").out();
            if (!runs.contains(" running ")) {
                break;
            }
            Thread.sleep(2000);
        }
        assertTrue(runs.lines().skip(1).findFirst().orElse("").contains(" succeeded "), runs);
        Result logs = job("logs", "counter");
        assertEquals(0, logs.exit(), logs.toString());
        assertTrue(logs.out().contains("counted 7 rows"), logs.out());
        Result show = job("show", "counter");
        assertEquals(0, show.exit(), show.toString());
        assertTrue(show.out().lines().anyMatch(l -> l.matches("Mode +scheduled, cron '0 3 \\* \\* \\*' UTC, next run .+")),
                show.out());
        assertTrue(show.out().lines().anyMatch(l -> l.matches("Parameters +rows=7")), show.out());
        assertTrue(show.out().lines().anyMatch(l -> l.matches("Last run +\\S+ succeeded .+")), show.out());
        assertTrue(show.out().contains("\nRUN ") && show.out().contains(" succeeded "), "its runs: " + show.out());
        Result json = job("show", "counter", "--json");
        assertEquals(0, json.exit(), json.toString());
        List<JsonNode> values = new ObjectMapper().readerFor(JsonNode.class).<JsonNode>readValues(json.out()).readAll();
        assertEquals("counter", values.get(0).path("name").asText(), json.out());
        assertEquals("succeeded", values.get(1).path(0).path("status").asText(), json.out());

        Result deleted = job("delete", "counter");
        assertEquals("Deleted job counter.\n", deleted.out(), deleted.toString());
        assertTrue(job("list").out().startsWith("No jobs yet"));
    }

    @Test
    void produceWritesToTheRunningWorkbenchsKafka() throws Exception {
        // The broker's port was chosen at start (WORKBENCH_KAFKA_PORT=0): produce finds it through server.json.
        ProcessBuilder pb = script("produce", "--topic", "cli-produced", "--events", "300");
        Path out = Files.createTempFile(tmp, "produce", ".txt");
        Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "produce did not end");
        String printed = Files.readString(out);
        assertEquals(0, p.exitValue(), printed);
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("producing to the running workbench's Kafka at 127\\.0\\.0\\.1:(\\d+)").matcher(printed);
        assertTrue(m.find(), printed);
        assertTrue(serverOutput().contains("Kafka: 127.0.0.1:" + m.group(1)), "the broker ./workbench start runs: "
                + serverOutput());
        assertTrue(printed.contains("300"), "it says how many it sent: " + printed);
    }

    @Test
    void withoutAServerTheCommandSaysHowToStartOne() throws Exception {
        ProcessBuilder pb = script("job", "list");
        pb.environment().put("WORKBENCH_RUNTIME_DIR", tmp.resolve("no-server").toString());
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = pb.redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue());
        assertTrue(Files.readString(err).contains("./workbench start"), Files.readString(err));
    }
}
