package io.workbench.jobs.project;

import io.workbench.jobs.CellReport;
import io.workbench.jobs.Deployment;
import io.workbench.jobs.JobParameter;
import java.time.Instant;
import java.util.List;

/**
 * Everything the exported project's files say about the job.
 *
 * @param notebook     the notebook's path as the export was asked for it
 * @param title        the notebook's first heading, or the job's name
 * @param deployment   how the job is meant to run: which orchestrator files are written, with which schedule
 * @param jvmOptions   the JVM flags a job JVM needs (the job runtime's {@code job-runtime.jvm-options})
 * @param sparkVersion the Spark the job runtime runs on, which the cluster must have
 */
public record ExportedJob(String notebook, String title, String revision, Instant exportedAt, String workbenchVersion,
                          JobNames names, String mainClass, List<JobParameter> parameters, List<CellReport> cells,
                          String sourcePath, String source, Deployment deployment, List<String> jvmOptions,
                          String sparkVersion) {
    public ExportedJob {
        parameters = List.copyOf(parameters);
        cells = List.copyOf(cells);
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** The jar for spark-submit that {@code mvn package} builds: the job and what it runs on, except Spark. */
    public String clusterJar() {
        return names.job() + "-cluster.jar";
    }

    /** The JVM flags as one string, as {@code spark.driver.extraJavaOptions} takes them. */
    public String jvmOptionsLine() {
        return String.join(" ", jvmOptions);
    }
}
