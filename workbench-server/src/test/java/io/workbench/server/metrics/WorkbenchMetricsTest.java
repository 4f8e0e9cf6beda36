package io.workbench.server.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Counters whose label values are known exist at 0 before their first increment, which increase() then sees. */
class WorkbenchMetricsTest {
    static void assertSeries(String scrape, String series) {
        assertTrue(scrape.lines().anyMatch(l -> l.equals(series)), () -> "no line '" + series + "' in:\n" + scrape);
    }

    @Test
    void kernelAndExecutionCountersStartAtZeroForEveryKnownLabelValue() {
        try (WorkbenchMetrics m = new WorkbenchMetrics()) {
            String scrape = m.scrape();
            assertSeries(scrape, "workbench_kernel_starts_total{warm=\"true\"} 0.0");
            assertSeries(scrape, "workbench_kernel_starts_total{warm=\"false\"} 0.0");
            assertSeries(scrape, "workbench_kernel_deaths_total{reason=\"exit\"} 0.0");
            assertSeries(scrape, "workbench_kernel_deaths_total{reason=\"heartbeat\"} 0.0");
            assertSeries(scrape, "workbench_executions_total{status=\"ok\"} 0.0");
            assertSeries(scrape, "workbench_executions_total{status=\"error\"} 0.0");
            assertSeries(scrape, "workbench_executions_total{status=\"abort\"} 0.0");

            m.kernelDied(WorkbenchMetrics.DIED_NO_HEARTBEAT);
            m.kernelStarted(true);
            m.execution("error", 1_000_000);
            scrape = m.scrape();
            assertSeries(scrape, "workbench_kernel_deaths_total{reason=\"heartbeat\"} 1.0");
            assertSeries(scrape, "workbench_kernel_deaths_total{reason=\"exit\"} 0.0");
            assertSeries(scrape, "workbench_kernel_starts_total{warm=\"true\"} 1.0");
            assertSeries(scrape, "workbench_executions_total{status=\"error\"} 1.0");
        }
    }
}
