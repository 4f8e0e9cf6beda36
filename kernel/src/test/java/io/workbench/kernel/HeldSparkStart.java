package io.workbench.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.scheduler.SparkListener;

/**
 * A Spark listener for tests (named in {@code spark.extraListeners}) that holds the SparkContext's start until the
 * file named by {@code WORKBENCH_TEST_SPARK_GATE} exists (at most 180 s): a test decides when Spark is up, without
 * timing.
 */
public final class HeldSparkStart extends SparkListener {
    public HeldSparkStart() throws InterruptedException {
        Path gate = Path.of(System.getenv("WORKBENCH_TEST_SPARK_GATE"));
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (!Files.exists(gate) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
