package io.workbench.broker;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * Runs in the broker's own JVM. Formats the storage on first start, starts Kafka as a combined broker and
 * controller, and prints {@value #READY} once a real admin request succeeds. Exits when its parent does, so a
 * killed workbench never leaves a broker behind.
 *
 * <p>Usage: {@code BrokerMain <server.properties> <bootstrap-servers>}. Two system properties serve the nodes of a
 * multi-node cluster: {@value #CLUSTER_ID_PROPERTY} (the cluster id to format new storage with, the same on every
 * node; random when absent) and {@value #DETACHED_PROPERTY} ({@code true}: the node outlives its parent).
 */
public final class BrokerMain {
    /** The line the broker prints once it serves requests, followed by its bootstrap servers. */
    public static final String READY = "WORKBENCH_BROKER_READY";
    /** System property: the cluster id to format new storage with. */
    public static final String CLUSTER_ID_PROPERTY = "workbench.broker.cluster-id";
    /** System property: {@code true} for a broker that keeps running when the process that started it exits. */
    public static final String DETACHED_PROPERTY = "workbench.broker.detached";

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path properties = Path.of(args[0]);
        String bootstrap = args[1];
        Path logDir = Path.of(readProperty(properties, "log.dirs"));
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(properties);
        }
        if (!Boolean.getBoolean(DETACHED_PROPERTY)) {
            ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
        }
        Thread ready = new Thread(() -> announceWhenReady(bootstrap), "readiness");
        ready.setDaemon(true);
        ready.start();
        BrokerMetrics.serveIfAsked();
        kafka.Kafka.main(new String[] {properties.toString()});
    }

    private static void format(Path properties) {
        String clusterId = System.getProperty(CLUSTER_ID_PROPERTY, Uuid.randomUuid().toString());
        int rc = kafka.tools.StorageTool.execute(
                new String[] {"format", "-t", clusterId, "-c", properties.toString()}, System.out);
        if (rc != 0) {
            System.out.println("ERROR formatting the broker storage failed with exit code " + rc);
            System.exit(rc);
        }
    }

    private static void announceWhenReady(String bootstrap) {
        Map<String, Object> conf = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(conf)) {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get().isEmpty()) {
                        PrintStream out = System.out;
                        out.println(READY + " " + bootstrap);
                        out.flush();
                        return;
                    }
                } catch (Exception e) {
                    // not serving yet: the admin client's own request timeout paces these retries
                }
            }
        }
    }

    private static String readProperty(Path file, String key) throws java.io.IOException {
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        return p.getProperty(key);
    }
}
