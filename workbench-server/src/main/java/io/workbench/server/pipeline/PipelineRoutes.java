package io.workbench.server.pipeline;

import io.vertx.ext.web.RoutingContext;
import io.workbench.server.http.Endpoint;
import io.workbench.server.http.Responses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /api/workbench/pipeline}: the last minutes of every query and producer ({@link PipelineHistory#snapshot()})
 * with the alerts firing now ({@link PrometheusAlerts#firing()}, under {@code "alerts"}) and, on each job's source,
 * the job's state as the Jobs page shows it ({@code "jobState"}: a query of a run can be running while its job is in a
 * crash loop), for the Pipeline page.
 */
public final class PipelineRoutes {
    private final PipelineHistory history;
    private final PrometheusAlerts alerts;
    private final Supplier<Map<String, String>> jobStates;

    /** @param jobStates each job's state by name (blocking: called off the event loop) */
    public PipelineRoutes(PipelineHistory history, PrometheusAlerts alerts, Supplier<Map<String, String>> jobStates) {
        this.history = history;
        this.alerts = alerts;
        this.jobStates = jobStates;
    }

    private void pipeline(RoutingContext ctx) {
        Responses.blocking(ctx, 200, () -> {
            Map<String, Object> out = new LinkedHashMap<>(history.snapshot());
            Map<String, String> states = jobStates.get();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> sources = (List<Map<String, Object>>) out.get("sources");
            for (Map<String, Object> source : sources) {
                if ("job".equals(source.get("kind"))) {
                    source.put("jobState", states.get((String) source.get("name")));
                }
            }
            out.put("alerts", alerts.firing());
            return out;
        });
    }

    public List<Endpoint> endpoints() {
        return List.of(Endpoint.get("/api/workbench/pipeline", this::pipeline));
    }
}
