package io.workbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The streams API with the in-process echo kernel, which answers no workbench control request: the server says so
 * after its timeout instead of hanging, and checks requests before it asks a kernel.
 */
class StreamsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aKernelThatDoesNotAnswerGives504AndBadRequestsAreRefusedFirst() throws Exception {
        try (TestServers s = TestServers.echo()) {
            JsonNode k = JSON.readTree(s.call("POST", "/api/kernels", "{}").body());
            String base = "/api/workbench/kernels/" + k.path("id").asText() + "/streams";
            long t0 = System.nanoTime();
            var r = s.get(base);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(504, r.statusCode(), r.body());
            assertTrue(millis >= 9_000 && millis < 20_000, "answered after " + millis + " ms");
            assertTrue(JSON.readTree(r.body()).path("message").asText().contains("did not answer"), r.body());
            assertEquals(400, s.call("POST", base + "/query/q1/explode", null).statusCode());
            assertEquals(400, s.call("POST", base + "/producer/p1/rate", "{\"rate\": \"fast\"}").statusCode());
            assertEquals(404, s.get("/api/workbench/kernels/nope/streams").statusCode());
            // The same guards as every other route: a cookie-authenticated POST needs the XSRF header, and a
            // foreign origin is refused, before any kernel is asked.
            HttpResponse<String> login = s.send(HttpRequest.newBuilder(URI.create(s.base() + "/?token=" + TestServers.TOKEN)).build());
            String cookies = login.headers().allValues("Set-Cookie").stream().map(c -> c.substring(0, c.indexOf(';')))
                    .reduce((a, b) -> a + "; " + b).orElseThrow();
            HttpResponse<String> noXsrf = s.send(HttpRequest.newBuilder(URI.create(s.base() + base + "/query/q1/stop"))
                    .header("Cookie", cookies).POST(HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(403, noXsrf.statusCode(), noXsrf.body());
            assertTrue(noXsrf.body().contains("XSRF"), noXsrf.body());
            HttpResponse<String> foreign = s.send(s.request(base).header("Origin", "http://evil.example").GET().build());
            assertEquals(403, foreign.statusCode(), foreign.body());
        }
    }
}
