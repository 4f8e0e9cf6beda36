package io.workbench.testkit;

import io.workbench.cluster.ClusterConfig;
import io.workbench.cluster.ClusterNode;
import io.workbench.cluster.LocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One real local cluster per test JVM (a Spark standalone master with two workers of one core and 1 GiB each, three
 * Kafka KRaft nodes), on free ports in a fresh directory under {@code target/}, started on first use (about 30 s on an
 * idle machine) and stopped when the JVM exits; its processes also exit by themselves when this JVM is gone.
 *
 * <p>A test that kills a node should restart it; {@link #cluster()} restarts any node that is down before it hands the
 * cluster out. Applications should cap their cores ({@code spark.cores.max}) and keep {@code spark.executor.memory} at
 * most 1g, or they wait for executors that never come. Thread-safe.
 */
public final class SharedCluster {
    private static LocalCluster cluster;

    private SharedCluster() {
    }

    /** The cluster, started or repaired (every node running, healthy) first if needed; blocks meanwhile. */
    public static synchronized LocalCluster cluster() {
        if (cluster == null) {
            try {
                Path target = Files.createDirectories(Path.of("target"));
                cluster = LocalCluster.start(Files.createTempDirectory(target, "local-cluster-"),
                        ClusterConfig.defaults().withFreePorts());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LocalCluster started = cluster;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-cluster-stop"));
        } else if (!cluster.nodes().stream().allMatch(ClusterNode::alive)) {
            cluster.nodes().stream().filter(n -> !n.alive()).forEach(ClusterNode::restart);
            cluster.awaitHealthy(Duration.ofMinutes(2));
        }
        return cluster;
    }

    /** {@code spark://127.0.0.1:PORT} of the shared cluster. */
    public static String masterUrl() {
        return cluster().masterUrl();
    }

    /** The shared cluster's Kafka nodes, comma-separated. */
    public static String bootstrapServers() {
        return cluster().bootstrapServers();
    }
}
