package io.workbench.server.metrics;

import io.vertx.ext.web.RoutingContext;
import io.workbench.server.http.Endpoint;
import java.util.List;

/** /metrics in Prometheus text format. */
public final class MetricsRoutes {
    private final WorkbenchMetrics metrics;

    public MetricsRoutes(WorkbenchMetrics metrics) {
        this.metrics = metrics;
    }

    private void scrape(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
    }

    public List<Endpoint> endpoints() {
        return List.of(Endpoint.get("/metrics", this::scrape));
    }
}
