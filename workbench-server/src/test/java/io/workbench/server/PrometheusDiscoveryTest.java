package io.workbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The server's Prometheus HTTP service discovery with in-process kernels that announce (fake) metrics ports: which
 * processes it lists, at which address, with which labels. MetricsIT and LauncherIT scrape real ones.
 */
class PrometheusDiscoveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The discovery's target groups, as Prometheus reads them. */
    static List<JsonNode> groups(TestServers s) throws Exception {
        var r = s.get("/api/workbench/prometheus/targets");
        assertEquals(200, r.statusCode(), r.body());
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.body()).forEach(out::add);
        return out;
    }

    static List<JsonNode> ofKind(List<JsonNode> groups, String kind) {
        return groups.stream().filter(g -> kind.equals(g.path("labels").path("kind").asText())).toList();
    }

    private static void announceBroker(TestServers s, int port) throws Exception {
        Path runtime = Files.createDirectories(s.home.resolve("data/runtime"));
        Files.writeString(runtime.resolve("broker.metrics-port"), port + "\n");
    }

    private static String startKernel(TestServers s) throws Exception {
        var created = s.call("POST", "/api/kernels", "{\"name\":\"workbench-java\"}");
        assertEquals(201, created.statusCode(), created.body());
        return JSON.readTree(created.body()).path("id").asText();
    }

    @Test
    void byDefaultKernelsAndTheBrokerAreListedOnLoopback() throws Exception {
        try (TestServers s = TestServers.echoWithMetrics(0, Map.of())) {
            String id = startKernel(s);
            announceBroker(s, 40100);
            List<JsonNode> groups = groups(s);
            List<JsonNode> kernels = ofKind(groups, "kernel");
            assertEquals(1, kernels.size(), groups::toString);
            assertEquals(id, kernels.get(0).path("labels").path("kernel_id").asText());
            assertTrue(kernels.get(0).path("targets").get(0).asText().matches("127\\.0\\.0\\.1:\\d+"), kernels::toString);
            assertEquals("127.0.0.1:40100", ofKind(groups, "broker").get(0).path("targets").get(0).asText());
        }
    }

    @Test
    void theAdvertiseHostIsWhereOtherMachinesAreToldToScrape() throws Exception {
        try (TestServers s = TestServers.echoWithMetrics(0, Map.of("workbench.metrics.bind-host", "0.0.0.0",
                "workbench.metrics.advertise-host", "workbench"))) {
            startKernel(s);
            announceBroker(s, 40100);
            List<JsonNode> groups = groups(s);
            assertTrue(ofKind(groups, "kernel").get(0).path("targets").get(0).asText().matches("workbench:\\d+"),
                    groups::toString);
            assertEquals("workbench:40100", ofKind(groups, "broker").get(0).path("targets").get(0).asText());
            // The server's own target is the address the request reached it at, as before.
            assertEquals("127.0.0.1:" + s.server.port(), ofKind(groups, "server").get(0).path("targets").get(0).asText());
        }
    }

    /**
     * A kernel of the warm pool runs a JVM too: it is listed, marked warm, before any notebook takes it; once taken it
     * is listed as that kernel, at the same address, and its replacement as warm.
     */
    @Test
    void warmPoolKernelsAreListedAsWarmUntilANotebookTakesThem() throws Exception {
        try (TestServers s = TestServers.echoWithMetrics(1, Map.of())) {
            JsonNode warm = awaitWarm(s, null);
            assertEquals(Map.of("kind", "kernel", "warm", "true"), JSON.convertValue(warm.path("labels"), Map.class));
            String address = warm.path("targets").get(0).asText();
            String id = startKernel(s);
            JsonNode replacement = awaitWarm(s, address);
            List<JsonNode> groups = groups(s);
            JsonNode taken = ofKind(groups, "kernel").stream().filter(g -> id.equals(g.path("labels").path("kernel_id").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError("kernel " + id + " is not listed: " + groups));
            assertEquals(address, taken.path("targets").get(0).asText(), "the notebook got the warm kernel");
            assertTrue(taken.path("labels").path("warm").isMissingNode(), taken::toString);
            assertEquals(2, ofKind(groups, "kernel").size(), groups::toString);
            assertTrue(!replacement.path("targets").get(0).asText().equals(address), replacement::toString);
        }
    }

    /** The one warm kernel listed at another address than {@code not}, waiting for the pool to start it. */
    private static JsonNode awaitWarm(TestServers s, String not) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        List<JsonNode> warm = List.of();
        while (System.currentTimeMillis() < deadline) {
            warm = ofKind(groups(s), "kernel").stream().filter(g -> g.path("labels").path("warm").asText().equals("true"))
                    .filter(g -> !g.path("targets").get(0).asText().equals(not)).toList();
            if (!warm.isEmpty()) {
                assertEquals(1, warm.size(), warm::toString);
                return warm.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no warm kernel listed: " + groups(s));
    }

    private static void assertTrue(boolean condition, java.util.function.Supplier<String> message) {
        org.junit.jupiter.api.Assertions.assertTrue(condition, message);
    }
}
