package io.workbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.testkit.SharedBroker;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the server JVM: while a notebook is being saved over and over, the file on disk always parses;
 * and the kernels of a killed server exit by themselves.
 */
class ServerCrashIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "crash-token-42";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void killingTheServerDuringAutosaveNeverLeavesABrokenNotebook() throws Exception {
        Path home = Files.createTempDirectory("workbench-crash");
        Path kernels = TestServers.installKernelspec(home);
        Path notebook = Files.createDirectories(home.resolve("notebooks")).resolve("autosaved.ipynb");
        Random random = new Random(7);
        int saves = 0;
        for (int round = 0; round < 10; round++) {
            int port = freePort();
            Process server = startServer(home, kernels, port);
            try {
                awaitUp(port);
                AtomicBoolean stop = new AtomicBoolean();
                AtomicInteger ok = new AtomicInteger();
                int r = round;
                Thread writer = new Thread(() -> autosave(port, r, stop, ok));
                writer.start();
                // The kill must land among saves: wait for the first one (slow on a loaded machine), then a while.
                long firstSaveBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (ok.get() == 0 && System.nanoTime() < firstSaveBy) {
                    Thread.sleep(20);
                }
                assertTrue(ok.get() > 0, "round " + round + ": no save completed within 60 s");
                Thread.sleep(500 + random.nextInt(1500));
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                stop.set(true);
                writer.join(5000);
                saves += ok.get();
            } finally {
                server.destroyForcibly();
            }
            JsonNode nb = JSON.readTree(Files.readString(notebook));
            assertEquals(4, nb.path("nbformat").asInt(), "round " + round + ": the notebook must parse as nbformat 4");
            assertTrue(nb.path("cells").size() > 0);
        }
        assertTrue(saves > 10, "the writer should have completed many saves, got " + saves);
    }

    @Test
    void theKernelsOfAKilledServerExitByThemselves() throws Exception {
        Path home = Files.createTempDirectory("workbench-orphans");
        Path kernels = TestServers.installKernelspec(home);
        Files.createDirectories(home.resolve("notebooks"));
        int port = freePort();
        Process server = startServer(home, kernels, port);
        try {
            awaitUp(port);
            HttpResponse<String> r = send(port, "POST", "/api/sessions",
                    "{\"path\":\"orphan.ipynb\",\"type\":\"notebook\",\"kernel\":{\"name\":\"workbench-java\"}}");
            assertEquals(201, r.statusCode(), r.body());
            String kernelId = JSON.readTree(r.body()).path("kernel").path("id").asText();
            long pid = JSON.readTree(send(port, "GET", "/api/kernels/" + kernelId, null).body()).path("pid").asLong();
            ProcessHandle kernel = ProcessHandle.of(pid).orElseThrow();
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            kernel.onExit().get(30, TimeUnit.SECONDS);
            assertTrue(!kernel.isAlive(), "the kernel outlived its server");
        } finally {
            server.destroyForcibly();
        }
    }

    private void autosave(int port, int round, AtomicBoolean stop, AtomicInteger ok) {
        int n = 0;
        while (!stop.get()) {
            try {
                ObjectNode nb = JSON.createObjectNode().put("nbformat", 4).put("nbformat_minor", 5);
                nb.putObject("metadata");
                var cells = nb.putArray("cells");
                // Notebooks of a few MB, so that a write takes long enough for a kill to land inside it.
                for (int i = 0; i < 150 + (n % 7) * 20; i++) {
                    ObjectNode c = cells.addObject().put("cell_type", "code").put("id", "c" + i)
                            .put("source", ("// round " + round + " save " + n + "\n" + "x".repeat(60) + "\n").repeat(300));
                    c.putObject("metadata");
                    c.putArray("outputs");
                    c.putNull("execution_count");
                }
                ObjectNode body = JSON.createObjectNode().put("type", "notebook").put("format", "json");
                body.set("content", nb);
                if (send(port, "PUT", "/api/contents/autosaved.ipynb", body.toString()).statusCode() < 300) {
                    ok.incrementAndGet();
                }
                n++;
            } catch (Exception e) {
                return;
            }
        }
    }

    private Process startServer(Path home, Path kernels, int port) throws Exception {
        String cp = System.getProperty("workbench.server.classes") + ":"
                + Files.readString(Path.of(System.getProperty("workbench.server.classpath-file"))).trim();
        ProcessBuilder pb = new ProcessBuilder(TestServers.javaBin(), "-Xmx256m", "-cp", cp,
                "io.workbench.server.launcher.WorkbenchMain", "start").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("server.log").toFile()));
        pb.environment().put("WORKBENCH_HOME", home.toString());
        pb.environment().put("WORKBENCH_SERVER_PORT", String.valueOf(port));
        pb.environment().put("WORKBENCH_TOKEN", TOKEN);
        pb.environment().put("WORKBENCH_KERNELS_DIR", kernels.toString());
        pb.environment().put("WORKBENCH_KERNELS_WARM", "0");
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", SharedBroker.bootstrapServers());
        return pb.start();
    }

    private void awaitUp(int port) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (send(port, "GET", "/api/status", null).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the server did not start");
    }

    private HttpResponse<String> send(int port, String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "token " + TOKEN).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
