package io.workbench.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;

/** Small helpers that keep handlers thin: run blocking work off the event loop and answer with JSON. */
public final class Responses {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Responses() {
    }

    /** Runs {@code work} on a worker thread and answers with its result as JSON and {@code status}. */
    public static <T> void blocking(RoutingContext ctx, int status, Callable<T> work) {
        ctx.vertx().executeBlocking(work, false)
                .onSuccess(result -> json(ctx, status, result))
                .onFailure(ctx::fail);
    }

    public static void json(RoutingContext ctx, int status, Object body) {
        if (status == 204 || body == null) {
            ctx.response().setStatusCode(status == 200 && body == null ? 204 : status).end();
            return;
        }
        try {
            String text = body instanceof JsonNode n ? MAPPER.writeValueAsString(n) : MAPPER.writeValueAsString(body);
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(text);
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }

    /** Answers when the future completes, or fails the request. */
    public static <T> void when(RoutingContext ctx, int status, Future<T> future) {
        future.onSuccess(result -> json(ctx, status, result)).onFailure(ctx::fail);
    }

    /** The request body as JSON, or a 400 that says so. */
    public static JsonNode body(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            return MAPPER.createObjectNode();
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ApiException.BadRequest("The request body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
