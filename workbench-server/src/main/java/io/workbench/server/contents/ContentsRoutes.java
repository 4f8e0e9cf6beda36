package io.workbench.server.contents;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import io.workbench.server.http.ApiException;
import io.workbench.server.http.Endpoint;
import io.workbench.server.http.Responses;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Jupyter's contents API: /api/contents/{path}, with checkpoints under {path}/checkpoints. */
public final class ContentsRoutes {
    private static final String PREFIX = "/api/contents";

    private final NotebookStore store;

    public ContentsRoutes(NotebookStore store) {
        this.store = store;
    }

    private void get(RoutingContext ctx) {
        Target t = target(ctx);
        if (t.checkpoints()) {
            Responses.blocking(ctx, 200, () -> store.checkpoints(t.path()));
        } else {
            boolean content = !"0".equals(ctx.request().getParam("content"));
            Responses.blocking(ctx, 200, () -> store.get(t.path(), content));
        }
    }

    private void put(RoutingContext ctx) {
        Target t = target(ctx);
        JsonNode body = Responses.body(ctx);
        ctx.vertx().executeBlocking(() -> store.save(t.path(), body), false).onSuccess(saved -> {
            if (saved.created()) {
                ctx.response().putHeader("Location", PREFIX + "/" + saved.model().path("path").asText());
            }
            Responses.json(ctx, saved.created() ? 201 : 200, saved.model());
        }).onFailure(ctx::fail);
    }

    private void post(RoutingContext ctx) {
        Target t = target(ctx);
        if (t.checkpoints() && t.checkpointId() != null) {
            Responses.blocking(ctx, 204, () -> {
                store.restoreCheckpoint(t.path(), t.checkpointId());
                return null;
            });
        } else if (t.checkpoints()) {
            Responses.blocking(ctx, 201, () -> store.createCheckpoint(t.path()));
        } else {
            JsonNode body = Responses.body(ctx);
            Responses.blocking(ctx, 201, () -> store.create(t.path(), text(body, "type"), text(body, "ext"),
                    text(body, "copy_from")));
        }
    }

    private void patch(RoutingContext ctx) {
        Target t = target(ctx);
        String to = text(Responses.body(ctx), "path");
        if (to == null) {
            throw new ApiException.BadRequest("A rename needs the new 'path' in the body.");
        }
        Responses.blocking(ctx, 200, () -> store.rename(t.path(), to));
    }

    private void delete(RoutingContext ctx) {
        Target t = target(ctx);
        Responses.blocking(ctx, 204, () -> {
            if (t.checkpoints() && t.checkpointId() != null) {
                store.deleteCheckpoint(t.path(), t.checkpointId());
            } else {
                store.delete(t.path());
            }
            return null;
        });
    }

    /** The API path of a request, decoded, and whether it addresses checkpoints. */
    record Target(String path, boolean checkpoints, String checkpointId) {
    }

    static Target target(RoutingContext ctx) {
        String raw = ctx.request().path();
        String rest = raw.length() > PREFIX.length() ? raw.substring(PREFIX.length()) : "";
        String path = decode(rest);
        int cp = path.lastIndexOf("/checkpoints");
        if (path.endsWith("/checkpoints")) {
            return new Target(path.substring(0, cp), true, null);
        }
        if (cp >= 0 && path.indexOf('/', cp + 1) == cp + "/checkpoints".length()) {
            return new Target(path.substring(0, cp), true, path.substring(cp + "/checkpoints/".length()));
        }
        return new Target(path, false, null);
    }

    private static String decode(String rawPath) {
        try {
            return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException.BadRequest("The path is not properly URL-encoded.");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    /**
     * The contents paths contain slashes, so each method has one handler for all of them, which tells
     * checkpoints from files by the path's end.
     */
    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.get(PREFIX + "/{path}", this::get),
                Endpoint.put(PREFIX + "/{path}", this::put),
                Endpoint.post(PREFIX + "/{path}", this::post),
                Endpoint.patch(PREFIX + "/{path}", this::patch),
                Endpoint.delete(PREFIX + "/{path}", this::delete),
                Endpoint.get(PREFIX + "/{path}/checkpoints", this::get),
                Endpoint.post(PREFIX + "/{path}/checkpoints", this::post),
                Endpoint.post(PREFIX + "/{path}/checkpoints/{checkpoint_id}", this::post),
                Endpoint.delete(PREFIX + "/{path}/checkpoints/{checkpoint_id}", this::delete));
    }
}
