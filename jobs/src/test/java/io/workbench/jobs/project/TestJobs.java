package io.workbench.jobs.project;

import io.workbench.jobs.Deployment;
import io.workbench.jobs.JobParameter;
import java.time.Instant;
import java.util.List;

/** Exported jobs as the project's files see them, without an export. */
final class TestJobs {
    static final List<String> JVM_OPTIONS = List.of("--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false");

    private TestJobs() {
    }

    /** Job {@code sales}: parameters topic (literal "events"), partitions (literal 4) and since (code). */
    static ExportedJob sales(Deployment deployment) {
        List<JobParameter> params = List.of(new JobParameter("topic", "String", "events", "\"events\"", "the topic"),
                new JobParameter("partitions", "int", 4, "4", ""),
                new JobParameter("since", "Duration", null, "Duration.ofHours(\n    2)", ""));
        return new ExportedJob("notebooks/02-sales.ipynb", "Sales & more", "0123456789ab", Instant.EPOCH,
                "0.1.0-SNAPSHOT", new JobNames("sales", "SalesJob"), "jobs.SalesJob", params, List.of(),
                "src/main/java/jobs/SalesJob.java", "", deployment, JVM_OPTIONS, "3.5.7");
    }
}
