package io.workbench.cluster;

import io.workbench.cluster.kafka.QuorumStatus;
import io.workbench.cluster.spark.MasterStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * Whether a local cluster serves: how many Spark workers its master lists as ALIVE, which Kafka nodes
 * {@code describeCluster} lists, and what could not be asked. Immutable.
 *
 * @param workersAlive workers ALIVE on the master, -1 when the master did not answer
 * @param brokers      node ids of the brokers in the cluster, empty when Kafka did not answer
 * @param problems     what did not answer, and why
 */
public record ClusterHealth(int workersAlive, List<Integer> brokers, List<String> problems) {
    public ClusterHealth {
        brokers = List.copyOf(brokers);
        problems = List.copyOf(problems);
    }

    /**
     * Asks the master's web UI at {@code masterUiUrl} and Kafka through {@code admin}; blocks for at most about 10 s.
     * Never throws for an unreachable process: that is a problem in the result.
     */
    public static ClusterHealth check(String masterUiUrl, Admin admin) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        int workers = -1;
        try {
            workers = (int) MasterStatus.fetch(masterUiUrl).aliveWorkers();
        } catch (IOException e) {
            problems.add("the Spark master at " + masterUiUrl + " does not answer (" + e + ")");
        }
        List<Integer> brokers = List.of();
        try {
            brokers = QuorumStatus.brokers(admin);
        } catch (ExecutionException | TimeoutException e) {
            problems.add("Kafka does not answer (" + (e.getCause() == null ? e : e.getCause()) + ")");
        }
        return new ClusterHealth(workers, brokers, problems);
    }

    /** Every worker ALIVE and every Kafka node in the cluster. */
    public boolean healthy() {
        return workersAlive == ClusterConfig.WORKERS && brokers.size() == ClusterConfig.KAFKA_NODES;
    }

    @Override
    public String toString() {
        return (workersAlive < 0 ? "?" : workersAlive) + " of " + ClusterConfig.WORKERS + " Spark workers alive, Kafka"
                + " brokers " + brokers + " of " + ClusterConfig.KAFKA_NODES + (problems.isEmpty() ? "" : "; " + problems);
    }
}
