package io.workbench.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import io.workbench.server.http.Endpoint;
import io.workbench.server.http.Responses;
import io.workbench.server.kernels.KernelManager;
import java.util.List;

/** /api/status (as Jupyter has it) and the workbench's own status under /api/workbench. */
final class WorkbenchRoutes {
    private final KernelManager kernels;
    private final String kafka;
    private final java.time.Instant started = java.time.Instant.now();

    WorkbenchRoutes(KernelManager kernels, String kafka) {
        this.kernels = kernels;
        this.kafka = kafka;
    }

    private void status(RoutingContext ctx) {
        ObjectNode s = Responses.MAPPER.createObjectNode();
        s.put("started", started.toString()).put("kernels", kernels.list().size())
                .put("connections", kernels.list().stream().mapToInt(k -> k.connections()).sum())
                .put("last_activity", java.time.Instant.now().toString());
        Responses.json(ctx, 200, s);
    }

    private void workbench(RoutingContext ctx) {
        ObjectNode s = Responses.MAPPER.createObjectNode();
        String version = WorkbenchRoutes.class.getPackage().getImplementationVersion();
        s.put("version", version == null ? "dev" : version).put("kafka_bootstrap_servers", kafka)
                .put("default_kernel", kernels.defaultKernel()).put("kernels", kernels.list().size());
        Responses.json(ctx, 200, s);
    }

    List<Endpoint> endpoints() {
        return List.of(Endpoint.get("/api/status", this::status), Endpoint.get("/api/workbench/status", this::workbench));
    }
}
