package io.workbench.server.pipeline;

import io.vertx.ext.web.RoutingContext;
import io.workbench.server.http.Endpoint;
import io.workbench.server.http.Responses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/workbench/pipeline}: the last minutes of every query and producer ({@link PipelineHistory#snapshot()})
 * with the alerts firing now ({@link PrometheusAlerts#firing()}, under {@code "alerts"}), for the Pipeline page.
 */
public final class PipelineRoutes {
    private final PipelineHistory history;
    private final PrometheusAlerts alerts;

    public PipelineRoutes(PipelineHistory history, PrometheusAlerts alerts) {
        this.history = history;
        this.alerts = alerts;
    }

    private void pipeline(RoutingContext ctx) {
        Responses.blocking(ctx, 200, () -> {
            Map<String, Object> out = new LinkedHashMap<>(history.snapshot());
            out.put("alerts", alerts.firing());
            return out;
        });
    }

    public List<Endpoint> endpoints() {
        return List.of(Endpoint.get("/api/workbench/pipeline", this::pipeline));
    }
}
