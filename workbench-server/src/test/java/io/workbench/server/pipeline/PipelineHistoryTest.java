package io.workbench.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The history's arithmetic on scrapes given directly; PipelineIT and the browser test scrape real kernels. */
class PipelineHistoryTest {
    private static final PipelineHistory.Target KERNEL = new PipelineHistory.Target("kernel", "127.0.0.1:1",
            Map.of("kind", "kernel", "kernel_id", "k1", "notebook", "a.ipynb"));

    private static String scrape(double batches, double batchSeconds, double acked, double failed, double up) {
        return String.join("\n",
                "workbench_query_up{query_name=\"q\"} " + up,
                "workbench_query_input_rows_total{query_name=\"q\"} " + batches * 100,
                "workbench_query_input_rows_per_second{query_name=\"q\"} 100",
                "workbench_query_processed_rows_per_second{query_name=\"q\"} 250",
                "workbench_query_batch_duration_seconds_count{query_name=\"q\"} " + batches,
                "workbench_query_batch_duration_seconds_sum{query_name=\"q\"} " + batchSeconds,
                "workbench_query_source_lag_records{query_name=\"q\",topic=\"a\"} 7",
                "workbench_query_source_lag_records{query_name=\"q\",topic=\"b\"} 5",
                "workbench_producer_records_acknowledged_total{producer=\"p1\",topic=\"a\"} " + acked,
                "workbench_producer_records_failed_total{producer=\"p1\",topic=\"a\"} " + failed,
                "workbench_producer_records_per_second{producer=\"p1\",topic=\"a\"} 400",
                "workbench_producer_up{producer=\"p1\",topic=\"a\"} 1", "");
    }

    private static PipelineHistory history() {
        return new PipelineHistory(List::of, "t", Clock.systemUTC());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> only(Map<String, Object> snapshot, String list) {
        List<Map<String, Object>> sources = (List<Map<String, Object>>) snapshot.get("sources");
        assertEquals(1, sources.size(), snapshot.toString());
        List<Map<String, Object>> items = (List<Map<String, Object>>) sources.get(0).get(list);
        assertEquals(1, items.size(), snapshot.toString());
        return items.get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> column(Map<String, Object> item, String column) {
        return (List<Object>) ((Map<String, Object>) item.get("series")).get(column);
    }

    @Test
    void turnsCountersIntoRatesAndTheHistogramIntoTheMeanOfNewBatches() {
        PipelineHistory h = history();
        h.record(10_000, KERNEL, MetricsText.parse(scrape(4, 2.0, 1000, 0, 1)));
        h.record(15_000, KERNEL, MetricsText.parse(scrape(6, 5.0, 3000, 10, 1)));
        h.record(20_000, KERNEL, MetricsText.parse(scrape(6, 5.0, 5000, 10, 1)));
        Map<String, Object> s = h.snapshot();
        Map<String, Object> q = only(s, "queries");
        assertEquals("q", q.get("name"));
        assertEquals(List.of(10.0, 15.0, 20.0), column(q, "t"));
        // The first point's mean is over every batch so far; then over the batches since the previous scrape; none
        // completed in the last interval gives no point rather than a made-up 0.
        assertEquals(Arrays.asList(0.5, 1.5, null), column(q, "batchDurationSeconds"));
        assertEquals(List.of(12.0, 12.0, 12.0), column(q, "sourceLagRecords"), "lag adds up over the topics");
        // Rates over each interval, not Spark's last-batch gauges (100 and 250 above, repeated while idle): 200 rows
        // in 5 s, processed in 3 s of batches; then no batch, so no input and no processed rate.
        assertEquals(Arrays.asList(null, 40.0, 0.0), column(q, "inputRowsPerSecond"));
        assertEquals(Arrays.asList(400.0 / 2.0, 200.0 / 3.0, null), column(q, "processedRowsPerSecond"));
        Map<String, Object> p = only(s, "producers");
        assertEquals("a", p.get("topic"));
        assertEquals(Arrays.asList(null, 400.0, 400.0), column(p, "acknowledgedPerSecond"));
        assertEquals(Arrays.asList(null, 2.0, 0.0), column(p, "failedPerSecond"));
    }

    @Test
    void aStoppedQueryIsDownAndAProcessNoLongerScrapedIsNotLive() {
        PipelineHistory h = new PipelineHistory(List::of, "t", Clock.fixed(java.time.Instant.ofEpochMilli(15_000),
                java.time.ZoneOffset.UTC));
        h.record(10_000, KERNEL, MetricsText.parse(scrape(1, 1, 0, 0, 0)));
        h.sampleOnce(); // no targets now: the kernel went away
        Map<String, Object> s = h.snapshot();
        assertFalse((Boolean) only(s, "queries").get("up"));
        @SuppressWarnings("unchecked")
        Map<String, Object> source = ((List<Map<String, Object>>) s.get("sources")).get(0);
        assertFalse((Boolean) source.get("live"));
        assertEquals("a.ipynb", source.get("name"));
    }

    @Test
    void keepsTenMinutesOfPoints() {
        PipelineHistory h = history();
        long t0 = 1_000_000;
        for (int i = 0; i <= 150; i++) {
            h.record(t0 + i * 5_000L, KERNEL, MetricsText.parse(scrape(i, i, i, 0, 1)));
        }
        List<Object> t = column(only(h.snapshot(), "queries"), "t");
        assertEquals(121, t.size());
        assertEquals((t0 + 150 * 5_000L) / 1000.0, t.get(t.size() - 1));
        assertTrue((Double) t.get(0) >= (t0 + 150 * 5_000L - 600_000) / 1000.0);
    }

    @Test
    void alertsWithoutPrometheusSayHowToGetThem() {
        Map<String, Object> a = new PrometheusAlerts("").firing();
        assertEquals(false, a.get("available"));
        assertTrue(((String) a.get("reason")).contains("--monitoring"));
        Map<String, Object> down = new PrometheusAlerts("http://127.0.0.1:1").firing();
        assertEquals(false, down.get("available"));
        assertTrue(((String) down.get("reason")).contains("did not answer"), down.toString());
        assertNull(down.get("firing"));
    }
}
