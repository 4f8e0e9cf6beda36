package io.workbench.server.kernels;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import io.workbench.server.kernels.channels.ChannelsBridge;
import io.workbench.server.http.Endpoint;
import io.workbench.server.http.Responses;
import io.workbench.server.metrics.WorkbenchMetrics;
import java.util.List;

/** Jupyter's kernels API and the kernel channels WebSocket. */
public final class KernelRoutes {
    private final KernelManager kernels;
    private final WorkbenchMetrics metrics;

    public KernelRoutes(KernelManager kernels, WorkbenchMetrics metrics) {
        this.kernels = kernels;
        this.metrics = metrics;
    }

    private void list(RoutingContext ctx) {
        Responses.json(ctx, 200, kernels.list().stream().map(ManagedKernel::model).toList());
    }

    private void start(RoutingContext ctx) {
        JsonNode body = Responses.body(ctx);
        kernels.start(body.path("name").asText(null)).onSuccess(k -> {
            ctx.response().putHeader("Location", "/api/kernels/" + k.id());
            Responses.json(ctx, 201, k.model());
        }).onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        Responses.json(ctx, 200, kernels.get(ctx.pathParam("kernel_id")).model());
    }

    private void shutdown(RoutingContext ctx) {
        Responses.when(ctx, 204, kernels.shutdown(ctx.pathParam("kernel_id")));
    }

    private void interrupt(RoutingContext ctx) {
        Responses.when(ctx, 204, kernels.interrupt(ctx.pathParam("kernel_id")));
    }

    private void restart(RoutingContext ctx) {
        Responses.when(ctx, 200, kernels.restart(ctx.pathParam("kernel_id")).map(ManagedKernel::model));
    }

    private void channels(RoutingContext ctx) {
        ManagedKernel kernel = kernels.get(ctx.pathParam("kernel_id"));
        ctx.request().toWebSocket()
                .onSuccess(ws -> new ChannelsBridge(ws, ctx.vertx().getOrCreateContext(), kernel, metrics).start())
                .onFailure(ctx::fail);
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.get("/api/kernels", this::list),
                Endpoint.post("/api/kernels", this::start),
                Endpoint.get("/api/kernels/{kernel_id}", this::get),
                Endpoint.delete("/api/kernels/{kernel_id}", this::shutdown),
                Endpoint.post("/api/kernels/{kernel_id}/interrupt", this::interrupt),
                Endpoint.post("/api/kernels/{kernel_id}/restart", this::restart),
                Endpoint.get("/api/kernels/{kernel_id}/channels", this::channels));
    }
}
