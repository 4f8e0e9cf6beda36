package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.workbench.protocol.Channel;
import io.workbench.protocol.Message;
import io.workbench.protocol.MessageType;
import io.workbench.protocol.client.Execution;
import io.workbench.protocol.client.KernelSpecFile;
import io.workbench.protocol.messages.InterruptRequest;
import io.workbench.testkit.SharedCluster;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A kernel shares the project's two-worker cluster ({@link SharedCluster}): it holds no executor until a cell runs a
 * job, the kernel's own Spark warm-up (which only plans on a cluster) and the warm pool's warm-up cell (the
 * kernelspec's) take none, executors go back once the notebook is idle, and a
 * cell whose job cannot get an executor says so in its output, with what to do, instead of hanging silently.
 */
class ClusterSharingIT {
    private static final String PROGRESS = "application/vnd.workbench.spark-progress+json";
    /** Live executors, the driver's block manager left out. */
    private static final String EXECUTORS = "spark.sparkContext().statusTracker().getExecutorInfos().length - 1";

    @Test
    void aKernelHoldsExecutorsOnlyWhileItsCellsNeedThem() throws Exception {
        // Shorter idle timeouts than the defaults (60 s, 120 s with shuffle data) so the test need not wait minutes.
        try (StreamingKernel kernel = new StreamingKernel(Map.of("WORKBENCH_SPARK_MASTER", SharedCluster.masterUrl(),
                "WORKBENCH_SPARK_CONF", "spark.dynamicAllocation.executorIdleTimeout=3s;"
                        + "spark.dynamicAllocation.shuffleTracking.timeout=5s"))) {
            TestKernels.awaitSpark(kernel.kernel(), true);
            KernelSpecFile spec = KernelSpecFile.read(TestKernels.kernelsDir().resolve("workbench-java/kernel.json"));
            String warmup = String.valueOf(spec.metadata().get("workbench_warmup"));
            assertTrue(warmup.contains("spark"), String.valueOf(spec.metadata()));
            kernel.cell("warm-up", warmup);
            Thread.sleep(2_000);
            assertEquals("0", kernel.cell("warmed-up", EXECUTORS).resultText().trim(),
                    "a kernel that has warmed Spark up, and run the warm pool's warm-up cell, holds no executor:"
                    + " on a cluster neither runs a job");

            assertEquals("10", kernel.cell("job", "spark.range(0, 1000, 1, 4).selectExpr(\"id % 10 AS k\")"
                    + ".groupBy(\"k\").count().count()").resultText().trim());
            long t0 = System.nanoTime();
            String held = "";
            while (!held.equals("0") && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(90)) {
                Thread.sleep(1_000);
                held = kernel.cell("idle", EXECUTORS).resultText().trim();
            }
            assertEquals("0", held, "an idle notebook gives its executors back");
            System.out.printf("ClusterSharingIT: executors given back %.1f s after the job%n",
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    @Test
    void aCellWaitingForExecutorsSaysSoAndCanBeInterrupted() throws Exception {
        // Executors of 4 GiB: no worker of the local cluster (1 GiB each) can ever start one.
        try (StreamingKernel kernel = new StreamingKernel(Map.of("WORKBENCH_SPARK_MASTER", SharedCluster.masterUrl(),
                "WORKBENCH_SPARK_CONF", "spark.executor.memory=4g"))) {
            Execution e = Execution.start(kernel.kernel().client(), "spark.range(0, 100, 1, 2).count()", "starved");
            JsonNode shown = kernel.await("the waiting notice", () -> waiting(e), n -> true);
            assertTrue(shown.path("waitingMs").asLong() >= 10_000, shown.toString());
            assertEquals(SharedCluster.masterUrl(), shown.path("master").asText(), shown.toString());
            String text = e.iopub().stream().filter(m -> m.content().path("data").has("text/plain"))
                    .map(m -> m.content().path("data").path("text/plain").asText())
                    .filter(t -> t.contains("waiting")).reduce((a, b) -> b).orElse("");
            assertTrue(text.contains("Spark: waiting") && text.contains("executors") && text.contains(SharedCluster.masterUrl()),
                    text);
            assertEquals(null, e.reply(), "the cell still runs");

            kernel.kernel().client().request(Channel.CONTROL, MessageType.INTERRUPT_REQUEST, new InterruptRequest())
                    .reply().get(10, TimeUnit.SECONDS);
            Message reply = e.replyFuture().get(60, TimeUnit.SECONDS);
            e.await(Duration.ofSeconds(10));
            assertEquals("error", reply.content().path("status").asText(), reply.content().toString());
            assertEquals("ok", kernel.run("after", "1 + 1").status(), "the kernel goes on after the interrupt");
        }
    }

    /** The newest progress bundle of the execution that says it waits for executors, or null. */
    private static JsonNode waiting(Execution e) {
        JsonNode found = null;
        for (Message m : e.iopub()) {
            JsonNode p = m.content().path("data").path(PROGRESS);
            if (p.path("waitingForExecutors").asBoolean(false)) {
                found = p;
            }
        }
        return found;
    }
}
