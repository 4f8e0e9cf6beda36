package io.workbench.ext.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.workbench.ext.query.QueryRegistry;
import io.workbench.ext.query.QuerySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.execution.streaming.ProcessingTimeTrigger;
import org.apache.spark.sql.execution.streaming.StreamingQueryWrapper;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * The {@code workbench_query_*} metrics of every streaming query of a runtime, kept up to date from Spark's progress
 * events (a {@link QueryRegistry.Listener}). One set of series per query name: a query that stops keeps its series,
 * with {@code workbench_query_up} 0, and one started again under the same name continues them.
 *
 * <p>Thread-safe: Spark calls the listener on its listener-bus thread, Prometheus reads on the endpoint's thread.
 * Nothing here blocks.
 */
final class QueryMetrics implements QueryRegistry.Listener {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Batch-duration buckets, seconds: a 1-second trigger's batches land in the middle. */
    private static final Duration[] BATCH_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)};

    private final MeterRegistry registry;
    private final Map<String, Meters> byName = new ConcurrentHashMap<>();

    QueryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The meters of one query name; gauges read these fields (Micrometer holds gauge objects weakly: we keep them). */
    private final class Meters {
        final Tags tags;
        volatile double up;
        volatile double failed;
        volatile double inputRate;
        volatile double processedRate;
        volatile double triggerSeconds;
        volatile double lastProgress = Double.NaN;
        volatile double watermark = Double.NaN;
        volatile double maxEventTime = Double.NaN;
        volatile double stateRows;
        volatile double stateBytes;
        volatile long lastBatchId = -1;
        final Map<String, Double> lagByTopic = new ConcurrentHashMap<>();
        final Counter batches;
        final Counter inputRows;
        /** Null while the sink is not known to count its rows: no series rather than a false 0. */
        private volatile Counter outputRows;
        final Counter lateRows;
        final Timer batchDuration;
        private boolean watermarkRegistered;

        Meters(String name) {
            tags = Tags.of("query_name", name);
            gauge("workbench_query_up", "1 while the query runs, 0 once it stopped or failed", m -> m.up);
            gauge("workbench_query_failed", "1 if the query ended with an exception", m -> m.failed);
            gauge("workbench_query_input_rows_per_second", "Spark's inputRowsPerSecond of the last batch",
                    m -> m.inputRate);
            gauge("workbench_query_processed_rows_per_second", "Spark's processedRowsPerSecond of the last batch",
                    m -> m.processedRate);
            gauge("workbench_query_trigger_interval_seconds",
                    "The processing-time trigger's interval; 0 for as fast as possible", m -> m.triggerSeconds);
            gauge("workbench_query_last_progress_timestamp_seconds", "When the last batch started (Unix time)",
                    m -> m.lastProgress);
            gauge("workbench_query_state_rows", "Rows in the state stores, over all stateful operators",
                    m -> m.stateRows);
            gauge("workbench_query_state_memory_bytes", "Memory used by the state stores", m -> m.stateBytes);
            batches = Counter.builder("workbench_query_batches_total").description("Micro-batches completed")
                    .tags(tags).register(registry);
            inputRows = Counter.builder("workbench_query_input_rows_total").description("Rows read from the sources")
                    .tags(tags).register(registry);
            lateRows = Counter.builder("workbench_query_late_rows_dropped_total")
                    .description("Rows dropped as later than the watermark").tags(tags).register(registry);
            batchDuration = Timer.builder("workbench_query_batch_duration_seconds")
                    .description("Duration of each micro-batch (Spark's durationMs.triggerExecution)")
                    .serviceLevelObjectives(BATCH_BUCKETS).tags(tags).register(registry);
        }

        private void gauge(String metric, String help, java.util.function.ToDoubleFunction<Meters> f) {
            Gauge.builder(metric, this, f).description(help).tags(tags).register(registry);
        }

        /**
         * {@code workbench_query_output_rows_total}, registered (at 0) once the sink is known to count its rows: a
         * sink Spark writes through the V1 {@code Sink} API ({@code foreachBatch}, so every {@code display()} live
         * view; the file sink) reports {@code numOutputRows} -1 at every batch, and has no such series.
         */
        synchronized Counter outputRows() {
            if (outputRows == null) {
                outputRows = Counter.builder("workbench_query_output_rows_total")
                        .description("Rows written to the sink").tags(tags).register(registry);
            }
            return outputRows;
        }

        /** The event-time gauges exist only once the query has a watermark: without one they would mean nothing. */
        synchronized void registerWatermark() {
            if (watermarkRegistered) {
                return;
            }
            watermarkRegistered = true;
            gauge("workbench_query_watermark_timestamp_seconds", "The event-time watermark (Unix time)",
                    m -> m.watermark);
            gauge("workbench_query_event_time_max_timestamp_seconds",
                    "The newest event time of the last batch (Unix time)", m -> m.maxEventTime);
            gauge("workbench_query_watermark_lag_seconds", "Now minus the watermark",
                    m -> System.currentTimeMillis() / 1000.0 - m.watermark);
            gauge("workbench_query_watermark_delay_seconds", "Newest event time minus the watermark",
                    m -> m.maxEventTime - m.watermark);
        }

        void lag(String topic, double records) {
            if (lagByTopic.put(topic, records) == null) {
                Gauge.builder("workbench_query_source_lag_records", this, m -> m.lagByTopic.getOrDefault(topic, 0.0))
                        .description("Kafka's latest offsets minus the offsets the last batch read to, over partitions")
                        .tags(tags.and("topic", topic)).register(registry);
            }
        }
    }

    private Meters meters(String name) {
        return byName.computeIfAbsent(name, Meters::new);
    }

    @Override
    public void onStarted(QuerySnapshot query, StreamingQuery handle) {
        Meters m = meters(query.name());
        m.up = 1;
        m.failed = 0;
        m.triggerSeconds = triggerSeconds(handle);
        if (sinkCountsRows(handle)) {
            m.outputRows();
        }
    }

    @Override
    public void onProgress(QuerySnapshot query, StreamingQueryProgress p) {
        Meters m = meters(query.name());
        m.up = 1;
        // Spark also reports progress while idle (no new data), under the batch id it last reported: that is no
        // batch, so it counts neither a batch nor a duration.
        boolean newBatch = p.batchId() != m.lastBatchId;
        m.lastBatchId = p.batchId();
        if (newBatch) {
            m.batches.increment();
        }
        m.inputRows.increment(Math.max(0, p.numInputRows()));
        // -1: the sink cannot count (see Meters.outputRows); a sink that can is registered from its start, or here
        // when its handle was not known then.
        if (p.sink() != null && p.sink().numOutputRows() >= 0) {
            m.outputRows().increment(p.sink().numOutputRows());
        }
        m.inputRate = finite(p.inputRowsPerSecond());
        m.processedRate = finite(p.processedRowsPerSecond());
        Long ms = p.durationMs().get("triggerExecution");
        if (ms != null && newBatch) {
            m.batchDuration.record(Duration.ofMillis(ms));
        }
        m.lastProgress = seconds(p.timestamp());
        long rows = 0;
        long bytes = 0;
        long late = 0;
        for (StateOperatorProgress s : p.stateOperators()) {
            rows += s.numRowsTotal();
            bytes += s.memoryUsedBytes();
            late += s.numRowsDroppedByWatermark();
        }
        m.stateRows = rows;
        m.stateBytes = bytes;
        m.lateRows.increment(late);
        String watermark = p.eventTime().get("watermark");
        // Spark reports the watermark as 1970-01-01 until a batch has seen an event: no watermark yet, not a lag of
        // 56 years (which the Pipeline page and a lag alert would show).
        if (watermark != null && seconds(watermark) > 0) {
            m.watermark = seconds(watermark);
            String max = p.eventTime().get("max");
            if (max != null) {
                m.maxEventTime = seconds(max);
            }
            m.registerWatermark();
        }
        for (SourceProgress s : p.sources()) {
            lag(m, s);
        }
    }

    @Override
    public void onTerminated(QuerySnapshot query) {
        Meters m = meters(query.name());
        m.up = 0;
        m.failed = query.status() == QuerySnapshot.Status.FAILED ? 1 : 0;
    }

    /** Per topic, latest offset minus the offset this batch read up to, over partitions; not Kafka: nothing. */
    private static void lag(Meters m, SourceProgress s) {
        if (s.latestOffset() == null || s.endOffset() == null) {
            return;
        }
        try {
            JsonNode latest = JSON.readTree(s.latestOffset());
            JsonNode end = JSON.readTree(s.endOffset());
            if (!latest.isObject()) {
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> topics = latest.fields(); topics.hasNext(); ) {
                Map.Entry<String, JsonNode> topic = topics.next();
                if (!topic.getValue().isObject()) {
                    return;
                }
                long behind = 0;
                for (Iterator<Map.Entry<String, JsonNode>> parts = topic.getValue().fields(); parts.hasNext(); ) {
                    Map.Entry<String, JsonNode> part = parts.next();
                    behind += Math.max(0, part.getValue().asLong() - end.path(topic.getKey()).path(part.getKey()).asLong(0));
                }
                m.lag(topic.getKey(), behind);
            }
        } catch (Exception e) {
            // Not per-partition JSON offsets: not a Kafka source, no lag to report.
        }
    }

    /**
     * Whether Spark counts the rows this query writes: its sink is a V2 table (Kafka, memory, console, foreach), not
     * a V1 {@code Sink} such as {@code foreachBatch}'s or the file sink, for which progress reports -1. False when
     * the handle is unknown.
     */
    static boolean sinkCountsRows(StreamingQuery handle) {
        return handle instanceof StreamingQueryWrapper w
                && !(w.streamingQuery().sink() instanceof org.apache.spark.sql.execution.streaming.Sink);
    }

    /** The processing-time trigger's interval of a query, seconds; 0 for as fast as possible or unknown. */
    static double triggerSeconds(StreamingQuery handle) {
        if (handle instanceof StreamingQueryWrapper w && w.streamingQuery().trigger() instanceof ProcessingTimeTrigger t) {
            return t.intervalMs() / 1000.0;
        }
        return 0;
    }

    private static double seconds(String isoInstant) {
        if (isoInstant == null) {
            return Double.NaN;
        }
        try {
            return Instant.parse(isoInstant).toEpochMilli() / 1000.0;
        } catch (DateTimeParseException e) {
            return Double.NaN;
        }
    }

    private static double finite(double d) {
        return Double.isFinite(d) ? d : 0;
    }
}
