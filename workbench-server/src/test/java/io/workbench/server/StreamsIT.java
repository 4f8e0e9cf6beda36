package io.workbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The streams API against a real kernel JVM and a real broker: a producer and a live windowed aggregation started
 * from cells are listed with their cells and progress, and are controlled through the kernel's control channel.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CELL_MILLIS = 180_000;
    private TestServers s;
    private String sessionId;
    private String kernel;
    private WsClient ws;

    @BeforeAll
    void start() throws Exception {
        s = TestServers.real(0);
        var created = s.call("POST", "/api/sessions",
                "{\"path\":\"streams.ipynb\",\"type\":\"notebook\",\"kernel\":{\"name\":\"workbench-java\"}}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode session = JSON.readTree(created.body());
        sessionId = session.path("id").asText();
        kernel = session.path("kernel").path("id").asText();
        ws = new WsClient(s, kernel);
    }

    @AfterAll
    void stop() throws Exception {
        if (ws != null) {
            ws.close();
        }
        if (sessionId != null) {
            s.call("DELETE", "/api/sessions/" + sessionId, null);
        }
        s.close();
    }

    private JsonNode run(String cellId, String code) throws Exception {
        String id = ws.execute(code, cellId);
        JsonNode reply = ws.await(WsClient.reply(id), CELL_MILLIS);
        assertEquals("ok", reply.path("content").path("status").asText(), () -> "cell " + cellId + ": " + reply
                + "\n" + ws.all());
        return reply;
    }

    private HttpResponse<String> streams(String kernelId) throws Exception {
        return s.get("/api/workbench/kernels/" + kernelId + "/streams");
    }

    private HttpResponse<String> act(String kernelId, String kind, String id, String action, String body) throws Exception {
        // Ids are URL-safe today; encoding keeps the test honest if that changes.
        return s.call("POST", "/api/workbench/kernels/" + kernelId + "/streams/" + kind + "/"
                + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/" + action, body);
    }

    private static JsonNode named(JsonNode list, String field, String value) {
        for (JsonNode n : list) {
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        return null;
    }

    /** Polls GET streams until {@code done} holds for the entry picked by {@code pick}; returns that entry. */
    private JsonNode awaitStreams(String what, java.util.function.Function<JsonNode, JsonNode> pick,
                                  Predicate<JsonNode> done) throws Exception {
        long deadline = System.currentTimeMillis() + CELL_MILLIS;
        String last = null;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> r = streams(kernel);
            assertEquals(200, r.statusCode(), r.body());
            last = r.body();
            JsonNode entry = pick.apply(JSON.readTree(r.body()));
            if (entry != null && done.test(entry)) {
                return entry;
            }
            Thread.sleep(300);
        }
        throw new AssertionError(what + " did not happen; last GET streams: " + last);
    }

    @Test
    void listsAndControlsTheQueriesAndProducersOfAKernel() throws Exception {
        String topic = "streams-it-" + UUID.randomUUID().toString().substring(0, 8);
        String name = "sales_" + topic.substring(11);
        run("prod", "var p = events.start(ProducerSettings.defaults().topic(\"" + topic + "\").rate(300).seed(3));");
        run("live", """
                display(kafka.events("%s")
                        .withWatermark("timestamp", "5 minutes")
                        .groupBy(window(col("timestamp"), "1 minute"), col("product_category"))
                        .agg(sum("amount").as("sales"), count("*").as("orders")), "%s")
                """.formatted(topic, name));

        JsonNode query = awaitStreams("the query processing rows", b -> named(b.path("queries"), "name", name),
                q -> q.path("progress").path("processedRowsPerSecond").asDouble() > 0);
        assertEquals("running", query.path("status").asText());
        assertEquals("live", query.path("cellId").asText(), "the query belongs to the cell that displayed it");
        assertFalse(query.hasNonNull("error"), query.toString());
        assertTrue(query.path("progress").path("batchId").asLong() >= 0);
        JsonNode producer = named(JSON.readTree(streams(kernel).body()).path("producers"), "topic", topic);
        assertNotNull(producer, "the producer is listed");
        assertEquals("RUNNING", producer.path("state").asText());
        assertEquals("prod", producer.path("cellId").asText());
        assertTrue(producer.path("sent").asLong() > 0, producer.toString());

        // Producer control, including the rate that needs a body.
        HttpResponse<String> paused = act(kernel, "producer", producer.path("id").asText(), "pause", null);
        assertEquals(200, paused.statusCode(), paused.body());
        assertEquals("ok", JSON.readTree(paused.body()).path("status").asText());
        assertEquals("PAUSED", named(JSON.readTree(streams(kernel).body()).path("producers"), "topic", topic)
                .path("state").asText());
        assertEquals(400, act(kernel, "producer", producer.path("id").asText(), "rate", null).statusCode(),
                "a rate needs a body");
        assertEquals(200, act(kernel, "producer", producer.path("id").asText(), "rate", "{\"rate\": 50}").statusCode());
        assertEquals(50.0, named(JSON.readTree(streams(kernel).body()).path("producers"), "topic", topic)
                .path("targetRate").asDouble());

        // Stopping the query through the API: it stays listed, as stopped.
        HttpResponse<String> stopped = act(kernel, "query", query.path("id").asText(), "stop", null);
        assertEquals(200, stopped.statusCode(), stopped.body());
        JsonNode after = awaitStreams("the query showing as stopped", b -> named(b.path("queries"), "name", name),
                q -> !"running".equals(q.path("status").asText()));
        assertEquals("stopped", after.path("status").asText(), after.toString());

        // Errors: the kernel's refusal, a malformed request, an unknown kernel.
        HttpResponse<String> unknown = act(kernel, "query", "no-such-query", "stop", null);
        assertEquals(409, unknown.statusCode(), unknown.body());
        assertTrue(JSON.readTree(unknown.body()).path("message").asText().contains("streams.list()"), unknown.body());
        // An action the kind does not have is a bad request, answered by the server with the actions it has.
        HttpResponse<String> refused = act(kernel, "query", query.path("id").asText(), "pause", null);
        assertEquals(400, refused.statusCode(), "a query cannot be paused: " + refused.body());
        assertTrue(JSON.readTree(refused.body()).path("message").asText().contains("stop, restart"), refused.body());
        assertEquals(400, act(kernel, "topic", "x", "stop", null).statusCode());
        assertEquals(400, act(kernel, "query", "x", "explode", null).statusCode());
        HttpResponse<String> noKernel = streams("no-such-kernel");
        assertEquals(404, noKernel.statusCode(), noKernel.body());
        assertEquals("application/json", noKernel.headers().firstValue("Content-Type").orElse(""));
        assertEquals(404, act("no-such-kernel", "query", "x", "stop", null).statusCode());
    }

    @Test
    void theStreamsOfADeadKernelAreUnavailableWithAClearMessage() throws Exception {
        JsonNode other = JSON.readTree(s.call("POST", "/api/sessions",
                "{\"path\":\"dead-streams.ipynb\",\"type\":\"notebook\",\"kernel\":{\"name\":\"workbench-java\"}}").body());
        String id = other.path("kernel").path("id").asText();
        try {
            assertEquals(200, streams(id).statusCode(), "a fresh kernel answers with empty lists");
            long pid = JSON.readTree(s.get("/api/kernels/" + id).body()).path("pid").asLong();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            long deadline = System.currentTimeMillis() + 30_000;
            while (!JSON.readTree(s.get("/api/kernels/" + id).body()).path("execution_state").asText().equals("dead")) {
                assertTrue(System.currentTimeMillis() < deadline, "the killed kernel was not reported dead");
                Thread.sleep(200);
            }
            HttpResponse<String> r = streams(id);
            assertEquals(503, r.statusCode(), r.body());
            String message = JSON.readTree(r.body()).path("message").asText();
            assertTrue(message.contains("dead") && message.contains("restart"), message);
            assertFalse(message.contains("Exception"), message);
        } finally {
            s.call("DELETE", "/api/sessions/" + other.path("id").asText(), null);
        }
    }
}
