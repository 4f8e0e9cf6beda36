package io.workbench.server.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import io.workbench.server.http.ApiException;
import io.workbench.server.http.Endpoint;
import io.workbench.server.http.Responses;
import java.util.List;

/** Jupyter's sessions API, plus the outputs a session kept, under /api/workbench. */
public final class SessionRoutes {
    private final SessionManager sessions;

    public SessionRoutes(SessionManager sessions) {
        this.sessions = sessions;
    }

    private void list(RoutingContext ctx) {
        Responses.json(ctx, 200, sessions.list().stream().map(sessions::model).toList());
    }

    private void create(RoutingContext ctx) {
        JsonNode b = Responses.body(ctx);
        String path = text(b, "path");
        if (path == null) {
            path = text(b.path("notebook"), "path");
        }
        if (path == null) {
            throw new ApiException.BadRequest("A session needs the notebook's 'path'.");
        }
        sessions.create(path, text(b, "name"), text(b, "type"), text(b.path("kernel"), "name"),
                text(b.path("kernel"), "id")).onSuccess(s -> {
                    ctx.response().putHeader("Location", "/api/sessions/" + s.id());
                    Responses.json(ctx, 201, sessions.model(s));
                }).onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        Responses.json(ctx, 200, sessions.model(sessions.get(ctx.pathParam("session_id"))));
    }

    private void update(RoutingContext ctx) {
        JsonNode b = Responses.body(ctx);
        Responses.json(ctx, 200, sessions.model(sessions.update(ctx.pathParam("session_id"), text(b, "path"),
                text(b, "name"), text(b.path("kernel"), "id"))));
    }

    private void delete(RoutingContext ctx) {
        Responses.when(ctx, 204, sessions.delete(ctx.pathParam("session_id")));
    }

    private void outputs(RoutingContext ctx) {
        Responses.json(ctx, 200, sessions.get(ctx.pathParam("session_id")).keeper().snapshot());
    }

    private static String text(JsonNode node, String field) {
        JsonNode n = node == null ? null : node.get(field);
        return n == null || n.isNull() || n.asText().isEmpty() ? null : n.asText();
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.get("/api/sessions", this::list),
                Endpoint.post("/api/sessions", this::create),
                Endpoint.get("/api/sessions/{session_id}", this::get),
                Endpoint.patch("/api/sessions/{session_id}", this::update),
                Endpoint.delete("/api/sessions/{session_id}", this::delete),
                Endpoint.get("/api/workbench/sessions/{session_id}/outputs", this::outputs));
    }
}
