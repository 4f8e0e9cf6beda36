package io.workbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.events.EventLog;
import io.workbench.testkit.SharedBroker;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Metrics of a real kernel JVM, found as Prometheus finds them: the server's HTTP service discovery lists the kernel
 * with its notebook, the kernel serves {@code /metrics} on loopback to holders of the metrics token only, and after a
 * producer of a known number of events and a streaming query over them, the query's and the producer's counters
 * equal what a plain Kafka consumer reads from the topic ({@link EventLog}). The scrape passes {@code promtool check
 * metrics}, Prometheus's own linter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CELL_MILLIS = 180_000;
    private static final int EVENTS = 600;
    private TestServers s;
    private String sessionId;
    private WsClient ws;
    private String metricsToken;

    @BeforeAll
    void start() throws Exception {
        s = TestServers.real(0);
        var created = s.call("POST", "/api/sessions",
                "{\"path\":\"metrics.ipynb\",\"type\":\"notebook\",\"kernel\":{\"name\":\"workbench-java\"}}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode session = JSON.readTree(created.body());
        sessionId = session.path("id").asText();
        ws = new WsClient(s, session.path("kernel").path("id").asText());
        Path tokenFile = s.home.resolve("runtime").resolve("metrics.token");
        metricsToken = Files.readString(tokenFile).trim();
        assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(tokenFile), "only its owner may read the metrics token");
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

    private void run(String cellId, String code) throws Exception {
        String id = ws.execute(code, cellId);
        JsonNode reply = ws.await(WsClient.reply(id), CELL_MILLIS);
        assertEquals("ok", reply.path("content").path("status").asText(), () -> "cell " + cellId + ": " + reply);
    }

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return s.send(b.build());
    }

    /** The value of the one sample of {@code metric} whose labels contain {@code label}, or null. */
    private static Double sample(String scrape, String metric, String label) {
        for (String line : scrape.lines().toList()) {
            if (line.startsWith(metric + "{") && line.contains(label)) {
                return Double.valueOf(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return null;
    }

    @Test
    void theKernelIsDiscoveredAndItsCountersMatchTheTopic() throws Exception {
        String topic = "metrics-it-" + UUID.randomUUID().toString().substring(0, 8);
        String name = "types_" + topic.substring(11);
        String bearer = "Bearer " + metricsToken;

        // Discovery: the server itself, and the kernel with its notebook once it has announced its port.
        JsonNode kernelTarget = null;
        long deadline = System.currentTimeMillis() + CELL_MILLIS;
        while (kernelTarget == null && System.currentTimeMillis() < deadline) {
            HttpResponse<String> sd = get(s.base() + "/api/workbench/prometheus/targets", bearer);
            assertEquals(200, sd.statusCode(), sd.body());
            JsonNode groups = JSON.readTree(sd.body());
            assertEquals("server", groups.get(0).path("labels").path("kind").asText(), sd.body());
            for (JsonNode g : groups) {
                if ("kernel".equals(g.path("labels").path("kind").asText())) {
                    kernelTarget = g;
                }
            }
            if (kernelTarget == null) {
                Thread.sleep(500);
            }
        }
        assertNotNull(kernelTarget, "the kernel appears in the discovery");
        assertEquals("metrics.ipynb", kernelTarget.path("labels").path("notebook").asText(), kernelTarget.toString());
        String kernelMetrics = "http://" + kernelTarget.path("targets").get(0).asText() + "/metrics";
        assertTrue(kernelMetrics.startsWith("http://127.0.0.1:"), "loopback only: " + kernelMetrics);

        // Access: the metrics token opens metrics and discovery, nothing else; nothing opens them without a token.
        assertEquals(401, get(kernelMetrics, null).statusCode());
        assertEquals(401, get(kernelMetrics, "Bearer wrong").statusCode());
        assertEquals(401, get(s.base() + "/metrics", null).statusCode());
        assertEquals(200, get(s.base() + "/metrics", bearer).statusCode());
        assertEquals(401, get(s.base() + "/api/contents", bearer).statusCode(), "the metrics token runs nothing");
        assertEquals(401, get(s.base() + "/api/workbench/prometheus/targets", null).statusCode());

        run("prod", "var p = events.start(ProducerSettings.defaults().topic(\"" + topic + "\").rate(300).seed(5)"
                + ".maxEvents(" + EVENTS + "));");
        run("query", "display(kafka.events(\"" + topic + "\").groupBy(\"event_type\").count(), \"" + name + "\")");

        String label = "query_name=\"" + name + "\"";
        String scrape = "";
        Double rowsIn = null;
        deadline = System.currentTimeMillis() + CELL_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> r = get(kernelMetrics, bearer);
            assertEquals(200, r.statusCode(), r.body());
            scrape = r.body();
            rowsIn = sample(scrape, "workbench_query_input_rows_total", label);
            Double acked = sample(scrape, "workbench_producer_records_acknowledged_total", "topic=\"" + topic + "\"");
            Double lag = sample(scrape, "workbench_query_source_lag_records", label);
            // A scrape reads the meters one after another while Spark's listener may be updating them for a batch:
            // wait for one in which the last batch is wholly there (its rows, its lag, caught up).
            if (rowsIn != null && rowsIn >= EVENTS && acked != null && acked >= EVENTS && lag != null && lag == 0) {
                break;
            }
            Thread.sleep(1000);
        }
        // The figures of the batches that read everything, settled: a fresh scrape a moment later.
        Thread.sleep(1500);
        Double settled = sample(scrape, "workbench_query_input_rows_total", label);
        scrape = get(kernelMetrics, bearer).body();
        assertEquals(settled, sample(scrape, "workbench_query_input_rows_total", label), "nothing more was read");
        EventLog truth = EventLog.read(SharedBroker.bootstrapServers(), topic, Duration.ofSeconds(30));
        assertEquals(EVENTS, truth.entries().size(), "the topic holds what the producer sent");
        assertEquals((double) truth.entries().size(), rowsIn, "rows in = records in the topic\n" + scrape);
        assertEquals((double) EVENTS, sample(scrape, "workbench_producer_records_acknowledged_total",
                "topic=\"" + topic + "\""));
        assertEquals(0.0, sample(scrape, "workbench_producer_records_failed_total", "topic=\"" + topic + "\""));
        assertEquals(1.0, sample(scrape, "workbench_query_up", label));
        assertEquals(0.0, sample(scrape, "workbench_query_source_lag_records", label),
                "caught up: no offsets behind\n" + scrape);
        assertTrue(sample(scrape, "workbench_query_batches_total", label) >= 1);
        assertTrue(sample(scrape, "workbench_query_batch_duration_seconds_count", label) >= 1);
        assertTrue(sample(scrape, "workbench_query_state_rows", label) > 0, "an aggregation keeps state");
        assertTrue(scrape.contains("jvm_memory_used_bytes{"), "the JVM's own metrics are there");

        // A stopped query keeps its series, now down; it does not vanish.
        run("stop", "streams.stop(\"" + name + "\")");
        String after = get(kernelMetrics, bearer).body();
        assertEquals(0.0, sample(after, "workbench_query_up", label), after);
        assertEquals(0.0, sample(after, "workbench_query_failed", label));
        assertEquals(rowsIn, sample(after, "workbench_query_input_rows_total", label));

        lint(after);
    }

    /** Prometheus's own linter over a scrape: it names what breaks its conventions (exit 0 and no output when none). */
    private static void lint(String scrape) throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        assertTrue(Files.isExecutable(promtool), "promtool is missing: ./workbench test installs Debian's prometheus");
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(scrape.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String ours = out.lines().filter(l -> l.startsWith("workbench_")).reduce("", (a, b) -> a + b + "\n");
        assertEquals("", ours, "promtool check metrics on the workbench's own metrics:\n" + out);
    }
}
