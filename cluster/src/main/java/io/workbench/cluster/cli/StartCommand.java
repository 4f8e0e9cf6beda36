package io.workbench.cluster.cli;

import io.workbench.cluster.ClusterException;
import io.workbench.cluster.ClusterState;
import io.workbench.cluster.LocalCluster;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Starts the cluster, detached, and prints where it serves; a running cluster is only reported. */
@Command(name = "start", description = "Starts the cluster and leaves it running; prints its addresses.")
final class StartCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ClusterMain.Target target = ClusterMain.Target.load();
        Optional<ClusterState> running = target.state();
        if (running.isPresent()) {
            List<ClusterState.Member> dead = ClusterMain.dead(running.get());
            if (dead.isEmpty()) {
                out.println("The local cluster is already running.");
                print(out, running.get());
                return 0;
            }
            if (dead.size() < running.get().processes().size()) {
                throw new ClusterException("Part of the local cluster in " + target.dir() + " still runs, but not "
                        + dead.stream().map(ClusterState.Member::name).collect(Collectors.joining(", "))
                        + ". Stop it with ./workbench cluster stop, then start it again.");
            }
            running.get().delete(target.dir());
        }
        out.println("Starting the local cluster in " + target.dir() + " (a Spark master, two workers, three Kafka"
                + " nodes)...");
        out.flush();
        long t0 = System.nanoTime();
        LocalCluster cluster = LocalCluster.startDetached(target.dir(), target.config());
        out.printf("The local cluster is ready (%.0f s).%n", (System.nanoTime() - t0) / 1e9);
        print(out, cluster.state());
        return 0;
    }

    static void print(PrintWriter out, ClusterState state) {
        out.println("  Spark master     " + state.masterUrl());
        out.println("  Spark master UI  " + state.masterUiUrl());
        out.println("  Kafka            " + state.bootstrapServers());
        out.println("Use it:   ./workbench start --cluster");
        out.println("Check it: ./workbench cluster status     Stop it: ./workbench cluster stop");
    }
}
