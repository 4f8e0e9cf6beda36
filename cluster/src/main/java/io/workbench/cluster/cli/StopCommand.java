package io.workbench.cluster.cli;

import io.workbench.cluster.ClusterState;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Stops the cluster recorded in {@code cluster.json}: the workers (which stop their executors), the master, then the
 * Kafka nodes, each group at once; SIGTERM, then SIGKILL after a grace period. The data stays.
 */
@Command(name = "stop", description = "Stops every process of the cluster; its data stays for the next start.")
final class StopCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ClusterMain.Target target = ClusterMain.Target.load();
        ClusterState state = target.state().orElse(null);
        if (state == null) {
            out.println(target.notRunning());
            return 0;
        }
        stop(out, state, "spark-worker", Duration.ofSeconds(15));
        stop(out, state, "spark-master", Duration.ofSeconds(15));
        stop(out, state, "kafka", Duration.ofSeconds(30));
        state.delete(target.dir());
        out.println("The local cluster is stopped; its data stays in " + target.dir() + ".");
        return 0;
    }

    private static void stop(PrintWriter out, ClusterState state, String role, Duration grace) {
        List<ClusterState.Member> members = state.processes().stream().filter(m -> m.role().equals(role)).toList();
        List<CompletableFuture<String>> stops = members.stream().map(m -> CompletableFuture.supplyAsync(() -> {
            if (!m.alive()) {
                return m.name() + ": was not running";
            }
            return m.name() + (m.stop(grace) ? ": killed after " + grace.toSeconds() + " s" : ": stopped");
        })).toList();
        stops.forEach(s -> out.println("  " + s.join()));
        out.flush();
    }
}
