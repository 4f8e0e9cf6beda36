package io.workbench.server.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.workbench.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Token authentication as Jupyter does it. The token is accepted in an {@code Authorization: token ...}
 * header (API clients; exempt from XSRF), or once as {@code ?token=} in a URL, which sets an HttpOnly cookie
 * and, for pages, redirects to the same URL without the token. Cookie-authenticated requests that change state
 * must carry the {@code _xsrf} cookie's value in an {@code X-XSRFToken} header (double submit).
 */
public final class TokenAuth implements Handler<RoutingContext> {
    public static final String AUTH_COOKIE = "workbench-auth";
    public static final String XSRF_COOKIE = "_xsrf";
    public static final String XSRF_HEADER = "X-XSRFToken";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD);

    /** What the metrics token opens: reading metrics and Prometheus's discovery of the other endpoints. */
    public static final Set<String> METRICS_PATHS = Set.of("/metrics", "/api/workbench/prometheus/targets");

    private final byte[] token;
    private final byte[] metricsToken;
    private final String cookieValue;

    public TokenAuth(String token) {
        this(token, null);
    }

    /**
     * @param metricsToken a read-only token accepted as {@code Authorization: Bearer} for GETs of
     *                     {@link #METRICS_PATHS} only, or null
     */
    public TokenAuth(String token, String metricsToken) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.metricsToken = metricsToken == null ? null : metricsToken.getBytes(StandardCharsets.UTF_8);
        this.cookieValue = hmac(token, "workbench-auth-cookie-v1");
    }

    public static String randomToken() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        String header = req.getHeader("Authorization");
        if (header != null && (matches(strip(header, "token ")) || matches(strip(header, "Bearer ")))) {
            ctx.next();
            return;
        }
        if (header != null && metricsToken != null && SAFE.contains(req.method()) && METRICS_PATHS.contains(req.path())
                && matchesMetrics(strip(header, "Bearer "))) {
            ctx.next();
            return;
        }
        String query = req.getParam("token");
        if (query != null && matches(query)) {
            setCookies(ctx);
            if (req.method() == HttpMethod.GET && !isApi(req) && !req.headers().contains("Upgrade")) {
                ctx.response().setStatusCode(302).putHeader("Location", req.path()).end();
                return;
            }
            ctx.next();
            return;
        }
        Cookie auth = req.getCookie(AUTH_COOKIE);
        if (auth != null && MessageDigest.isEqual(auth.getValue().getBytes(StandardCharsets.US_ASCII),
                cookieValue.getBytes(StandardCharsets.US_ASCII))) {
            if (!SAFE.contains(req.method()) && !xsrfOk(req)) {
                ctx.fail(new ApiException.Forbidden("Missing or wrong XSRF token: send the _xsrf cookie's value in"
                        + " the X-XSRFToken header, or authenticate with 'Authorization: token <token>'."));
                return;
            }
            ensureXsrfCookie(ctx);
            ctx.next();
            return;
        }
        if (isApi(req) || req.headers().contains("Upgrade")) {
            ctx.fail(401);
        } else {
            ctx.response().setStatusCode(401).putHeader("Content-Type", "text/html; charset=utf-8")
                    .end(LoginPage.HTML);
        }
    }

    private boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8), token);
    }

    private boolean matchesMetrics(String candidate) {
        return candidate != null && MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8), metricsToken);
    }

    private static String strip(String header, String prefix) {
        return header.regionMatches(true, 0, prefix, 0, prefix.length()) ? header.substring(prefix.length()).trim() : null;
    }

    private static boolean isApi(HttpServerRequest req) {
        return req.path().startsWith("/api/") || req.path().equals("/metrics");
    }

    private static boolean xsrfOk(HttpServerRequest req) {
        Cookie c = req.getCookie(XSRF_COOKIE);
        String h = req.getHeader(XSRF_HEADER);
        return c != null && h != null && !h.isEmpty()
                && MessageDigest.isEqual(c.getValue().getBytes(StandardCharsets.UTF_8), h.getBytes(StandardCharsets.UTF_8));
    }

    private void setCookies(RoutingContext ctx) {
        ctx.response().addCookie(Cookie.cookie(AUTH_COOKIE, cookieValue).setHttpOnly(true).setPath("/")
                .setSameSite(CookieSameSite.STRICT));
        ensureXsrfCookie(ctx);
    }

    private static void ensureXsrfCookie(RoutingContext ctx) {
        if (ctx.request().getCookie(XSRF_COOKIE) == null) {
            byte[] b = new byte[16];
            new SecureRandom().nextBytes(b);
            ctx.response().addCookie(Cookie.cookie(XSRF_COOKIE, HexFormat.of().formatHex(b)).setPath("/")
                    .setSameSite(CookieSameSite.STRICT));
        }
    }

    private static String hmac(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
