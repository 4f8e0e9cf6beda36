package io.workbench.server;

import io.workbench.config.ConfigKey;
import io.workbench.config.Settings;
import java.nio.file.Path;
import java.util.List;

/**
 * The workbench server: where it listens, who may call it, how it treats kernels, and how it runs jobs.
 *
 * @param metrics the metrics token and where the processes' metrics endpoints bind and are advertised
 * @param prometheusUrl the Prometheus that evaluates monitoring/'s alert rules, for the Pipeline page, or "" for none
 */
public record ServerConfig(String host, int port, String token, List<String> allowedHosts, List<String> allowedOrigins,
                           Path notebooksDir, Path kernelsDir, Path runtimeDir, int cullIdleSeconds, int warmKernels,
                           int heartbeatSeconds, io.workbench.server.jobs.JobsConfig jobs,
                           io.workbench.server.metrics.MetricsConfig metrics, String prometheusUrl) {

    public static final ConfigKey<String> HOST = ConfigKey.string("server.host", "127.0.0.1",
            "Address the server binds to. Anything but loopback exposes notebooks (code execution) to the network.");
    public static final ConfigKey<Integer> PORT = ConfigKey.port("server.port", 8888,
            "Port of the workbench server (0 picks a free one).");
    public static final ConfigKey<String> TOKEN = ConfigKey.string("token", null,
            "Access token; random at every start unless set.").withEnvAlias("WORKBENCH_TOKEN");
    public static final ConfigKey<String> ALLOWED_HOSTS = ConfigKey.string("server.allowed-hosts", "",
            "Extra Host header values to accept, comma-separated (loopback names are always accepted).");
    public static final ConfigKey<String> ALLOWED_ORIGINS = ConfigKey.string("server.allowed-origins", "",
            "Extra browser origins allowed to call the API and open kernel WebSockets, comma-separated.");
    public static final ConfigKey<Path> NOTEBOOKS = ConfigKey.path("notebooks.dir", "notebooks",
            "The notebooks directory; the contents API never reaches outside it.");
    public static final ConfigKey<Path> KERNELS = ConfigKey.path("kernels.dir", "data/jupyter/kernels",
            "Where kernelspecs are found; ./workbench start installs workbench-java there.");
    public static final ConfigKey<Path> RUNTIME = ConfigKey.path("runtime.dir", "data/runtime",
            "Connection files and kernel logs.");
    public static final ConfigKey<Integer> CULL_IDLE = ConfigKey.integer("kernels.cull-idle-seconds", 3600,
            "Shut down kernels idle this long with no browser connected (0 never culls).");
    public static final ConfigKey<Integer> WARM = ConfigKey.integer("kernels.warm", 1,
            "Kernels kept started and ready, so opening a notebook does not wait for a JVM and Spark.");
    public static final ConfigKey<Integer> HEARTBEAT = ConfigKey.integer("kernels.heartbeat-seconds", 3,
            "How often kernels are pinged; three missed pings mark a kernel dead.");

    public static final ConfigKey<String> PROMETHEUS_URL = ConfigKey.string("monitoring.prometheus-url", "",
            "The Prometheus evaluating monitoring/'s alert rules, whose firing alerts the Pipeline page shows"
                    + " (./workbench start --monitoring sets it); empty for none.");

    public static final List<ConfigKey<?>> KEYS = List.of(HOST, PORT, TOKEN, ALLOWED_HOSTS, ALLOWED_ORIGINS, NOTEBOOKS,
            KERNELS, RUNTIME, CULL_IDLE, WARM, HEARTBEAT, PROMETHEUS_URL);

    public static ServerConfig from(Settings s) {
        return new ServerConfig(s.get(HOST), s.get(PORT), s.get(TOKEN), list(s.get(ALLOWED_HOSTS)),
                list(s.get(ALLOWED_ORIGINS)), s.resolve(NOTEBOOKS), s.resolve(KERNELS), s.resolve(RUNTIME),
                s.get(CULL_IDLE), s.get(WARM), s.get(HEARTBEAT), io.workbench.server.jobs.JobsConfig.from(s),
                io.workbench.server.metrics.MetricsConfig.from(s), s.get(PROMETHEUS_URL));
    }

    public ServerConfig withPort(int port) {
        return new ServerConfig(host, port, token, allowedHosts, allowedOrigins, notebooksDir, kernelsDir, runtimeDir,
                cullIdleSeconds, warmKernels, heartbeatSeconds, jobs, metrics, prometheusUrl);
    }

    private static List<String> list(String csv) {
        return csv == null || csv.isBlank() ? List.of()
                : java.util.Arrays.stream(csv.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }
}
