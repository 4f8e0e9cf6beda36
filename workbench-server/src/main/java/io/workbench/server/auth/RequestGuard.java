package io.workbench.server.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import io.workbench.server.http.ApiException;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The first handler of every request. Rejects a Host header that is not this server (DNS rebinding), and an
 * Origin that is not this server's own or an allowed one (cross-site requests and WebSockets; CORS stays
 * closed: no Access-Control-* header is ever sent). Adds the security headers every response carries.
 */
public final class RequestGuard implements Handler<RoutingContext> {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    private final Set<String> hosts = new HashSet<>(LOOPBACK);
    private final Set<String> origins = new HashSet<>();

    public RequestGuard(String bindHost, List<String> allowedHosts, List<String> allowedOrigins) {
        hosts.add(bindHost.toLowerCase(Locale.ROOT));
        allowedHosts.forEach(h -> hosts.add(h.toLowerCase(Locale.ROOT)));
        allowedOrigins.forEach(o -> origins.add(o.toLowerCase(Locale.ROOT).replaceAll("/+$", "")));
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        // authority() is the Host header in HTTP/1.1 and :authority in HTTP/2.
        HostAndPort authority = req.authority();
        String host = authority == null ? null
                : (authority.host().contains(":") && !authority.host().startsWith("[") ? "[" + authority.host() + "]"
                        : authority.host()) + (authority.port() > 0 ? ":" + authority.port() : "");
        if (host == null || !hosts.contains(hostName(host))) {
            ctx.fail(new ApiException.Forbidden("Host '" + safe(host) + "' is not this server. Open the workbench at"
                    + " http://127.0.0.1:<port>/, or list the name in WORKBENCH_SERVER_ALLOWED_HOSTS."));
            return;
        }
        String origin = req.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !sameOrigin(origin, host) && !origins.contains(origin.toLowerCase(Locale.ROOT))) {
            ctx.fail(new ApiException.Forbidden("Cross-origin requests from " + safe(origin) + " are not allowed."
                    + " List the origin in WORKBENCH_SERVER_ALLOWED_ORIGINS if you trust it."));
            return;
        }
        if (req.method() == HttpMethod.OPTIONS) {
            ctx.fail(new ApiException.Forbidden("CORS is closed on this server."));
            return;
        }
        ctx.response()
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Cache-Control", "no-store");
        ctx.next();
    }

    /** The host name of a Host header, without the port. */
    static String hostName(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 ? h.substring(0, end + 1) : h;
        }
        int colon = h.lastIndexOf(':');
        return colon > 0 && h.indexOf(':') == colon ? h.substring(0, colon) : h;
    }

    private static boolean sameOrigin(String origin, String host) {
        try {
            URI u = URI.create(origin);
            String authority = u.getRawAuthority();
            return authority != null && ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
                    && authority.equalsIgnoreCase(host.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Header values are echoed in error messages only after stripping anything unusual. */
    private static String safe(String value) {
        if (value == null) {
            return "";
        }
        String s = value.replaceAll("[^A-Za-z0-9.:/\\[\\]_-]", "?");
        return s.length() > 100 ? s.substring(0, 100) : s;
    }
}
