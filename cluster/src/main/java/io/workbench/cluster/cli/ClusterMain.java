package io.workbench.cluster.cli;

import io.workbench.cluster.ClusterConfig;
import io.workbench.cluster.ClusterException;
import io.workbench.cluster.ClusterState;
import io.workbench.config.ConfigException;
import io.workbench.config.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./workbench cluster start|stop|status|env}: the local cluster of {@code cluster.*} settings in
 * {@code cluster.dir}. Exits 0, 1 (not running or not healthy, or an error, printed without a stack trace) or 2
 * (usage).
 */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "A local Spark standalone cluster (a master,"
        + " two workers) and a three-node Kafka cluster, as processes on 127.0.0.1 (docs/cluster.md).",
        subcommands = {StartCommand.class, StopCommand.class, StatusCommand.class, EnvCommand.class})
public final class ClusterMain {
    private ClusterMain() {
    }

    public static void main(String[] args) {
        // The Kafka admin client logs every connection attempt to a stopped node; the commands say what matters.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "error"));
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine cli = new CommandLine(new ClusterMain());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ClusterException || e instanceof ConfigException) {
                cmd.getErr().println("workbench: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
    }

    /** The configured cluster's directory and shape. */
    record Target(Path dir, ClusterConfig config) {
        static Target load() {
            Settings settings = Settings.load();
            return new Target(settings.resolve(ClusterConfig.DIR), ClusterConfig.from(settings));
        }

        Optional<ClusterState> state() {
            return ClusterState.read(dir);
        }

        String notRunning() {
            return "No local cluster runs in " + dir + "; start one with ./workbench cluster start.";
        }
    }

    /** The processes of {@code state} that are not running. */
    static List<ClusterState.Member> dead(ClusterState state) {
        return state.processes().stream().filter(m -> !m.alive()).toList();
    }
}
