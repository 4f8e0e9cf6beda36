package io.workbench.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a process serves its Prometheus metrics and who may read them (docs/metrics.md). Read by the server, which
 * hands the token and a port file to the kernels, jobs and broker it starts, and by those processes.
 */
public final class MetricsKeys {
    public static final ConfigKey<Boolean> ENABLED = ConfigKey.bool("metrics.enabled", true,
            "Kernels and job runs collect and serve metrics; off: no query listener, no meters, no /metrics (the"
                    + " server's and the broker's own stay).");
    public static final ConfigKey<String> TOKEN = ConfigKey.string("metrics.token", null,
            "Read-only token for /metrics and Prometheus's discovery endpoint; random at every start unless set.");
    public static final ConfigKey<Integer> PORT = ConfigKey.integer("metrics.port", -1, -1,
            "Serve this process's /metrics on 127.0.0.1 at this port (0 picks a free one, -1 serves none unless a"
                    + " port file is given).");
    public static final ConfigKey<Path> PORT_FILE = ConfigKey.path("metrics.port-file", null,
            "Serve /metrics on a free loopback port and write the port to this file (the server sets it for the"
                    + " processes it starts).");

    public static final List<ConfigKey<?>> KEYS = List.of(ENABLED, TOKEN, PORT, PORT_FILE);

    /** The file, in the server's runtime directory, that holds the metrics token (for Prometheus's credentials_file). */
    public static final String TOKEN_FILE = "metrics.token";
    /** The file, in the server's runtime directory, where the embedded broker announces its metrics port. */
    public static final String BROKER_PORT_FILE = "broker.metrics-port";

    /** Where a kernel announces its metrics port: beside its connection file {@code kernel-<id>.json}. */
    public static Path portFileBeside(Path connectionFile) {
        String name = connectionFile.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return connectionFile.resolveSibling(base + ".metrics-port");
    }

    private MetricsKeys() {
    }
}
