package io.workbench.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Every metric the server exposes, named per Prometheus conventions. Thread-safe. Tags are bounded: HTTP
 * routes are templates, never raw paths, so a path with a notebook name cannot blow up the series count.
 */
public final class WorkbenchMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public WorkbenchMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    public String scrape() {
        return registry.scrape();
    }

    /** {@code workbench_kernels_running} and {@code workbench_kernels_warm}, read from the kernel manager. */
    public void kernels(Supplier<Number> running, Supplier<Number> warm) {
        Gauge.builder("workbench_kernels_running", running).description("Kernels running now").register(registry);
        Gauge.builder("workbench_kernels_warm", warm).description("Started kernels waiting in the warm pool")
                .register(registry);
    }

    /** One HTTP request, by method, route template and status. */
    public void httpRequest(String method, String route, int status, long nanos) {
        Timer.builder("workbench_http_requests_seconds").description("HTTP requests served")
                .tag("method", method).tag("route", route).tag("status", String.valueOf(status))
                .register(registry).record(Duration.ofNanos(nanos));
    }

    public void kernelStarted(boolean fromWarmPool) {
        Counter.builder("workbench_kernel_starts_total").description("Kernels started")
                .tag("warm", String.valueOf(fromWarmPool)).register(registry).increment();
    }

    public void kernelDied(String reason) {
        Counter.builder("workbench_kernel_deaths_total").description("Kernels that died without being asked to")
                .tag("reason", reason).register(registry).increment();
    }

    /** One execute request answered, by status, with the time from request to reply. */
    public void execution(String status, long nanos) {
        Counter.builder("workbench_executions_total").description("Cells executed").tag("status", status)
                .register(registry).increment();
        Timer.builder("workbench_execute_latency_seconds").description("Execute request to execute reply")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry).record(Duration.ofNanos(nanos));
    }

    public void webSocketMessage(String direction, int bytes) {
        DistributionSummary.builder("workbench_websocket_message_bytes").description("Kernel WebSocket messages")
                .baseUnit("bytes").tag("direction", direction).register(registry).record(bytes);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
