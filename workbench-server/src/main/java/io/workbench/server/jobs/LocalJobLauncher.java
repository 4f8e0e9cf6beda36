package io.workbench.server.jobs;

import io.workbench.config.MetricsKeys;
import io.workbench.process.ChildProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts job runs as JVMs on this machine: {@code java -Xmx<heap> <Spark's JVM flags> -cp <the project's classes>:<the
 * job runtime> <main class> --job … --run-id … --mode … --status-file … --checkpoint-dir … --param k=v…}, with the
 * environment kernels get (where Kafka is, the workbench home). Spark's master comes from the settings, as for
 * kernels. A run is detached from the server's own shutdown: the manager decides whether it stops.
 */
public final class LocalJobLauncher implements JobLauncher {
    private final JobsConfig config;
    private final Map<String, String> env;

    public LocalJobLauncher(JobsConfig config, Map<String, String> env) {
        this.config = config;
        this.env = Map.copyOf(env);
    }

    @Override
    public ChildProcess launch(JobDefinition job, RunRecord run, JobMode mode, RunFiles files) {
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaBin(), "-Xmx" + config.heap(),
                "-Djava.awt.headless=true", "-Djava.net.preferIPv4Stack=true"));
        command.addAll(config.jvmFlags());
        command.addAll(List.of("-cp", Path.of(job.projectDir()).resolve("target/classes") + java.io.File.pathSeparator
                + config.runtimeClasspath(), job.mainClass(),
                "--job", job.name(), "--run-id", run.id(), "--mode", mode.wireName(),
                "--status-file", files.status().toString(), "--checkpoint-dir", files.checkpoints().toString()));
        run.params().forEach((k, v) -> command.addAll(List.of("--param", k + "=" + v)));
        if (job.startingOffsets() != null) {
            command.addAll(List.of("--starting-offsets", job.startingOffsets()));
        }
        Map<String, String> runEnv = new java.util.HashMap<>(env);
        if (env.containsKey(MetricsKeys.TOKEN.envName())) {
            runEnv.put(MetricsKeys.PORT_FILE.envName(), files.metricsPort().toString());
        }
        return ChildProcess.spawn(new ChildProcess.Spec("job " + job.name() + " run " + run.id(), command, runEnv, null,
                files.log())).detached();
    }
}
