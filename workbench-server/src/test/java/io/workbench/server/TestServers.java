package io.workbench.server;

import io.vertx.core.Vertx;
import io.workbench.config.Settings;
import io.workbench.server.kernels.KernelProvisioner;
import io.workbench.server.kernels.LocalKernelProvisioner;
import io.workbench.testkit.SharedBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Workbench servers for tests: on port 0, a temporary notebooks directory, and either the in-process echo
 * kernel (fast) or real kernel JVMs with a real broker.
 */
final class TestServers implements AutoCloseable {
    static final String TOKEN = "test-token-0123456789";
    static final String DEAD_KAFKA = "127.0.0.1:1";

    final Vertx vertx = Vertx.vertx();
    volatile WorkbenchServer server;
    final Path home;
    final Path notebooks;
    private final KernelProvisioner provisioner;
    private final int warm;
    private final String kafka;
    private final Map<String, String> extra;
    // HTTP/1.1 as browsers speak it to an http:// server (the JDK client would otherwise upgrade to h2c).
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestServers(KernelProvisioner provisioner, int warm, Path home, String kafka) throws Exception {
        this(provisioner, warm, home, kafka, Map.of());
    }

    private TestServers(KernelProvisioner provisioner, int warm, Path home, String kafka, Map<String, String> extra)
            throws Exception {
        this.home = home;
        this.notebooks = Files.createDirectories(home.resolve("notebooks"));
        this.provisioner = provisioner;
        this.warm = warm;
        this.kafka = kafka;
        this.extra = Map.copyOf(extra);
        this.server = start(0);
    }

    private WorkbenchServer start(int port) throws Exception {
        Map<String, String> props = new java.util.HashMap<>(Map.of(
                "workbench.server.port", String.valueOf(port), "workbench.token", TOKEN,
                "workbench.kernels.warm", String.valueOf(warm), "workbench.kernels.heartbeat-seconds", "1"));
        // Where the build's job runtime and exporter are (Maven passes them); jobs need them.
        for (String key : List.of("workbench.jobs.runtime-home", "workbench.jobs.exporter-home")) {
            if (System.getProperty(key) != null) {
                props.put(key, System.getProperty(key));
            }
        }
        props.putAll(extra);
        Settings s = Settings.of(Map.of(Settings.HOME_ENV, home.toString()), props, Map.of());
        return WorkbenchServer.start(vertx, ServerConfig.from(s), provisioner, kafka)
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /**
     * Stops the server (its kernels, and its job runs unless {@code jobs.on-server-stop=leave}) and starts
     * another on the same port, home and notebooks, as a user's restart does.
     */
    void restart() throws Exception {
        int port = server.port();
        server.close();
        server = start(port);
    }

    /** A server whose kernels are the in-process echo kernel; its Kafka is a port where nothing listens. */
    static TestServers echo() throws Exception {
        return echo(DEAD_KAFKA);
    }

    /** A server whose kernels are the in-process echo kernel and whose Kafka browser reads {@code kafka}. */
    static TestServers echo(String kafka) throws Exception {
        return new TestServers(new InProcessKernelProvisioner(), 0, Files.createTempDirectory("workbench-server-test"), kafka);
    }

    /**
     * A server whose kernels are the in-process echo kernel announcing fake metrics ports in {@code home/metrics},
     * with {@code warm} of them in the warm pool and {@code extra} settings.
     */
    static TestServers echoWithMetrics(int warm, Map<String, String> extra) throws Exception {
        Path home = Files.createTempDirectory("workbench-server-test");
        return new TestServers(new InProcessKernelProvisioner(home.resolve("metrics")), warm, home, DEAD_KAFKA, extra);
    }

    /**
     * A server for jobs: real exports and job JVMs against the shared test broker (kernels are the in-process echo
     * kernel), in {@code home}, which may hold an earlier server's jobs database; {@code extra} are more settings.
     */
    static TestServers jobs(Path home, Map<String, String> extra) throws Exception {
        return new TestServers(new InProcessKernelProvisioner(), 0, home, SharedBroker.bootstrapServers(), extra);
    }

    /** A server whose kernels are real workbench-java JVMs talking to the shared test broker. */
    static TestServers real(int warm) throws Exception {
        return real(warm, Map.of());
    }

    /**
     * {@link #real(int)} with more settings ({@code extra}); like every server here it runs jobs as real job JVMs
     * when Maven passes the job runtime's and exporter's builds (as failsafe does).
     */
    static TestServers real(int warm, Map<String, String> extra) throws Exception {
        return real(Files.createTempDirectory("workbench-server-it"), warm, extra, SharedBroker.bootstrapServers());
    }

    /** {@link #real(int, Map)} in {@code home} (its runtime directory is {@code home/runtime}) against {@code kafka}. */
    static TestServers real(Path home, int warm, Map<String, String> extra, String kafka) throws Exception {
        Path kernels = installKernelspec(home);
        LocalKernelProvisioner p = new LocalKernelProvisioner(kernels, home.resolve("runtime"),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka, Settings.HOME_ENV, home.toString(), "WORKBENCH_KERNEL_HEAP", "1g"));
        // The server's runtime directory is its kernels': they find the metrics token beside their connection files.
        Map<String, String> settings = new java.util.HashMap<>(extra);
        settings.put("workbench.runtime.dir", home.resolve("runtime").toString());
        return new TestServers(p, warm, home, kafka, settings);
    }

    /**
     * Installs the workbench-java kernelspec into {@code home/kernels} with the kernel module's own installer, run
     * as a separate JVM; its kernels take {@code home} as their WORKBENCH_HOME, as {@code ./workbench} sets it.
     */
    static Path installKernelspec(Path home) throws IOException, InterruptedException {
        Path kernels = Files.createDirectories(home.resolve("kernels"));
        String cp = System.getProperty("workbench.kernel.classes") + ":"
                + Files.readString(Path.of(System.getProperty("workbench.kernel.classpath-file"))).trim();
        Process p = new ProcessBuilder(javaBin(), "-Dworkbench.kernel.heap=1g", "-Dworkbench.home=" + home, "-cp", cp,
                "io.workbench.kernel.Kernelspec", "install", "--dir", kernels.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("kernelspec install failed");
        }
        return kernels;
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "token " + TOKEN);
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    HttpResponse<String> call(String method, String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    static List<String> lines(String s) {
        return s.lines().toList();
    }

    @Override
    public void close() {
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
