package io.workbench.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * One documented operation: method, path template as the OpenAPI contract writes it ({@code {kernel_id}}),
 * and its handler. Every *Routes class ends with its table of endpoints; the server mounts exactly those, and
 * OpenApiContractTest checks them against openapi.json.
 */
public record Endpoint(HttpMethod method, String template, Handler<RoutingContext> handler) {

    public static Endpoint get(String template, Handler<RoutingContext> h) {
        return new Endpoint(HttpMethod.GET, template, h);
    }

    public static Endpoint post(String template, Handler<RoutingContext> h) {
        return new Endpoint(HttpMethod.POST, template, h);
    }

    public static Endpoint put(String template, Handler<RoutingContext> h) {
        return new Endpoint(HttpMethod.PUT, template, h);
    }

    public static Endpoint patch(String template, Handler<RoutingContext> h) {
        return new Endpoint(HttpMethod.PATCH, template, h);
    }

    public static Endpoint delete(String template, Handler<RoutingContext> h) {
        return new Endpoint(HttpMethod.DELETE, template, h);
    }

    /** The Vert.x route path: {@code {x}} becomes {@code :x}; a trailing {@code {path}} matches any sub-path. */
    public String vertxPath() {
        return template.replaceAll("\\{([a-z_]+)}", ":$1");
    }

    /** True for templates whose {@code {path}} spans slashes, like contents paths. */
    public boolean greedyPath() {
        return template.contains("{path}");
    }
}
