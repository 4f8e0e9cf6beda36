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
 * <p>Usage: {@code BrokerMain <server.properties> <bootstrap-servers>}.
 */
public final class BrokerMain {
    static final String READY = "WORKBENCH_BROKER_READY";

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path properties = Path.of(args[0]);
        String bootstrap = args[1];
        Path logDir = Path.of(readProperty(properties, "log.dirs"));
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(properties);
        }
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
        Thread ready = new Thread(() -> announceWhenReady(bootstrap), "readiness");
        ready.setDaemon(true);
        ready.start();
        kafka.Kafka.main(new String[] {properties.toString()});
    }

    private static void format(Path properties) {
        String clusterId = Uuid.randomUuid().toString();
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
