package io.workbench.cluster.cli;

import io.workbench.cluster.ClusterException;
import io.workbench.cluster.ClusterState;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Prints the settings that point the workbench at the running cluster, one {@code NAME=value} a line
 * ({@code WORKBENCH_SPARK_MASTER}, {@code KAFKA_BOOTSTRAP_SERVERS}); {@code ./workbench start --cluster} exports them.
 * Fails when no process of the cluster runs; warns on stderr about the ones that do not.
 */
@Command(name = "env", description = "Prints WORKBENCH_SPARK_MASTER=… and KAFKA_BOOTSTRAP_SERVERS=… of the running"
        + " cluster (./workbench start --cluster uses them).")
final class EnvCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ClusterMain.Target target = ClusterMain.Target.load();
        ClusterState state = target.state().orElseThrow(() -> new ClusterException(target.notRunning()));
        List<ClusterState.Member> dead = ClusterMain.dead(state);
        if (dead.size() == state.processes().size()) {
            throw new ClusterException("The local cluster in " + target.dir() + " is not running (every process is"
                    + " gone); start it with ./workbench cluster start.");
        }
        if (!dead.isEmpty()) {
            spec.commandLine().getErr().println("workbench: warning: part of the local cluster is down ("
                    + dead.stream().map(ClusterState.Member::name).collect(Collectors.joining(", "))
                    + "); ./workbench cluster status tells more.");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("WORKBENCH_SPARK_MASTER=" + state.masterUrl());
        out.println("KAFKA_BOOTSTRAP_SERVERS=" + state.bootstrapServers());
        return 0;
    }
}
