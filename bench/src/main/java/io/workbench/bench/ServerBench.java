package io.workbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.broker.BrokerConfig;
import io.workbench.broker.EmbeddedBroker;
import io.workbench.config.Settings;
import io.workbench.protocol.client.Execution;
import io.workbench.protocol.client.KernelSpecFile;
import io.workbench.protocol.client.LocalKernel;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Server benchmarks, against a server JVM started as {@code ./workbench start} starts it (same JVM flags), with
 * real kernels:
 * P3 trivial-cell round trip through the WebSocket vs straight to a kernel over ZeroMQ (same run, interleaved
 * blocks), P4 opening a fresh notebook to the result of {@code spark.range(10).count()}, P6 server RSS idle and
 * with five open notebooks. Args: serverClasspath kernelsDir [samples]. Prints JSON.
 */
public final class ServerBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "bench-" + UUID.randomUUID();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private int port;

    public static void main(String[] args) throws Exception {
        new ServerBench().run(args[0], Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 400);
    }

    private void run(String serverClasspath, Path kernelsDir, int samples) throws Exception {
        Path home = Files.createTempDirectory("workbench-bench");
        Files.createDirectories(home.resolve("notebooks"));
        Map<String, Object> out = new LinkedHashMap<>();
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerConfig.from(Settings.of(Map.of(), Map.of(), Map.of()))
                .withDataDir(home.resolve("kafka")).withPorts(0, 0))) {
            port = freePort();
            Process server = startServer(serverClasspath, home, kernelsDir, broker.bootstrapServers());
            try {
                awaitWarmKernel();
                Thread.sleep(3000);
                out.put("p6_server_rss_idle_mb", rssMb(server.pid()));

                List<Double> p4 = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    awaitWarmKernel();
                    long t0 = System.nanoTime();
                    String kernel = openNotebook("p4-" + i + ".ipynb");
                    try (KernelChannels ws = channels(kernel)) {
                        String result = ws.execute("spark.range(10).count()").get(120, TimeUnit.SECONDS);
                        if (!"10".equals(result)) {
                            throw new IllegalStateException("unexpected result " + result);
                        }
                    }
                    p4.add((System.nanoTime() - t0) / 1e9);
                }
                out.put("p4_open_to_spark_result_s", p4);

                String kernel = openNotebook("p3.ipynb");
                KernelSpecFile spec = KernelSpecFile.read(kernelsDir.resolve("workbench-java/kernel.json"));
                try (KernelChannels ws = channels(kernel);
                     LocalKernel direct = LocalKernel.launch(spec, home.resolve("runtime-direct"),
                             Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers()))) {
                    direct.awaitReady(Duration.ofSeconds(120));
                    Execution.start(direct.client(), "spark.range(1).count()").await(Duration.ofSeconds(120));
                    List<Double> viaWs = new ArrayList<>();
                    List<Double> viaZmq = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        ws.execute("1 + 1").get(60, TimeUnit.SECONDS);
                        Execution.start(direct.client(), "1 + 1").await(Duration.ofSeconds(60));
                    }
                    for (int block = 0; block < samples / 50; block++) {
                        for (int i = 0; i < 50; i++) {
                            long t0 = System.nanoTime();
                            KernelChannels.Run run = ws.start("1 + 1");
                            run.reply.get(60, TimeUnit.SECONDS);
                            viaWs.add((System.nanoTime() - t0) / 1e6);
                            run.result.get(60, TimeUnit.SECONDS);
                        }
                        for (int i = 0; i < 50; i++) {
                            long t0 = System.nanoTime();
                            Execution e = Execution.start(direct.client(), "1 + 1");
                            e.replyFuture().get(60, TimeUnit.SECONDS);
                            viaZmq.add((System.nanoTime() - t0) / 1e6);
                            e.await(Duration.ofSeconds(60));
                        }
                    }
                    out.put("p3_websocket_p50_ms", pct(viaWs, 50));
                    out.put("p3_websocket_p99_ms", pct(viaWs, 99));
                    out.put("p3_kernel_direct_p50_ms", pct(viaZmq, 50));
                    out.put("p3_kernel_direct_p99_ms", pct(viaZmq, 99));
                    out.put("p3_samples", viaWs.size());
                    direct.shutdown(Duration.ofSeconds(10));
                }

                List<KernelChannels> open = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    KernelChannels ws = channels(openNotebook("p6-" + i + ".ipynb"));
                    ws.execute("1 + 1").get(120, TimeUnit.SECONDS);
                    open.add(ws);
                }
                Thread.sleep(3000);
                out.put("p6_server_rss_5_notebooks_mb", rssMb(server.pid()));
                open.forEach(KernelChannels::close);
            } finally {
                server.destroy();
                server.waitFor(60, TimeUnit.SECONDS);
                server.destroyForcibly();
            }
        }
        System.out.println(JSON.writeValueAsString(out));
    }

    private String openNotebook(String path) throws Exception {
        HttpResponse<String> r = call("POST", "/api/sessions",
                "{\"path\":\"" + path + "\",\"type\":\"notebook\",\"kernel\":{\"name\":\"workbench-java\"}}");
        if (r.statusCode() != 201) {
            throw new IllegalStateException("session: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).path("kernel").path("id").asText();
    }

    private KernelChannels channels(String kernelId) throws Exception {
        return new KernelChannels(http, port, TOKEN, kernelId);
    }

    private void awaitWarmKernel() throws Exception {
        long deadline = System.currentTimeMillis() + 300_000;
        while (!call("GET", "/metrics", null).body().contains("workbench_kernels_warm 1.0")) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("no warm kernel");
            }
            Thread.sleep(200);
        }
    }

    private Process startServer(String cp, Path home, Path kernels, String kafka) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms32m", "-Xmx512m", "-XX:+UseSerialGC", "-cp", cp, "io.workbench.server.launcher.WorkbenchMain", "start")
                .redirectErrorStream(true).redirectOutput(home.resolve("server.log").toFile());
        pb.environment().put("WORKBENCH_HOME", home.toString());
        pb.environment().put("WORKBENCH_SERVER_PORT", String.valueOf(port));
        pb.environment().put("WORKBENCH_TOKEN", TOKEN);
        pb.environment().put("WORKBENCH_KERNELS_DIR", kernels.toString());
        pb.environment().put("WORKBENCH_KERNELS_WARM", "1");
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        Process p = pb.start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (call("GET", "/api/status", null).statusCode() == 200) {
                    return p;
                }
            } catch (java.io.IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the server did not start; see " + home.resolve("server.log"));
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "token " + TOKEN).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static double pct(List<Double> values, double p) {
        List<Double> s = new ArrayList<>(values);
        s.sort(Double::compare);
        return s.get((int) Math.min(s.size() - 1, Math.round(p / 100.0 * (s.size() - 1))));
    }

    static double rssMb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
