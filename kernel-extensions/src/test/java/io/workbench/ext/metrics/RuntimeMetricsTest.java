package io.workbench.ext.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.config.Settings;
import io.workbench.ext.producers.ProducerRegistry;
import io.workbench.ext.query.Checkpoints;
import io.workbench.ext.query.QueryRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's switch {@code metrics.enabled}: on, the query listener counts and /metrics answers; off, neither. */
class RuntimeMetricsTest {
    @TempDir
    Path dir;

    @Test
    void onByDefaultListensToQueriesAndServes() throws Exception {
        QueryRegistry queries = queries();
        try (RuntimeMetrics metrics = RuntimeMetrics.create(settings(Map.of()), queries, producers())) {
            assertTrue(metrics.enabled());
            queries.refused("q1", new IllegalStateException("refused for the test"));
            assertTrue(metrics.scrape().contains("workbench_query_failed{query_name=\"q1\"} 1.0"), metrics.scrape());
            assertTrue(metrics.scrape().contains("jvm_memory_used_bytes"));

            Path portFile = dir.resolve("metrics-port");
            int port = metrics.serve("127.0.0.1", 0, "test-token", portFile);
            assertTrue(port > 0);
            assertEquals(String.valueOf(port), Files.readString(portFile).trim());
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).header("Authorization", "Bearer test-token")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("workbench_query_up{query_name=\"q1\"} 0.0"), r.body());
        }
    }

    @Test
    void offRegistersNoListenerNoMeterAndServesNothing() throws Exception {
        QueryRegistry queries = queries();
        Settings off = settings(Map.of("WORKBENCH_METRICS_ENABLED", "off"));
        try (RuntimeMetrics metrics = RuntimeMetrics.create(off, queries, producers())) {
            assertFalse(metrics.enabled());
            queries.refused("q1", new IllegalStateException("refused for the test"));
            // Empty because nothing was registered: no query listener, no JVM binders, no producer meters.
            assertEquals("", metrics.scrape());

            Path portFile = dir.resolve("metrics-port");
            assertEquals(-1, metrics.serve("127.0.0.1", 0, "test-token", portFile));
            assertEquals(-1, metrics.serve(Settings.of(Map.of("WORKBENCH_METRICS_ENABLED", "false",
                    "WORKBENCH_METRICS_TOKEN", "test-token", "WORKBENCH_METRICS_PORT_FILE", portFile.toString()),
                    Map.of(), Map.of())));
            assertFalse(Files.exists(portFile));
        }
    }

    @Test
    void theSystemPropertyAndTheConfigFileTurnItOffToo() {
        try (RuntimeMetrics byProperty = RuntimeMetrics.create(Settings.of(Map.of(),
                Map.of("workbench.metrics.enabled", "false"), Map.of()), queries(), producers());
             RuntimeMetrics byFile = RuntimeMetrics.create(Settings.of(Map.of(), Map.of(),
                     Map.of("metrics.enabled", "false")), queries(), producers())) {
            assertFalse(byProperty.enabled());
            assertFalse(byFile.enabled());
        }
    }

    private QueryRegistry queries() {
        return new QueryRegistry(new Checkpoints(dir.resolve("checkpoints"), "test"), () -> "owner", () -> null);
    }

    private static ProducerRegistry producers() {
        return new ProducerRegistry(() -> "owner", "127.0.0.1:9");
    }

    private static Settings settings(Map<String, String> env) {
        return Settings.of(env, Map.of(), Map.of());
    }
}
