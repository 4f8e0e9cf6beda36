package io.workbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Probes for each security check; every one of these would fail if its check were removed. */
class SecurityTest {
    private static TestServers s;
    private static Path secretOutside;

    @BeforeAll
    static void start() throws Exception {
        s = TestServers.echo();
        Files.writeString(s.notebooks.resolve("ok.ipynb"), "{\"nbformat\":4,\"nbformat_minor\":5,\"metadata\":{},\"cells\":[]}");
        secretOutside = Files.writeString(s.home.resolve("secret.txt"), "TOP-SECRET-outside");
        Path sibling = Files.createDirectories(s.home.resolve("notebooks-evil"));
        Files.writeString(sibling.resolve("x.ipynb"), "TOP-SECRET-sibling");
        Files.createSymbolicLink(s.notebooks.resolve("link-out"), s.home);
        Files.createSymbolicLink(s.notebooks.resolve("file-link.txt"), secretOutside);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private HttpResponse<String> raw(HttpRequest.Builder b) throws Exception {
        return s.send(b.timeout(Duration.ofSeconds(10)).build());
    }

    private HttpRequest.Builder anonymous(String path) {
        return HttpRequest.newBuilder(URI.create(s.base() + path));
    }

    @Test
    void noTokenMeansNoAccess() throws Exception {
        HttpResponse<String> r = raw(anonymous("/api/contents"));
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"message\""), "errors are JSON");
        assertEquals(401, raw(anonymous("/api/contents").header("Authorization", "token wrong-token")).statusCode());
        assertEquals(401, raw(anonymous("/api/contents?token=wrong-token")).statusCode());
        assertEquals(401, raw(anonymous("/metrics")).statusCode());
        assertEquals(200, raw(anonymous("/api/contents").header("Authorization", "token " + TestServers.TOKEN)).statusCode());
    }

    @Test
    void theTokenInAUrlBecomesACookieAndLeavesTheUrl() throws Exception {
        HttpResponse<String> r = raw(anonymous("/?token=" + TestServers.TOKEN));
        assertEquals(302, r.statusCode());
        assertEquals("/", r.headers().firstValue("Location").orElse(""));
        List<String> cookies = r.headers().allValues("Set-Cookie");
        String auth = cookies.stream().filter(c -> c.startsWith("workbench-auth=")).findFirst().orElseThrow();
        assertTrue(auth.toLowerCase().contains("httponly") && auth.contains("SameSite=Strict"), auth);
        assertFalse(auth.contains(TestServers.TOKEN), "the cookie must not be the token itself");
        String cookie = auth.substring(0, auth.indexOf(';'));
        assertEquals(200, raw(anonymous("/api/contents").header("Cookie", cookie)).statusCode());
    }

    @Test
    void cookieAuthenticatedChangesNeedTheXsrfToken() throws Exception {
        HttpResponse<String> login = raw(anonymous("/?token=" + TestServers.TOKEN));
        String auth = cookie(login, "workbench-auth");
        String xsrf = cookie(login, "_xsrf");
        HttpRequest.Builder post = anonymous("/api/contents").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"notebook\"}"));
        HttpResponse<String> without = raw(post.copy().header("Cookie", auth + "; " + xsrf));
        assertEquals(403, without.statusCode());
        assertTrue(without.body().contains("XSRF"));
        HttpResponse<String> wrong = raw(post.copy().header("Cookie", auth + "; " + xsrf).header("X-XSRFToken", "nope"));
        assertEquals(403, wrong.statusCode());
        HttpResponse<String> right = raw(post.copy().header("Cookie", auth + "; " + xsrf)
                .header("X-XSRFToken", xsrf.substring(xsrf.indexOf('=') + 1)));
        assertEquals(201, right.statusCode(), right.body());
    }

    private static String cookie(HttpResponse<String> r, String name) {
        String c = r.headers().allValues("Set-Cookie").stream().filter(x -> x.startsWith(name + "=")).findFirst().orElseThrow();
        return c.substring(0, c.indexOf(';'));
    }

    @Test
    void aForeignOriginIsRefusedOnHttpAndWebSocket() throws Exception {
        HttpResponse<String> r = raw(s.request("/api/contents").header("Origin", "http://evil.example"));
        assertEquals(403, r.statusCode());
        assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "CORS stays closed");
        assertEquals(200, raw(s.request("/api/contents").header("Origin", s.base())).statusCode(), "same origin is fine");
        String kernel = s.call("POST", "/api/kernels", "{}").body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        URI ws = URI.create("ws://127.0.0.1:" + s.server.port() + "/api/kernels/" + kernel + "/channels");
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, () ->
                s.http.newWebSocketBuilder().header("Authorization", "token " + TestServers.TOKEN)
                        .header("Origin", "http://evil.example").buildAsync(ws, new WebSocket.Listener() { }).join());
        assertEquals(403, ((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
        WebSocket ok = s.http.newWebSocketBuilder().header("Authorization", "token " + TestServers.TOKEN)
                .header("Origin", s.base()).buildAsync(ws, new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
        ok.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    }

    @Test
    void aForeignHostIsRefusedAgainstDnsRebinding() throws Exception {
        HttpResponse<String> r = raw(s.request("/api/contents").header("Host", "evil.example:" + s.server.port()));
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("not this server"));
        assertEquals(200, raw(s.request("/api/contents").header("Host", "localhost:" + s.server.port())).statusCode());
    }

    @Test
    void everyPathTraversalVariantIsRefused() throws Exception {
        List<String> attacks = List.of(
                "/api/contents/../secret.txt",
                "/api/contents/..%2Fsecret.txt",
                "/api/contents/%2e%2e/secret.txt",
                "/api/contents/%2e%2e%2fsecret.txt",
                "/api/contents/%252e%252e%252fsecret.txt",
                "/api/contents/ok.ipynb/../../secret.txt",
                "/api/contents//" + secretOutside.toString().substring(1),
                "/api/contents/%2F" + secretOutside.toString().substring(1),
                "/api/contents/..%5Csecret.txt",
                "/api/contents/link-out/secret.txt",
                "/api/contents/file-link.txt",
                "/api/contents/../notebooks-evil/x.ipynb",
                "/api/contents/%2e%2e%2fnotebooks-evil%2fx.ipynb",
                "/api/contents/.hidden");
        for (String attack : attacks) {
            HttpResponse<String> r = raw(s.request("/").uri(URI.create(s.base() + attack)));
            // 403 from the contents paths check, or 404/405 when the router's own normalisation already left /api/contents
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, attack + " gave " + r.statusCode());
            assertFalse(r.body().contains("TOP-SECRET"), attack + " leaked: " + r.body());
        }
        HttpResponse<String> put = s.call("PUT", "/api/contents/..%2Fwritten-outside.txt", "{\"type\":\"file\",\"format\":\"text\",\"content\":\"x\"}");
        assertNotEquals(201, put.statusCode());
        assertFalse(Files.exists(s.home.resolve("written-outside.txt")));
        HttpResponse<String> move = s.call("PATCH", "/api/contents/ok.ipynb", "{\"path\":\"../moved-out.ipynb\"}");
        assertEquals(403, move.statusCode());
        assertTrue(Files.exists(s.notebooks.resolve("ok.ipynb")));
    }

    @Test
    void errorBodiesCarryNoStackTraceOrToken() throws Exception {
        HttpResponse<String> r = s.call("PUT", "/api/contents/bad.ipynb", "{\"type\":\"notebook\",\"content\":{\"nbformat\":3}}");
        assertEquals(422, r.statusCode());
        HttpResponse<String> broken = s.call("POST", "/api/sessions", "{not json");
        assertEquals(400, broken.statusCode());
        for (HttpResponse<String> resp : List.of(r, broken)) {
            assertFalse(resp.body().contains("\tat ") || resp.body().contains("Exception"), resp.body());
            assertFalse(resp.body().contains(TestServers.TOKEN));
        }
    }

    @Test
    void theAppPagesCarryAContentSecurityPolicy() throws Exception {
        for (String page : List.of("/", "/tree", "/notebooks/a.ipynb", "/jobs", "/jobs/sales")) {
            HttpResponse<String> r = raw(s.request(page));
            assertEquals(200, r.statusCode(), page);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-eval") && csp.contains("frame-ancestors 'none'"),
                    page + ": " + csp);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), page);
        }
    }

    @Test
    void theServerBindsToLoopbackByDefault() {
        assertEquals("127.0.0.1", ServerConfig.HOST.defaultValue());
        HttpClient unused = s.http;
        assertTrue(unused != null);
    }
}
