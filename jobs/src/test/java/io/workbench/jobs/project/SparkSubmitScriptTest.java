package io.workbench.jobs.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.jobs.Deployment;
import io.workbench.jobs.Deployment.Mode;
import org.junit.jupiter.api.Test;

class SparkSubmitScriptTest {
    @Test
    void submitsTheClusterJarWithTheJobsClassTheJvmFlagsAndTheParameters() {
        String script = SparkSubmitScript.render(TestJobs.sales(Deployment.unknown()));
        assertTrue(script.startsWith("#!/usr/bin/env bash\n# Sales & more (job sales) with spark-submit"), script);
        String command = script.substring(script.indexOf("exec \"${submit[@]}\""));
        assertEquals("""
                exec "${submit[@]}" \\
                  --class jobs.SalesJob \\
                  --name sales \\
                  --master "$SPARK_MASTER" \\
                  --deploy-mode "${DEPLOY_MODE:-client}" \\
                  --conf "spark.driver.extraJavaOptions=$jvm_options -Dworkbench.kafka.bootstrap-servers=$KAFKA_BOOTSTRAP_SERVERS" \\
                  --conf "spark.executor.extraJavaOptions=$jvm_options" \\
                  "${JOB_JAR:-$project/target/sales-cluster.jar}" \\
                  --job sales \\
                  --mode "${JOB_MODE:-continuous}" \\
                  --checkpoint-dir "$CHECKPOINT_DIR" \\
                  --param topic=events \\
                  --param partitions=4 \\
                  "$@"
                """, command);
        assertTrue(script.contains("\njvm_options='" + String.join(" ", TestJobs.JVM_OPTIONS) + "'\n"), script);
        assertTrue(script.contains(": \"${SPARK_MASTER:?"), "SPARK_MASTER is required");
        assertTrue(script.contains(": \"${KAFKA_BOOTSTRAP_SERVERS:?"));
        assertTrue(script.contains(": \"${CHECKPOINT_DIR:?"));
        assertTrue(script.contains("# Parameter since (Duration) defaults to the notebook's code: Duration.ofHours( 2)"));
    }

    @Test
    void runsInTheExportsModeByDefault() {
        String script = SparkSubmitScript.render(TestJobs.sales(new Deployment(Mode.SCHEDULED, "0 * * * *", null, null)));
        assertTrue(script.contains("--mode \"${JOB_MODE:-scheduled}\""), script);
    }

    @Test
    void quotesWhatBashWouldReadOtherwise() {
        assertEquals("topic=events", SparkSubmitScript.quote("topic=events"));
        assertEquals("'name=a b'", SparkSubmitScript.quote("name=a b"));
        assertEquals("'it'\\''s'", SparkSubmitScript.quote("it's"));
        assertEquals("'$HOME'", SparkSubmitScript.quote("$HOME"));
    }
}
