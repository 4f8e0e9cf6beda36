package io.workbench.server.metrics;

import io.vertx.ext.web.RoutingContext;
import io.workbench.server.http.Endpoint;
import io.workbench.server.http.Responses;
import java.util.List;

/**
 * /metrics in Prometheus text format, and Prometheus's HTTP service discovery of every process's metrics
 * (docs/metrics.md). Both open to the metrics token as well as the server's.
 */
public final class MetricsRoutes {
    private final WorkbenchMetrics metrics;
    private final PrometheusTargets targets;

    public MetricsRoutes(WorkbenchMetrics metrics, PrometheusTargets targets) {
        this.metrics = metrics;
        this.targets = targets;
    }

    private void targets(RoutingContext ctx) {
        String self = ctx.request().localAddress().hostAddress() + ":" + ctx.request().localAddress().port();
        Responses.blocking(ctx, 200, () -> targets.groups(self));
    }

    private void scrape(RoutingContext ctx) {
        ctx.vertx().executeBlocking(metrics::scrape, false)
                .onSuccess(text -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(text))
                .onFailure(ctx::fail);
    }

    public List<Endpoint> endpoints() {
        return List.of(Endpoint.get("/metrics", this::scrape),
                Endpoint.get("/api/workbench/prometheus/targets", this::targets));
    }
}
