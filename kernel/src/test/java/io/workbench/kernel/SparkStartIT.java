package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.ext.spark.SparkStartNotice;
import io.workbench.protocol.client.Execution;
import io.workbench.protocol.client.LocalKernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A cell run while Spark is still starting says that it waits for Spark, counting, and then when Spark started;
 * the control channel says where Spark is meanwhile, and the warm-up that follows shows nothing in any cell. Spark's
 * start is held by a test listener until the test lets it go, so nothing here depends on timing.
 */
class SparkStartIT {

    @Test
    void aCellWaitingForSparkSaysSoAndThenRuns() throws Exception {
        Path gate = Files.createTempDirectory("spark-gate").resolve("open");
        try (LocalKernel kernel = TestKernels.launch(Map.of(
                "WORKBENCH_SPARK_CONF", "spark.extraListeners=" + HeldSparkStart.class.getName(),
                "WORKBENCH_TEST_SPARK_GATE", gate.toString()), null, true)) {
            assertEquals("starting", TestKernels.sparkStatus(kernel));
            Execution cell = Execution.start(kernel.client(), "spark.range(10).count()");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (texts(cell).stream().noneMatch(t -> t.startsWith("Waiting for Spark to start"))) {
                assertTrue(System.nanoTime() < deadline, () -> "no waiting line: " + cell.iopub());
                Thread.sleep(50);
            }
            Files.createFile(gate);
            cell.await(Duration.ofSeconds(120));
            assertEquals("ok", cell.status(), () -> cell.iopub() + "\n" + kernel.logTail(40));
            assertEquals("10", cell.resultText());
            List<String> texts = texts(cell);
            String last = texts.get(texts.size() - 1);
            assertTrue(last.startsWith("Spark started ") && last.contains("this cell waited"), () -> "the final word: " + texts);
            assertTrue(List.of("warming", "ready").contains(TestKernels.sparkStatus(kernel)));

            TestKernels.awaitSpark(kernel, true);
            String log = kernel.logTail(400);
            assertTrue(log.contains("Spark warmed up in") && !log.contains("warm-up step"), () -> "every warm-up step"
                    + " runs, and says so in the kernel log:\n" + kernel.logTail(60));
            Execution next = TestKernels.run(kernel, "spark.range(5).count()");
            assertEquals("5", next.resultText());
            assertTrue(texts(next).isEmpty(), () -> "a later cell shows no waiting line: " + texts(next));
            assertTrue(next.iopub().stream().noneMatch(m -> m.type().equals("stream")),
                    () -> "the warm-up writes nothing into a cell: " + next.iopub());
        }
    }

    /** The text of the Spark start notice's display and its updates in a cell, in order. */
    private static List<String> texts(Execution e) {
        return e.iopub().stream().filter(m -> m.type().equals("display_data") || m.type().equals("update_display_data"))
                .filter(m -> m.content().path("data").has(SparkStartNotice.MIME))
                .map(m -> m.content().path("data").path("text/plain").asText()).toList();
    }
}
