package io.workbench.server.jobs;

import io.workbench.process.ChildProcess;
import java.nio.file.Path;

/**
 * How a job run's JVM is started: on this machine ({@link LocalJobLauncher}), or (later) through spark-submit on a
 * cluster. The launcher only starts; the manager watches, records and stops. Blocks briefly; call it off event
 * loops.
 */
public interface JobLauncher {
    /** Where a run keeps its files. */
    record RunFiles(Path dir, Path log, Path status, Path checkpoints) {
        /** Where the run's JVM announces the port of its {@code /metrics}. */
        Path metricsPort() {
            return dir.resolve("metrics.port");
        }

        static RunFiles of(Path jobDir, String runId) {
            Path dir = jobDir.resolve("runs").resolve(runId);
            return new RunFiles(dir, dir.resolve("run.log"), dir.resolve("status.json"), jobDir.resolve("checkpoints"));
        }
    }

    /**
     * Starts the run's JVM with the options of docs/jobs.md.
     *
     * @param mode the run's mode: a job's own mode, or once for a run asked for by hand
     * @throws io.workbench.process.ChildProcessException when it cannot be started
     */
    ChildProcess launch(JobDefinition job, RunRecord run, JobMode mode, RunFiles files);
}
