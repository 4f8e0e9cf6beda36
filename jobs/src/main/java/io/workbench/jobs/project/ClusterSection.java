package io.workbench.jobs.project;

import io.workbench.jobs.Deployment.Mode;
import java.util.Map;

/**
 * The README's section on running the job under the user's own orchestrator: the spark-submit command (as
 * {@code run/spark-submit.sh} runs it) and the Spark operator manifests written, each with the mode it is for.
 */
final class ClusterSection {
    private ClusterSection() {
    }

    static String render(ExportedJob job) {
        String name = job.names().job();
        StringBuilder sb = new StringBuilder("## Run on your own Spark cluster\n\n");
        sb.append("No workbench is needed: `target/").append(job.clusterJar()).append("` holds the job and all it runs")
                .append(" on except Spark, which the cluster brings: Spark ").append(job.sparkVersion())
                .append(" for Scala 2.12, on Java 17.\n\n");
        sb.append("### spark-submit\n\n");
        sb.append("    SPARK_MASTER=spark://HOST:7077 KAFKA_BOOTSTRAP_SERVERS=HOST:9092 \\\n")
                .append("    CHECKPOINT_DIR=/shared/checkpoints/").append(name)
                .append(" run/spark-submit.sh [--param NAME=VALUE]...\n\n");
        sb.append("runs, with `jvm_options` the JVM flags of the section Run above (also in the script):\n\n```\n")
                .append(SparkSubmitScript.command(job, "spark-submit")).append("```\n\n");
        sb.append("The script reads `SPARK_MASTER`, `KAFKA_BOOTSTRAP_SERVERS` and `CHECKPOINT_DIR` (all required),")
                .append(" and `DEPLOY_MODE`, `JOB_MODE`, `JOB_JAR`, `SPARK_HOME` and `SPARK_SUBMIT`; its comments say")
                .append(" what each is. In client mode (the default) the driver runs where the script runs. In cluster mode")
                .append(" it starts on a worker, without the JDK 17 `--add-opens` unless `spark.driver.extraJavaOptions`")
                .append(" carries them, which the script does; the jar must then be where the workers can read it. Do")
                .append(" not use `--supervise`: it restarts a failing driver at once, without limit, also when no")
                .append(" restart can help (exit codes 2, 3 and 4).\n\n");
        sb.append("### Kubernetes: the Kubeflow Spark operator\n\n");
        Map<String, String> manifests = SparkOperatorManifests.render(job);
        for (String path : manifests.keySet()) {
            sb.append("- `").append(path).append("`: ").append(path.equals(SparkOperatorManifests.SCHEDULED)
                    ? "a `ScheduledSparkApplication`, for the job on a schedule (`--mode scheduled`"
                            + (job.deployment().cron() != null ? ", cron `" + job.deployment().cron() + "` in "
                                    + job.deployment().timeZone() : "") + ")"
                    : job.deployment().mode() == Mode.ONCE ? "a `SparkApplication` for one run (`--mode once`)"
                            : "a `SparkApplication`, for the job running continuously (`--mode continuous`)")
                    .append(";\n");
        }
        sb.append("\nFill in each `<PLACEHOLDER>` (the comments above it say what goes there): the image (Spark ")
                .append(job.sparkVersion()).append(" on Java 17, with `target/").append(job.clusterJar())
                .append("` in `").append(SparkOperatorManifests.JAR_DIR).append("/`), the service account, the Kafka")
                .append(" bootstrap servers and the volume claim for the checkpoints.\n\n");
        sb.append("### What you take over from the workbench\n\n");
        sb.append("- **Durable checkpoints.** `DIR/<query name>` holds each query's Kafka offsets and state. It must")
                .append(" outlive every run and be one directory that the driver and all executors see at the same path")
                .append(" (a shared file system); a run on a lost or different checkpoint reprocesses or loses state.")
                .append(" The job checks a local checkpoint before each query's first batch (exit code 3 when a different")
                .append(" query wrote it) and writes nothing else about it.\n");
        sb.append("- **Supervision.** The workbench restarts a failed continuous run with doubling delays only for exit")
                .append(" code 1 and ends a crash loop; here your orchestrator decides, from the exit code.\n");
        sb.append("- **History and status.** No jobs page, run history, log tail or status file (`--status-file` writes")
                .append(" one if you ask); the driver's log and Spark's UI are what you have.\n");
        return sb.toString();
    }
}
