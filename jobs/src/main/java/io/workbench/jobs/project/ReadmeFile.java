package io.workbench.jobs.project;

import io.workbench.jobs.JobParameter;
import java.util.List;

/** The exported project's README.md: how to build and run the job, its options, parameters and exit codes. */
final class ReadmeFile {
    private static final String OPTIONS = """
            | Option | Meaning |
            |---|---|
            | `--job NAME` | the job's name: the checkpoint scope and the Kafka sink prefix |
            | `--run-id ID` | this run's id |
            | `--mode continuous\\|scheduled\\|once` | continuous: until stopped; scheduled and once: `Trigger.AvailableNow`, exit when every query has processed what was there at start |
            | `--status-file PATH` | where the run writes its status |
            | `--checkpoint-dir DIR` | checkpoints: `DIR/<query name>` |
            | `--param NAME=VALUE` | a parameter (repeatable); also `WORKBENCH_PARAM_<NAME>` in the environment, and `--params FILE` (a JSON object); `--param` wins over the environment, which wins over the file, which wins over the notebook's default |
            | `--trigger-interval DURATION` | continuous runs' micro-batch interval when the writer sets none (`1s`) |
            """;
    private static final String EXIT_CODES = """
            | Code | Meaning |
            |---|---|
            | 0 | done: every query finished (scheduled, once) or the run was stopped (SIGTERM) |
            | 1 | a query or the job's code failed |
            | 2 | a parameter or setting is wrong (checked before Spark starts) |
            | 3 | a checkpoint was written by a different query (checked before the query's first batch) |
            | 4 | Kafka data loss |
            """;

    private ReadmeFile() {
    }

    static String render(ExportedJob job) {
        String name = job.names().job();
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(job.title()).append("\n\n");
        sb.append("A streaming job exported by the workbench from `").append(job.notebook()).append("` (revision `")
                .append(job.revision()).append("`, ").append(job.exportedAt()).append("). Its code is `")
                .append(job.sourcePath()).append("`; [EXPORT.md](EXPORT.md) says what became of each notebook cell, and ")
                .append("`job.json` says the same for programs.\n\n");
        sb.append("## Build\n\n    mvn -q package\n\nbuilds `target/").append(name).append(".jar` and copies what it runs on")
                .append(" to `target/lib/`; the jar's manifest names its main class (`").append(job.mainClass())
                .append("`) and those jars. It also builds `target/").append(job.clusterJar()).append("`, one jar for")
                .append(" your own Spark cluster: the job, the workbench's runtime, the Kafka source and Avro, but not Spark")
                .append(" (below). It depends on `io.workbench:workbench-job-runtime:")
                .append(job.workbenchVersion()).append("`, which must be in your Maven repository")
                .append(" (`./workbench build` installs it).\n\n");
        sb.append("## Run\n\nSpark on JDK 17 needs the JVM flags that spark-submit adds:\n\n    java");
        for (String flag : job.jvmOptions()) {
            sb.append(" \\\n      ").append(flag);
        }
        sb.append(" \\\n      -jar target/").append(name).append(".jar --job ").append(name).append(" --mode once\n\n");
        sb.append("The workbench runs it the same way, supervised (docs/jobs.md). Spark's master and the Kafka bootstrap")
                .append(" servers come from the usual settings: `WORKBENCH_SPARK_MASTER`, `KAFKA_BOOTSTRAP_SERVERS`,")
                .append(" `conf/workbench.properties`.\n\n");
        sb.append("### Options\n\n").append(OPTIONS).append('\n');
        sb.append("### Parameters\n\n").append(parameters(job.parameters())).append('\n');
        sb.append("### Exit codes\n\n").append(EXIT_CODES).append('\n');
        sb.append(ClusterSection.render(job));
        return sb.toString();
    }

    private static String parameters(List<JobParameter> params) {
        if (params.isEmpty()) {
            return "The notebook has no cell tagged `parameters`, so the job takes none.\n";
        }
        StringBuilder sb = new StringBuilder("From the notebook's cell tagged `parameters`; each can be set per run"
                + " (`--param " + params.get(0).name() + "=…`).\n\n| Name | Type | Default | What |\n|---|---|---|---|\n");
        for (JobParameter p : params) {
            sb.append("| `").append(p.name()).append("` | ").append(p.type()).append(" | `")
                    .append(ReportFile.cell(p.defaultCode())).append("` | ").append(ReportFile.cell(p.doc()))
                    .append(" |\n");
        }
        return sb.toString();
    }
}
