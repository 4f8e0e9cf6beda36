package io.workbench.cluster;

import io.workbench.config.ConfigKey;
import io.workbench.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape of a local cluster: its ports, the workers' cores and memory, and every JVM's heap. Worker and Kafka ports
 * are bases: worker {@code i} (from 1) takes {@code base + i - 1}, as Spark's own start-workers.sh does, and so does
 * Kafka node {@code i}. A port of 0 picks a free one at start. Immutable.
 */
public record ClusterConfig(int masterPort, int masterUiPort, int workerPort, int workerUiPort, int workerCores,
                            String workerMemory, String daemonHeap, int kafkaPort, int kafkaControllerPort,
                            String kafkaHeap, int startTimeoutSeconds) {

    /** Spark standalone workers in the cluster. */
    public static final int WORKERS = 2;
    /** Kafka nodes (combined broker and controller) in the cluster. */
    public static final int KAFKA_NODES = 3;

    public static final ConfigKey<Path> DIR = ConfigKey.path("cluster.dir", "data/cluster",
            "Where ./workbench cluster keeps its processes' data, logs, pid files and cluster.json.");
    public static final ConfigKey<Integer> MASTER_PORT = ConfigKey.port("cluster.spark.master-port", 7077,
            "Port of the local cluster's Spark master (spark://127.0.0.1:PORT).");
    public static final ConfigKey<Integer> MASTER_UI_PORT = ConfigKey.port("cluster.spark.master-ui-port", 8080,
            "Port of the Spark master's web UI.");
    public static final ConfigKey<Integer> WORKER_PORT = ConfigKey.port("cluster.spark.worker-port", 7078,
            "Port of the first Spark worker; the second takes the next one (0 picks free ones).");
    public static final ConfigKey<Integer> WORKER_UI_PORT = ConfigKey.port("cluster.spark.worker-ui-port", 8081,
            "Web UI port of the first Spark worker; the second takes the next one.");
    public static final ConfigKey<Integer> WORKER_CORES = ConfigKey.integer("cluster.spark.worker-cores", 1, 1,
            "Cores each Spark worker offers to executors.");
    public static final ConfigKey<String> WORKER_MEMORY = ConfigKey.string("cluster.spark.worker-memory", "1g",
            "Memory each Spark worker offers to executors; one executor of spark.executor.memory must fit.");
    public static final ConfigKey<String> DAEMON_HEAP = ConfigKey.string("cluster.spark.daemon-heap", "256m",
            "Maximum heap of the Spark master and worker JVMs (executors get spark.executor.memory).");
    public static final ConfigKey<Integer> KAFKA_PORT = ConfigKey.port("cluster.kafka.port", 29092,
            "Client port of the first Kafka node of the local cluster; the others take the next ones.");
    public static final ConfigKey<Integer> KAFKA_CONTROLLER_PORT = ConfigKey.port("cluster.kafka.controller-port",
            29192, "KRaft controller port of the first Kafka node; the others take the next ones.");
    public static final ConfigKey<String> KAFKA_HEAP = ConfigKey.string("cluster.kafka.heap", "384m",
            "Maximum heap of each Kafka node JVM of the local cluster.");
    public static final ConfigKey<Integer> START_TIMEOUT = ConfigKey.integer("cluster.start-timeout-seconds", 180, 1,
            "How long ./workbench cluster start waits for every process to be up and the cluster healthy.");

    public static final List<ConfigKey<?>> KEYS = List.of(DIR, MASTER_PORT, MASTER_UI_PORT, WORKER_PORT, WORKER_UI_PORT,
            WORKER_CORES, WORKER_MEMORY, DAEMON_HEAP, KAFKA_PORT, KAFKA_CONTROLLER_PORT, KAFKA_HEAP, START_TIMEOUT);

    /** The configured cluster (the data directory is {@code settings.resolve(DIR)}). */
    public static ClusterConfig from(Settings settings) {
        return new ClusterConfig(settings.get(MASTER_PORT), settings.get(MASTER_UI_PORT), settings.get(WORKER_PORT),
                settings.get(WORKER_UI_PORT), settings.get(WORKER_CORES), settings.get(WORKER_MEMORY),
                settings.get(DAEMON_HEAP), settings.get(KAFKA_PORT), settings.get(KAFKA_CONTROLLER_PORT),
                settings.get(KAFKA_HEAP), settings.get(START_TIMEOUT));
    }

    /** Every default, whatever this process's environment says: for tests. */
    public static ClusterConfig defaults() {
        return from(Settings.of(Map.of(), Map.of(), Map.of()));
    }

    /** The same cluster with every port 0, so that {@link #resolvePorts()} picks free ones: for tests. */
    public ClusterConfig withFreePorts() {
        return withPorts(0, 0, 0, 0, 0, 0);
    }

    /** The same cluster on other ports (bases for workers and Kafka nodes). */
    public ClusterConfig withPorts(int masterPort, int masterUiPort, int workerPort, int workerUiPort, int kafkaPort,
                                   int kafkaControllerPort) {
        return new ClusterConfig(masterPort, masterUiPort, workerPort, workerUiPort, workerCores, workerMemory,
                daemonHeap, kafkaPort, kafkaControllerPort, kafkaHeap, startTimeoutSeconds);
    }

    /** The same cluster with other worker resources ({@code memory} as Spark writes it: 512m, 1g). */
    public ClusterConfig withWorkers(int cores, String memory) {
        return new ClusterConfig(masterPort, masterUiPort, workerPort, workerUiPort, cores, memory, daemonHeap,
                kafkaPort, kafkaControllerPort, kafkaHeap, startTimeoutSeconds);
    }

    /** The ports this cluster binds, with every 0 replaced by a distinct free port of 127.0.0.1. */
    Ports resolvePorts() {
        Set<Integer> taken = new HashSet<>();
        return new Ports(range(masterPort, 1, taken).get(0), range(masterUiPort, 1, taken).get(0),
                range(workerPort, WORKERS, taken), range(workerUiPort, WORKERS, taken), range(kafkaPort, KAFKA_NODES, taken),
                range(kafkaControllerPort, KAFKA_NODES, taken));
    }

    /** Concrete ports, none of them 0; worker and Kafka lists are indexed from 0 for node 1. */
    record Ports(int master, int masterUi, List<Integer> workers, List<Integer> workerUis, List<Integer> kafka,
                 List<Integer> kafkaControllers) {
    }

    private static List<Integer> range(int base, int count, Set<Integer> taken) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int port = base == 0 ? freePort(taken) : base + i;
            taken.add(port);
            out.add(port);
        }
        return List.copyOf(out);
    }

    private static int freePort(Set<Integer> taken) {
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                if (!taken.contains(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
