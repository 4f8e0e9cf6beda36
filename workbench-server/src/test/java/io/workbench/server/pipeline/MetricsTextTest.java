package io.workbench.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTextTest {
    @Test
    void readsNamesLabelsAndValuesAndSkipsWhatIsNotASample() {
        List<MetricsText.Sample> s = MetricsText.parse("""
                # HELP workbench_query_up 1 while the query runs
                # TYPE workbench_query_up gauge
                workbench_query_up{query_name="counts"} 1.0
                workbench_query_source_lag_records{query_name="a \\"b\\", c\\\\d",topic="t-1",} 42 1700000000000
                process_uptime_seconds 12.5
                workbench_query_watermark_lag_seconds{query_name="x"} NaN
                workbench_query_batch_duration_seconds_bucket{query_name="x",le="+Inf"} 3
                broken{query_name="x" 1
                no_value
                """);
        assertEquals(5, s.size(), s.toString());
        assertEquals(new MetricsText.Sample("workbench_query_up", Map.of("query_name", "counts"), 1.0), s.get(0));
        assertEquals("a \"b\", c\\d", s.get(1).label("query_name"));
        assertEquals("t-1", s.get(1).label("topic"));
        assertEquals(42.0, s.get(1).value());
        assertEquals(12.5, s.get(2).value());
        assertTrue(s.get(2).labels().isEmpty());
        assertTrue(Double.isNaN(s.get(3).value()));
        assertEquals("+Inf", s.get(4).label("le"));
    }
}
