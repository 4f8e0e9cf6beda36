package io.workbench.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Proves that the name reader behind the metric-name checks finds every metric and label, and nothing else. */
class PromQlTest {

    @Test
    void findsMetricsAndLabelsButNotFunctionsKeywordsOrNumbers() {
        PromQl.Names names = PromQl.names("histogram_quantile(0.95, sum by (query_name, le) "
                + "(rate(workbench_query_batch_duration_seconds_bucket{kind=~\"job|kernel\"}[5m]))) "
                + "> on (instance) group_left () (workbench_query_trigger_interval_seconds > 1e6) "
                + "and workbench_job_runs_total offset 15m unless time() - foo:bar:rate5m");
        assertEquals(Set.of("workbench_query_batch_duration_seconds_bucket", "workbench_query_trigger_interval_seconds",
                "workbench_job_runs_total", "foo:bar:rate5m"), names.metrics());
        assertEquals(Set.of("query_name", "le", "kind", "instance"), names.labels());
    }

    @Test
    void readsTheLabelsOfLabelReplaceAndIgnoresStrings() {
        PromQl.Names names = PromQl.names("label_replace(rate(t_total{topic=~\".+-dlq\", job!=\"x\"}[5m]), "
                + "\"source_topic\", \"$1\", \"topic\", \"(.+)-dlq\")");
        assertEquals(Set.of("t_total"), names.metrics());
        assertEquals(Set.of("topic", "job"), names.labels());
        assertEquals(Set.of("source_topic"), names.createdLabels());
    }

    @Test
    void aggregationWithTrailingGroupingAndSubqueries() {
        PromQl.Names names = PromQl.names("sum(max_over_time(up{kind=\"broker\"}[15m:1m])) without (instance)");
        assertEquals(Set.of("up"), names.metrics());
        assertEquals(Set.of("kind", "instance"), names.labels());
    }

    @Test
    void grafanaVariablesBecomeValidPromQl() {
        assertEquals("rate(x{query_name=~\".*\", kind=~\".*\"}[1m])",
                PromQl.withoutGrafanaVariables("rate(x{query_name=~\"$query_name\", kind=~\"${kind:regex}\"}[$__rate_interval])"));
    }
}
