package io.workbench.jobs.project;

import io.workbench.jobs.Deployment;
import io.workbench.jobs.JobParameter;

/**
 * The exported project's {@code run/spark-submit.sh}: the job on the user's own Spark cluster, through
 * {@code spark-submit}, with the jar {@code mvn package} builds (Spark itself is the cluster's). Where Spark runs,
 * where Kafka is and where checkpoints go come from the environment ({@code SPARK_MASTER},
 * {@code KAFKA_BOOTSTRAP_SERVERS}, {@code CHECKPOINT_DIR}); arguments after the script's name go to the job.
 *
 * <p>The JVM flags Spark needs on JDK 17 go into {@code spark.driver.extraJavaOptions} and
 * {@code spark.executor.extraJavaOptions}: spark-submit adds them to a driver it starts itself (client mode), but a
 * driver started on a worker (cluster mode) gets only what {@code spark.driver.extraJavaOptions} carries.
 */
final class SparkSubmitScript {
    /** Where the script is, in the project. */
    static final String PATH = "run/spark-submit.sh";

    private SparkSubmitScript() {
    }

    static String render(ExportedJob job) {
        String name = job.names().job();
        String mode = mode(job);
        StringBuilder sb = new StringBuilder("#!/usr/bin/env bash\n");
        sb.append("# ").append(job.title()).append(" (job ").append(name).append(") with spark-submit, on your own Spark")
                .append(" cluster.\n");
        sb.append("# Exported by the workbench from ").append(job.notebook()).append(", revision ").append(job.revision())
                .append("; README.md says more.\n#\n");
        sb.append("""
                # Build the jar first: mvn -q package (target/%s: the job, the workbench's runtime, the
                # Kafka source and Avro; not Spark, which is the cluster's: Spark %s for Scala 2.12, on Java 17).
                #
                # Set:
                #   SPARK_MASTER             where Spark runs: spark://HOST:7077, k8s://https://HOST:PORT, yarn, local[2]
                #   KAFKA_BOOTSTRAP_SERVERS  the Kafka cluster the job reads and writes: HOST:9092,HOST:9092
                #   CHECKPOINT_DIR           where the queries keep their checkpoints (DIR/<query name>): a durable
                #                            directory that the driver and every executor see at this same path (a
                #                            shared mount). A lost checkpoint means reprocessing or lost state.
                # and, if you like:
                #   DEPLOY_MODE   client (the default): the driver runs here, as a child of this script;
                #                 cluster: on a worker (standalone), in a pod (Kubernetes). The jar must then be where
                #                 the cluster can read it (JOB_JAR: a URL such as hdfs://… or a path on every worker).
                #   JOB_MODE      continuous, scheduled or once (default: %s); for a schedule, run this script from
                #                 your scheduler with JOB_MODE=scheduled, never two runs at once (flock -n).
                #   JOB_JAR       the jar (default: target/%s next to this script)
                #   SPARK_HOME    spark-submit is $SPARK_HOME/bin/spark-submit (default: spark-submit on the PATH)
                #   SPARK_SUBMIT  another command that takes spark-submit's arguments
                #
                # Arguments go to the job: --param NAME=VALUE (the last one of a name wins), --run-id ID,
                # --starting-offsets latest, --trigger-interval 10s; --help lists them. Exit codes: 0 done or stopped
                # (SIGTERM), 1 failed, 2 a wrong parameter or setting, 3 a checkpoint of a different query, 4 Kafka
                # data loss; only 1 is worth a retry.
                """.formatted(job.clusterJar(), job.sparkVersion(), mode, job.clusterJar()));
        for (JobParameter p : JobArguments.computed(job)) {
            sb.append("# Parameter ").append(p.name()).append(" (").append(p.type()).append(") defaults to the")
                    .append(" notebook's code: ").append(oneLine(p.defaultCode())).append('\n');
        }
        sb.append("""
                set -euo pipefail
                project="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
                : "${SPARK_MASTER:?Set SPARK_MASTER: spark://HOST:7077, k8s://https://HOST:PORT, yarn or local[2]}"
                : "${KAFKA_BOOTSTRAP_SERVERS:?Set KAFKA_BOOTSTRAP_SERVERS: HOST:9092,...}"
                : "${CHECKPOINT_DIR:?Set CHECKPOINT_DIR: a durable directory that the driver and the executors share}"
                """);
        sb.append("# Spark on JDK 17 (the job runtime's job-runtime.jvm-options).\n");
        sb.append("jvm_options=").append(quote(job.jvmOptionsLine())).append('\n');
        sb.append("""
                if [ -n "${SPARK_SUBMIT:-}" ]; then
                  read -r -a submit <<< "$SPARK_SUBMIT"
                else
                  submit=("${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit")
                fi

                """);
        sb.append(command(job, "exec \"${submit[@]}\""));
        return sb.toString();
    }

    /**
     * The command itself, as the script runs it and the README shows it: {@code $jvm_options} stands for the JVM
     * flags, the other {@code $NAMES} for the settings above.
     */
    static String command(ExportedJob job, String submit) {
        String name = job.names().job();
        StringBuilder sb = new StringBuilder(submit).append(" \\\n");
        line(sb, "--class " + job.mainClass());
        line(sb, "--name " + quote(name));
        line(sb, "--master \"$SPARK_MASTER\"");
        line(sb, "--deploy-mode \"${DEPLOY_MODE:-client}\"");
        line(sb, "--conf \"spark.driver.extraJavaOptions=$jvm_options"
                + " -Dworkbench.kafka.bootstrap-servers=$KAFKA_BOOTSTRAP_SERVERS\"");
        line(sb, "--conf \"spark.executor.extraJavaOptions=$jvm_options\"");
        line(sb, "\"${JOB_JAR:-$project/target/" + job.clusterJar() + "}\"");
        line(sb, "--job " + quote(name));
        line(sb, "--mode \"${JOB_MODE:-" + mode(job) + "}\"");
        line(sb, "--checkpoint-dir \"$CHECKPOINT_DIR\"");
        for (String p : JobArguments.params(job)) {
            line(sb, "--param " + quote(p));
        }
        sb.append("  \"$@\"\n");
        return sb.toString();
    }

    /** The mode the script runs the job in unless JOB_MODE says otherwise: the export's, else continuous. */
    static String mode(ExportedJob job) {
        return job.deployment().mode() == null ? Deployment.Mode.CONTINUOUS.option() : job.deployment().mode().option();
    }

    private static void line(StringBuilder sb, String text) {
        sb.append("  ").append(text).append(" \\\n");
    }

    /** A word for bash: as it is when it is safe, else in single quotes. */
    static String quote(String s) {
        if (s.matches("[A-Za-z0-9_./:=,@%+-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
