package io.workbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./workbench start} of a workbench directory (already built), as a user runs it, on free ports with its
 * own notebooks and runtime directories, and the HTTP calls the browser makes. {@link #close()} stops it with
 * SIGTERM, as Ctrl-C does, and kills (and reports) whatever it started that outlives it.
 */
final class WorkbenchLauncher implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    final String token = "bench-" + UUID.randomUUID();
    final int port;
    final Path notebooks;
    private final Process process;
    private final long t0;
    private final Map<String, Double> lines = new ConcurrentHashMap<>();
    private List<ProcessHandle> children = List.of();
    private Long survivor;

    /**
     * Starts {@code workbench/workbench start}; {@code kafkaDir} is the broker's data directory, {@code runDir} holds
     * the notebooks, the runtime files and the launcher's output; {@code extraEnv} goes into its environment.
     */
    WorkbenchLauncher(Path workbench, Path kafkaDir, Path runDir, Map<String, String> extraEnv) throws Exception {
        notebooks = Files.createDirectories(runDir.resolve("notebooks"));
        port = freePort();
        ProcessBuilder pb = new ProcessBuilder("bash", workbench.resolve("workbench").toString(), "start")
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("WORKBENCH_SKIP_BUILD", "1");
        env.put("WORKBENCH_SERVER_PORT", String.valueOf(port));
        env.put("WORKBENCH_TOKEN", token);
        env.put("WORKBENCH_KAFKA_PORT", "0");
        env.put("WORKBENCH_KAFKA_CONTROLLER_PORT", "0");
        env.put("WORKBENCH_KAFKA_DATA_DIR", kafkaDir.toString());
        env.put("WORKBENCH_NOTEBOOKS_DIR", notebooks.toString());
        env.put("WORKBENCH_RUNTIME_DIR", runDir.resolve("runtime").toString());
        env.put("WORKBENCH_KERNELS_WARM", "1");
        env.remove("KAFKA_BOOTSTRAP_SERVERS");
        env.putAll(extraEnv);
        t0 = System.nanoTime();
        process = pb.start();
        Path log = runDir.resolve("launcher.log");
        Thread reader = new Thread(() -> readLines(log), "launcher-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Seconds since the launcher started. */
    double since() {
        return Math.round((System.nanoTime() - t0) / 1e7) / 100.0;
    }

    /** When the launcher printed its ready line ({@code ready}) and its Kafka line ({@code kafka}), if it has. */
    Double line(String which) {
        return lines.get(which);
    }

    /** The server JVM: the launcher execs it. */
    long serverPid() {
        return process.pid();
    }

    private void readLines(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream()));
             var out = Files.newBufferedWriter(log)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(since() + " " + line + "\n");
                out.flush();
                if (line.contains("The workbench is ready")) {
                    lines.putIfAbsent("ready", since());
                } else if (line.startsWith("Kafka: ")) {
                    lines.putIfAbsent("kafka", since());
                }
            }
        } catch (IOException e) {
            // the launcher ended
        }
    }

    /** Polls the status endpoint (with the token, which a user only has from the ready line) until it answers. */
    void awaitServer() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the launcher exited with " + process.exitValue());
            }
            try {
                if (call("GET", "/api/status", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the server did not answer within 120 s");
    }

    /** Opens a notebook as the page does (reads it, opens a session) and returns its kernel's id. */
    String openNotebook(String path) throws Exception {
        Path file = notebooks.resolve(path);
        if (!Files.exists(file)) {
            Files.writeString(file, "{\"cells\": [], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}");
        }
        call("GET", "/api/contents/" + path, null);
        HttpResponse<String> s = call("POST", "/api/sessions",
                "{\"path\":\"" + path + "\",\"type\":\"notebook\",\"kernel\":{\"name\":\"workbench-java\"}}");
        if (s.statusCode() != 201) {
            throw new IllegalStateException("session: " + s.statusCode() + " " + s.body());
        }
        children = process.descendants().toList();
        return JSON.readTree(s.body()).path("kernel").path("id").asText();
    }

    KernelChannels channels(String kernelId) throws Exception {
        return new KernelChannels(http, port, token, kernelId);
    }

    /** Waits until the warm pool has a warm kernel again. */
    void awaitWarmKernel() throws Exception {
        long deadline = System.currentTimeMillis() + 300_000;
        while (!call("GET", "/metrics", null).body().contains("workbench_kernels_warm 1.0")) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("no warm kernel within 300 s");
            }
            Thread.sleep(100);
        }
        children = process.descendants().toList();
    }

    /**
     * Waits (at most 300 s) for the warm pool's kernel through Prometheus's discovery endpoint, which lists it with
     * {@code warm="true"} once it serves metrics. Unlike {@link #awaitWarmKernel()} this never calls the server's
     * {@code /metrics}, whose Kafka figures load the Kafka client into the server: a server nobody scrapes stays as a
     * user without monitoring has it.
     */
    void awaitWarmKernelUnscraped() throws Exception {
        long deadline = System.currentTimeMillis() + 300_000;
        while (!call("GET", "/api/workbench/prometheus/targets", null).body().replace(" ", "")
                .contains("\"warm\":\"true\"")) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("no warm kernel within 300 s");
            }
            Thread.sleep(500);
        }
        children = process.descendants().toList();
    }

    HttpResponse<String> call(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "token " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(300))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A process the launcher started that outlived it (and was killed), or null. */
    Long survivor() {
        return survivor;
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> all = new java.util.ArrayList<>(children);
        process.descendants().filter(h -> !all.contains(h)).forEach(all::add);
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        for (ProcessHandle h : all) {
            if (!h.onExit().thenApply(x -> true).completeOnTimeout(false, 30, TimeUnit.SECONDS).join()) {
                h.destroyForcibly();
                survivor = h.pid();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
