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
            "Serve this process's /metrics on metrics.bind-host at this port (0 picks a free one, -1 serves none"
                    + " unless a port file is given).");
    public static final ConfigKey<Path> PORT_FILE = ConfigKey.path("metrics.port-file", null,
            "Serve /metrics on a free port of metrics.bind-host and write the port to this file (the server sets it"
                    + " for the processes it starts).");
    public static final ConfigKey<String> BIND_HOST = ConfigKey.string("metrics.bind-host", "127.0.0.1",
            "Address the kernels, job runs and embedded broker bind their /metrics to; anything but loopback lets"
                    + " the network reach them (still only with the metrics token).");
    public static final ConfigKey<String> ADVERTISE_HOST = ConfigKey.string("metrics.advertise-host", null,
            "Host that Prometheus's discovery lists those endpoints at; the bind host when unset (required when"
                    + " that is a wildcard such as 0.0.0.0).");

    public static final List<ConfigKey<?>> KEYS = List.of(ENABLED, TOKEN, PORT, PORT_FILE, BIND_HOST, ADVERTISE_HOST);

    /** The file, in the server's runtime directory, that holds the metrics token (for Prometheus's credentials_file). */
    public static final String TOKEN_FILE = "metrics.token";
    /** The file, in the server's runtime directory, where the embedded broker announces its metrics port. */
    public static final String BROKER_PORT_FILE = "broker.metrics-port";

    /**
     * The host Prometheus is told to scrape the kernels, job runs and broker at: {@link #ADVERTISE_HOST}, else
     * {@link #BIND_HOST}.
     *
     * @throws ConfigException when neither names a host others can reach (the bind host is a wildcard address)
     */
    public static String advertiseHost(Settings settings) {
        String advertised = settings.get(ADVERTISE_HOST);
        String host = advertised != null && !advertised.isBlank() ? advertised.trim() : settings.get(BIND_HOST).trim();
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            throw new ConfigException(BIND_HOST.name() + " is '" + settings.get(BIND_HOST) + "', which is no address"
                    + " Prometheus can scrape: set " + ADVERTISE_HOST.name() + " (" + ADVERTISE_HOST.envName()
                    + ") to the name or address that reaches this machine.");
        }
        return host;
    }

    /** {@code host:port} as a Prometheus target, with an IPv6 address in brackets. */
    public static String target(String host, int port) {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /** Where a kernel announces its metrics port: beside its connection file {@code kernel-<id>.json}. */
    public static Path portFileBeside(Path connectionFile) {
        String name = connectionFile.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return connectionFile.resolveSibling(base + ".metrics-port");
    }

    private MetricsKeys() {
    }
}
