package io.workbench.server.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import io.workbench.server.http.ApiException;
import io.workbench.server.http.Endpoint;
import io.workbench.server.http.Responses;
import java.util.List;

/** The streaming queries and producers of a kernel, under /api/workbench/kernels/{kernel_id}/streams. */
public final class StreamsRoutes {
    private final StreamsManager streams;

    public StreamsRoutes(StreamsManager streams) {
        this.streams = streams;
    }

    private void list(RoutingContext ctx) {
        Responses.when(ctx, 200, streams.state(ctx.vertx().getOrCreateContext(), ctx.pathParam("kernel_id")));
    }

    private void act(RoutingContext ctx) {
        JsonNode rate = Responses.body(ctx).get("rate");
        if (rate != null && !rate.isNull() && !rate.isNumber()) {
            throw new ApiException.BadRequest("'rate' must be a number of events per second.");
        }
        Responses.when(ctx, 200, streams.act(ctx.vertx().getOrCreateContext(), ctx.pathParam("kernel_id"),
                ctx.pathParam("kind"), ctx.pathParam("id"), ctx.pathParam("action"),
                rate == null || rate.isNull() ? null : rate.asDouble()));
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.get("/api/workbench/kernels/{kernel_id}/streams", this::list),
                Endpoint.post("/api/workbench/kernels/{kernel_id}/streams/{kind}/{id}/{action}", this::act));
    }
}
