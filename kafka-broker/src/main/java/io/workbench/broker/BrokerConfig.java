package io.workbench.broker;

import io.workbench.config.ConfigKey;
import io.workbench.config.KafkaKeys;
import io.workbench.config.MetricsKeys;
import io.workbench.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

/**
 * Where Kafka is: an external cluster when {@code KAFKA_BOOTSTRAP_SERVERS} (or {@code kafka.bootstrap-servers})
 * is set, otherwise the embedded broker on these ports and this data directory.
 */
public record BrokerConfig(String externalBootstrapServers, int port, int controllerPort, Path dataDir, String heap,
                           int defaultPartitions, int startTimeoutSeconds, Path metricsDir, String metricsBindHost) {

    public static final ConfigKey<String> BOOTSTRAP_SERVERS = KafkaKeys.BOOTSTRAP_SERVERS;
    public static final ConfigKey<Integer> PORT = KafkaKeys.PORT;
    public static final ConfigKey<Integer> CONTROLLER_PORT = ConfigKey.port("kafka.controller-port", 19093,
            "KRaft controller port of the embedded broker (0 picks a free one).");
    public static final ConfigKey<Path> DATA_DIR = ConfigKey.path("kafka.data-dir", "data/kafka",
            "Where the embedded broker keeps its logs and metadata; survives restarts.");
    public static final ConfigKey<String> HEAP = ConfigKey.string("kafka.heap", "512m",
            "Maximum heap of the embedded broker JVM.");
    public static final ConfigKey<Integer> PARTITIONS = ConfigKey.integer("kafka.default-partitions", 4,
            "Partitions of topics that are created automatically.");
    public static final ConfigKey<Integer> START_TIMEOUT = ConfigKey.integer("kafka.start-timeout-seconds", 90,
            "How long to wait for the embedded broker to serve requests.");

    public static final List<ConfigKey<?>> KEYS = List.of(BOOTSTRAP_SERVERS, PORT, CONTROLLER_PORT, DATA_DIR, HEAP,
            PARTITIONS, START_TIMEOUT);

    public static BrokerConfig from(Settings settings) {
        return new BrokerConfig(settings.get(BOOTSTRAP_SERVERS), settings.get(PORT), settings.get(CONTROLLER_PORT),
                settings.resolve(DATA_DIR), settings.get(HEAP), settings.get(PARTITIONS), settings.get(START_TIMEOUT),
                null, settings.get(MetricsKeys.BIND_HOST));
    }

    public boolean external() {
        return externalBootstrapServers != null && !externalBootstrapServers.isBlank();
    }

    public BrokerConfig withDataDir(Path dir) {
        return new BrokerConfig(externalBootstrapServers, port, controllerPort, dir, heap, defaultPartitions,
                startTimeoutSeconds, metricsDir, metricsBindHost);
    }

    /**
     * This config with a free port of 127.0.0.1 chosen for each port that is 0, so the broker's address is known
     * before its JVM starts (another process may take such a port meanwhile; the broker's start then says so).
     */
    public BrokerConfig withFreePorts() {
        return withPorts(port == 0 ? freePort() : port, controllerPort == 0 ? freePort() : controllerPort);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BrokerConfig withPorts(int port, int controllerPort) {
        return new BrokerConfig(externalBootstrapServers, port, controllerPort, dataDir, heap, defaultPartitions,
                startTimeoutSeconds, metricsDir, metricsBindHost);
    }

    /**
     * The broker serves its metrics (docs/metrics.md), announcing its port in {@code dir/broker.metrics-port} and
     * reading the metrics token from {@code dir/metrics.token}: the server's runtime directory. It binds
     * {@link #metricsBindHost()} ({@code metrics.bind-host}, 127.0.0.1 by default).
     */
    public BrokerConfig withMetricsDir(Path dir) {
        return new BrokerConfig(externalBootstrapServers, port, controllerPort, dataDir, heap, defaultPartitions,
                startTimeoutSeconds, dir, metricsBindHost);
    }
}
