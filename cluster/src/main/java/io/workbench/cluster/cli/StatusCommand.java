package io.workbench.cluster.cli;

import io.workbench.cluster.ClusterConfig;
import io.workbench.cluster.ClusterState;
import io.workbench.cluster.kafka.QuorumStatus;
import io.workbench.cluster.spark.MasterStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Each process alive or dead, the workers the master has registered, the brokers in the Kafka cluster with the quorum's
 * leader, and the under-replicated partitions. Exits 0 when everything is up, else 1.
 */
@Command(name = "status", description = "Each process alive or dead, workers registered, brokers in the quorum,"
        + " under-replicated partitions.")
final class StatusCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        ClusterMain.Target target = ClusterMain.Target.load();
        ClusterState state = target.state().orElse(null);
        if (state == null) {
            out.println(target.notRunning());
            return 1;
        }
        out.println("Local cluster in " + target.dir() + ", started " + state.startedAt());
        out.printf("  %-15s %-8s %-6s %-6s %s%n", "PROCESS", "PID", "STATE", "PORT", "LOG");
        for (ClusterState.Member m : state.processes()) {
            out.printf("  %-15s %-8d %-6s %-6d %s%n", m.name(), m.pid(), m.alive() ? "alive" : "DEAD", m.port(), m.log());
        }
        boolean healthy = ClusterMain.dead(state).isEmpty();
        healthy &= spark(out, state);
        healthy &= kafka(out, state);
        return healthy ? 0 : 1;
    }

    private static boolean spark(PrintWriter out, ClusterState state) throws InterruptedException {
        String head = "Spark master " + state.masterUrl() + " (UI " + state.masterUiUrl() + "): ";
        try {
            MasterStatus master = MasterStatus.fetch(state.masterUiUrl());
            out.println(head + master.state() + ", " + master.aliveWorkers() + " of " + ClusterConfig.WORKERS
                    + " workers registered and alive");
            return master.alive() && master.aliveWorkers() == ClusterConfig.WORKERS;
        } catch (IOException e) {
            out.println(head + "does not answer (" + e.getMessage() + ")");
            return false;
        }
    }

    private static boolean kafka(PrintWriter out, ClusterState state) throws InterruptedException {
        String head = "Kafka " + state.bootstrapServers() + ": ";
        try (Admin admin = QuorumStatus.admin(state.bootstrapServers())) {
            QuorumStatus q = QuorumStatus.fetch(admin);
            out.println(head + "brokers " + q.brokers() + " in the cluster, quorum leader "
                    + (q.quorumLeader() < 0 ? "none" : "node " + q.quorumLeader()) + ", "
                    + q.underReplicatedPartitions() + " under-replicated partitions");
            admin.close(Duration.ofSeconds(2));
            return q.brokers().size() == ClusterConfig.KAFKA_NODES && q.underReplicatedPartitions() == 0;
        } catch (ExecutionException | TimeoutException e) {
            out.println(head + "does not answer (" + (e.getCause() == null ? e : e.getCause().getMessage()) + ")");
            return false;
        }
    }
}
