package io.workbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.protocol.client.LocalKernel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * P2's windowed query (notebook 2's 1-minute windows with a watermark over the Avro events, each batch collected to
 * the driver) in a kernel JVM on a given Spark master, draining a backlog with AvailableNow in batches of at most
 * {@code perBatch} events, twice on fresh checkpoints in the same kernel: the first run is cold (on a cluster it
 * waits for dynamic allocation to start the executors, which then fetch the kernel's jars), the second warm. Each
 * run's figures come from the query's own progress (Spark's {@code durationMs} per batch) and from a listener on
 * the driver that sums the task metrics (where a task's time goes: deserialization with jar and class fetches,
 * running, result serialization, shuffle fetch waits, and the scheduler delay around them).
 */
final class WindowRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFINITIONS = """
            Dataset<Row> windowsOf(String topic, long perBatch) {
                return spark.readStream().format("kafka").option("kafka.bootstrap.servers", kafka.bootstrapServers())
                        .option("subscribe", topic).option("startingOffsets", "earliest").option("includeHeaders", "true")
                        .option("maxOffsetsPerTrigger", perBatch).load()
                        .select(io.workbench.ext.spark.EventFrames.decoded().as("event"))
                        .where(col("event.event_id").isNotNull()).select(col("event.*"))
                        .withWatermark("timestamp", "5 minutes")
                        .groupBy(window(col("timestamp"), "1 minute"), col("product_category"))
                        .agg(sum("amount").as("sales"), count("*").as("orders"));
            }
            class TaskTimes extends org.apache.spark.scheduler.SparkListener {
                final java.util.concurrent.atomic.AtomicLongArray t = new java.util.concurrent.atomic.AtomicLongArray(11);
                final java.util.List<Long> executorsAdded = new java.util.concurrent.CopyOnWriteArrayList<>();
                @Override public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd e) {
                    var m = e.taskMetrics();
                    var i = e.taskInfo();
                    if (m == null) return;
                    long gettingResult = i.gettingResultTime() > 0 ? i.finishTime() - i.gettingResultTime() : 0;
                    long[] v = {1, i.duration(), m.executorRunTime(), m.executorDeserializeTime(),
                            m.resultSerializationTime(), gettingResult, m.shuffleReadMetrics().fetchWaitTime(),
                            m.shuffleReadMetrics().remoteBytesRead(), m.shuffleWriteMetrics().writeTime() / 1_000_000,
                            m.jvmGCTime()};
                    for (int k = 0; k < v.length; k++) t.addAndGet(k, v[k]);
                    t.accumulateAndGet(10, m.executorDeserializeTime(), Math::max);
                }
                @Override public void onExecutorAdded(org.apache.spark.scheduler.SparkListenerExecutorAdded e) {
                    executorsAdded.add(e.time());
                }
                String json(long since) {
                    String[] names = {"tasks", "duration", "run", "deserialize", "result_serialize", "getting_result",
                            "shuffle_fetch_wait", "shuffle_remote_bytes", "shuffle_write", "gc", "deserialize_max"};
                    StringBuilder b = new StringBuilder("{");
                    for (int k = 0; k < names.length; k++) b.append('"').append(names[k]).append("\\":").append(t.get(k)).append(',');
                    long first = -1;
                    for (long at : executorsAdded) if (at >= since && (first < 0 || at < first)) first = at;
                    return b.append("\\"first_executor_added_ms\\":").append(first < 0 ? -1 : first - since).append('}').toString();
                }
            }
            var taskTimes = new TaskTimes();
            spark.sparkContext().addSparkListener(taskTimes);
            spark.sparkContext().master()
            """;

    private WindowRun() {
    }

    /** One run's figures. */
    record Figures(long rows, double wallSeconds, double eps, long firstBatchMs, List<Long> batchMs,
                   Map<String, Long> durationTotals, JsonNode tasks) {
        /** The batch duration (triggerExecution, ms) at quantile {@code q} of the batches that read rows; -1 if none. */
        long batchMs(double q) {
            List<Long> sorted = new ArrayList<>(batchMs);
            sorted.sort(null);
            return sorted.isEmpty() ? -1 : sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * q) - 1)));
        }

        Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rows", rows);
            m.put("events_per_s", Math.round(eps));
            m.put("wall_s", Math.round(wallSeconds * 1000) / 1000.0);
            m.put("start_to_first_batch_ms", firstBatchMs);
            m.put("batches", batchMs.size());
            m.put("batch_ms_p50", batchMs(0.5));
            m.put("batch_ms_p95", batchMs(0.95));
            m.put("batch_ms_max", batchMs(1.0));
            m.put("duration_ms_totals", durationTotals);
            m.put("tasks", tasks);
            return m;
        }
    }

    /**
     * Launches a kernel on {@code master} and runs the query over {@code topic} twice; returns the cold run and the
     * warm run. Progress files go under {@code home}.
     */
    static List<Figures> run(Path kernels, Path home, String bootstrap, String master, String topic, long perBatch,
                             String label) throws Exception {
        try (LocalKernel k = StreamBench.launch(kernels, home, bootstrap, Map.of("WORKBENCH_SPARK_MASTER", master))) {
            StreamBench.cell(k, DEFINITIONS);
            List<Figures> out = new ArrayList<>();
            for (int run = 0; run < 2; run++) {
                Path file = home.resolve(label + "-" + run + ".json");
                StreamBench.cell(k, """
                        { long t0 = System.currentTimeMillis();
                        for (int i = 0; i < 11; i++) taskTimes.t.set(i, 0);
                        var q = windowsOf("%s", %dL).writeStream().queryName("%s_%d").outputMode("update")
                                .option("checkpointLocation", java.nio.file.Files.createTempDirectory(java.nio.file.Path.of("%s"), "checkpoint").toString())
                                .trigger(Trigger.AvailableNow())
                                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> batch.collectAsList()).start();
                        q.awaitTermination();
                        long t1 = System.currentTimeMillis();
                        StringBuilder b = new StringBuilder("{\\"t0\\":" + t0 + ",\\"t1\\":" + t1 + ",\\"tasks\\":" + taskTimes.json(t0) + ",\\"progress\\":[");
                        String sep = "";
                        for (var p : q.recentProgress()) { b.append(sep).append(p.json()); sep = ","; }
                        java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), b.append("]}").toString()); }
                        """.formatted(topic, perBatch, label, run, home, file));
                out.add(parse(JSON.readTree(file.toFile())));
            }
            return out;
        }
    }

    private static Figures parse(JsonNode r) {
        long t0 = r.path("t0").asLong();
        long rows = 0;
        long processingMs = 0;
        long firstBatch = -1;
        List<Long> batchMs = new ArrayList<>();
        Map<String, Long> totals = new LinkedHashMap<>();
        for (JsonNode p : r.path("progress")) {
            long n = p.path("numInputRows").asLong();
            if (n == 0) {
                continue;
            }
            long ms = p.path("durationMs").path("triggerExecution").asLong();
            rows += n;
            processingMs += ms;
            batchMs.add(ms);
            p.path("durationMs").fields().forEachRemaining(f -> totals.merge(f.getKey(), f.getValue().asLong(), Long::sum));
            if (firstBatch < 0) {
                firstBatch = java.time.Instant.parse(p.path("timestamp").asText()).toEpochMilli() + ms - t0;
            }
        }
        double eps = processingMs == 0 ? 0 : rows / (processingMs / 1000.0);
        return new Figures(rows, (r.path("t1").asLong() - t0) / 1000.0, eps, firstBatch, batchMs, totals,
                r.path("tasks"));
    }

    /** Writes a value to a JSON line. */
    static String json(Object value) throws Exception {
        return JSON.writeValueAsString(value);
    }
}
