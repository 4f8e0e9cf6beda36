package io.workbench.ext.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.workbench.ext.query.QuerySnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.streaming.SinkProgress;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.junit.jupiter.api.Test;

/**
 * The query counters from Spark's progress, without Spark: they exist at 0 from the query's start, and a sink that
 * cannot count its rows (numOutputRows -1, as foreachBatch's, so every display() view) has no output-rows series.
 */
class QueryMetricsTest {
    private static final UUID ID = UUID.randomUUID();

    private static QuerySnapshot snapshot(String name) {
        return new QuerySnapshot(ID, UUID.randomUUID(), name, "owner", "nb.ipynb", QuerySnapshot.Status.RUNNING, null,
                null, false, Instant.now(), null);
    }

    /** A batch's progress with no source (numInputRows is theirs), a state store and a sink. */
    private static StreamingQueryProgress progress(String name, long batchId, long outputRows, long lateRows) {
        return progress(name, batchId, outputRows, lateRows, Map.of());
    }

    private static StreamingQueryProgress progress(String name, long batchId, long outputRows, long lateRows,
                                                   Map<String, String> eventTime) {
        StateOperatorProgress state = new StateOperatorProgress("stateStoreSave", 10, 1, 0, 0, 0, 0, 1024, lateRows,
                1, 1, Map.of());
        return new StreamingQueryProgress(ID, UUID.randomUUID(), name, Instant.now().toString(), batchId, 0,
                Map.of("triggerExecution", 100L), eventTime, new StateOperatorProgress[] {state},
                new SourceProgress[0], new SinkProgress("ForeachBatchSink", outputRows, Map.of()), Map.of());
    }

    private static void assertSeries(String scrape, String series) {
        assertTrue(scrape.lines().anyMatch(l -> l.equals(series)), () -> "no line '" + series + "' in:\n" + scrape);
    }

    @Test
    void countersExistAtZeroFromTheStartSoTheirFirstIncrementIsAnIncrease() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        QueryMetrics metrics = new QueryMetrics(registry);
        metrics.onStarted(snapshot("q"), null);
        String scrape = registry.scrape();
        assertSeries(scrape, "workbench_query_batches_total{query_name=\"q\"} 0.0");
        assertSeries(scrape, "workbench_query_input_rows_total{query_name=\"q\"} 0.0");
        assertSeries(scrape, "workbench_query_late_rows_dropped_total{query_name=\"q\"} 0.0");

        metrics.onProgress(snapshot("q"), progress("q", 0, 7, 2));
        scrape = registry.scrape();
        assertSeries(scrape, "workbench_query_late_rows_dropped_total{query_name=\"q\"} 2.0");
        assertSeries(scrape, "workbench_query_batches_total{query_name=\"q\"} 1.0");
    }

    @Test
    void aSinkThatCannotCountItsRowsHasNoOutputRowsSeries() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        QueryMetrics metrics = new QueryMetrics(registry);
        metrics.onStarted(snapshot("view"), null);
        metrics.onProgress(snapshot("view"), progress("view", 0, -1, 0));
        metrics.onProgress(snapshot("view"), progress("view", 1, -1, 0));
        String scrape = registry.scrape();
        assertSeries(scrape, "workbench_query_batches_total{query_name=\"view\"} 2.0");
        assertFalse(scrape.contains("workbench_query_output_rows_total"), () -> "a false 0:\n" + registry.scrape());
    }

    @Test
    void theEpochWatermarkSparkReportsBeforeTheFirstEventIsNoWatermark() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        QueryMetrics metrics = new QueryMetrics(registry);
        metrics.onStarted(snapshot("w"), null);
        metrics.onProgress(snapshot("w"), progress("w", 0, -1, 0, Map.of("watermark", "1970-01-01T00:00:00.000Z")));
        assertFalse(registry.scrape().contains("workbench_query_watermark_lag_seconds"),
                () -> "a lag of 56 years:\n" + registry.scrape());
        metrics.onProgress(snapshot("w"), progress("w", 1, -1, 0, Map.of("watermark", "2026-11-30T12:00:00.000Z",
                "max", "2026-11-30T12:05:00.000Z")));
        assertSeries(registry.scrape(), "workbench_query_watermark_delay_seconds{query_name=\"w\"} 300.0");
    }

    @Test
    void aSinkThatCountsItsRowsIsCounted() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        QueryMetrics metrics = new QueryMetrics(registry);
        metrics.onStarted(snapshot("to-kafka"), null);
        metrics.onProgress(snapshot("to-kafka"), progress("to-kafka", 0, 5, 0));
        metrics.onProgress(snapshot("to-kafka"), progress("to-kafka", 1, 0, 0));
        assertSeries(registry.scrape(), "workbench_query_output_rows_total{query_name=\"to-kafka\"} 5.0");
    }
}
