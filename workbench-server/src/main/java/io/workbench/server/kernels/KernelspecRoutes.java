package io.workbench.server.kernels;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import io.workbench.server.http.ApiException;
import io.workbench.server.http.Endpoint;
import io.workbench.server.http.Responses;
import java.util.List;

/** Jupyter's kernelspecs API. */
public final class KernelspecRoutes {
    private final KernelManager kernels;

    public KernelspecRoutes(KernelManager kernels) {
        this.kernels = kernels;
    }

    private void list(RoutingContext ctx) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("default", kernels.defaultKernel());
        ObjectNode specs = out.putObject("kernelspecs");
        kernels.specs().values().forEach(s -> specs.set(s.name(), model(s)));
        Responses.json(ctx, 200, out);
    }

    private void get(RoutingContext ctx) {
        KernelProvisioner.KernelSpecInfo s = kernels.specs().get(ctx.pathParam("kernel_name"));
        if (s == null) {
            throw new ApiException.NotFound("No kernelspec named " + ctx.pathParam("kernel_name") + ".");
        }
        Responses.json(ctx, 200, model(s));
    }

    private static ObjectNode model(KernelProvisioner.KernelSpecInfo s) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("name", s.name());
        ObjectNode spec = m.putObject("spec");
        spec.put("display_name", s.displayName()).put("language", s.language());
        Object interrupt = s.specJson().get("interrupt_mode");
        spec.put("interrupt_mode", interrupt == null ? "signal" : interrupt.toString());
        spec.putArray("argv");
        spec.set("metadata", Responses.MAPPER.valueToTree(s.specJson().getOrDefault("metadata", java.util.Map.of())));
        m.putObject("resources");
        return m;
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.get("/api/kernelspecs", this::list),
                Endpoint.get("/api/kernelspecs/{kernel_name}", this::get));
    }
}
