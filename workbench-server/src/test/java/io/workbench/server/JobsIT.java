package io.workbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.events.EventLog;
import io.workbench.events.EventProducer;
import io.workbench.events.ProducerSettings;
import io.workbench.events.ProducerStats;
import io.workbench.testkit.SharedBroker;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Notebooks 02 and 06 as jobs, for real: the server exports them (in export JVMs) and runs each run as a job JVM
 * against the shared broker. Every output is checked against {@link EventLog}, a plain consumer's reading of the
 * same events: 02 scheduled over a backlog (its live views are Kafka sinks), 06 continuous while a producer writes,
 * killed with -9 three times while it writes Parquet; an upgrade whose checkpoint does not fit is refused before any
 * batch, with the fresh-checkpoint and go-back choices; and the history outlives a restart of the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SETTINGS = Map.of("workbench.jobs.restart.initial-delay-seconds", "1",
            "workbench.jobs.restart.max-delay-seconds", "2", "workbench.jobs.restart.max-attempts", "10",
            "workbench.jobs.stop-timeout-seconds", "75", "workbench.jobs.heap", "768m");
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private Path home;
    private TestServers server;
    private String salesTopic;

    @BeforeAll
    void start() throws Exception {
        home = Files.createTempDirectory("workbench-jobs-it");
        Path repo = Path.of(System.getProperty("workbench.repo")).toAbsolutePath().normalize();
        Files.createDirectories(home.resolve("notebooks"));
        for (String nb : List.of("02-sales-per-window.ipynb", "06-data-lake.ipynb")) {
            Files.copy(repo.resolve("notebooks").resolve(nb), home.resolve("notebooks").resolve(nb));
        }
        server = TestServers.jobs(home, SETTINGS);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private JsonNode api(String method, String path, Object body, int expected) throws Exception {
        HttpResponse<String> r = server.call(method, path, body == null ? null : JSON.writeValueAsString(body));
        assertEquals(expected, r.statusCode(), () -> method + " " + path + ": " + r.body());
        return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    private JsonNode awaitJob(String job, String what, Predicate<JsonNode> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = api("GET", "/api/workbench/jobs/" + job, null, 200);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        JsonNode runs = api("GET", "/api/workbench/jobs/" + job + "/runs", null, 200);
        String log = runs.isEmpty() ? "" : api("GET", "/api/workbench/jobs/" + job + "/runs/" + runs.get(0).path("id").asText()
                + "/log", null, 200).path("text").asText();
        throw new AssertionError(job + ": " + what + " did not happen; last seen " + last + "\nruns " + runs + "\nlog:\n" + log);
    }

    /** GET {@code url} with the server's metrics token, as Prometheus scrapes it. */
    private String scrape(String url) throws Exception {
        String token = Files.readString(home.resolve("data/runtime/metrics.token")).trim();
        HttpResponse<String> r = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Authorization", "Bearer " + token).GET().build());
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return r.body();
    }

    /** The value of the sample of {@code metric} whose labels contain every one of {@code labels}, or null. */
    private static Double sample(String scrape, String metric, String... labels) {
        for (String line : scrape.lines().toList()) {
            if (line.startsWith(metric + "{") && java.util.Arrays.stream(labels).allMatch(line::contains)) {
                return Double.valueOf(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return null;
    }

    private static JsonNode query(JsonNode run, String name) {
        for (JsonNode q : run.path("queries")) {
            if (name.equals(q.path("name").asText())) {
                return q;
            }
        }
        return null;
    }

    private static void produce(String topic, long events, long seed, long startMillis) throws Exception {
        try (EventProducer p = EventProducer.start(ProducerSettings.defaults().topic(topic).partitions(2).rate(0).seed(seed)
                .maxEvents(events).simulatedTime(startMillis, 10), SharedBroker.bootstrapServers())) {
            assertTrue(p.awaitDone(Duration.ofMinutes(2)), "the producer sent its events");
            p.flush();
            assertEquals(events, p.stats().acked());
        }
    }

    /** The newest record of each key of a sink topic, as JSON. */
    private static Map<String, JsonNode> newestByKey(String topic) throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        for (EventLog.Entry e : EventLog.read(SharedBroker.bootstrapServers(), topic, Duration.ofMinutes(1)).entries()) {
            out.put(e.key(), JSON.readTree(e.value()));
        }
        return out;
    }

    /** Purchases' sales and orders per "window start|category", for windows of {@code size} every {@code slide}. */
    private static Map<String, double[]> salesOracle(String topic, Duration size, Duration slide, Instant closedBy) {
        Map<String, double[]> out = new TreeMap<>();
        long sz = size.toMillis();
        long sl = slide.toMillis();
        for (EventLog.Entry e : EventLog.read(SharedBroker.bootstrapServers(), topic, Duration.ofMinutes(1)).events()) {
            if (!"purchase".equals(e.get("event_type"))) {
                continue;
            }
            long ts = (Long) e.get("timestamp");
            for (long s = ts - Math.floorMod(ts, sl); s > ts - sz; s -= sl) {
                if (closedBy != null && s + sz > closedBy.toEpochMilli()) {
                    continue;
                }
                double[] a = out.computeIfAbsent(Instant.ofEpochMilli(s) + "|" + e.get("product_category"), k -> new double[2]);
                a[0] += (Double) e.get("amount");
                a[1] += 1;
            }
        }
        return out;
    }

    private static void assertSame(Map<String, double[]> want, Map<String, double[]> got, String what) {
        assertEquals(want.keySet(), got.keySet(), what + ": the same windows as the oracle (" + got.size() + " vs " + want.size() + ")");
        for (String k : want.keySet()) {
            assertEquals(want.get(k)[0], got.get(k)[0], 1e-6 * Math.max(1, want.get(k)[0]), what + " sales of " + k);
            assertEquals(want.get(k)[1], got.get(k)[1], what + " orders of " + k);
        }
    }

    private static Map<String, double[]> sinkWindows(String topic) throws Exception {
        Map<String, double[]> got = new TreeMap<>();
        for (JsonNode row : newestByKey(topic).values()) {
            String key = Instant.parse(row.path("window").path("start").asText()) + "|" + row.path("product_category").asText();
            got.put(key, new double[] {row.path("sales").asDouble(), row.path("orders").asDouble()});
        }
        return got;
    }

    // ---- the tests -----------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void notebook02ScheduledOverABacklogGivesTheOraclesWindows() throws Exception {
        salesTopic = "jobs-sales-" + id;
        produce(salesTopic, 20_000, 7, Instant.parse("2026-11-24T08:00:00Z").toEpochMilli());
        JsonNode created = api("POST", "/api/workbench/jobs", Map.of("name", "sales", "notebook", "02-sales-per-window.ipynb",
                "mode", "scheduled", "cron", "0 3 * * *", "timeZone", "Europe/Paris", "params", Map.of("topic", salesTopic)), 201);
        assertEquals("scheduled", created.path("state").asText());
        assertFalse(created.path("notebookChanged").asBoolean(), created.toString());
        assertTrue(Instant.parse(created.path("nextRun").asText()).isAfter(Instant.now()));

        JsonNode run = api("POST", "/api/workbench/jobs/sales/runs", Map.of(), 201);
        assertEquals("manual", run.path("trigger").asText());
        JsonNode done = awaitJob("sales", "the AvailableNow run", j -> !j.path("lastRun").path("status").asText().equals("running"),
                Duration.ofMinutes(6)).path("lastRun");
        assertEquals("succeeded", done.path("status").asText(), done.toString());
        assertEquals(0, done.path("exitCode").asInt());
        JsonNode sales1m = query(done, "sales_1m");
        assertNotNull(sales1m, "the run reports its queries: " + done);
        assertEquals(20_000, sales1m.path("inputRows").asLong(), "it read the backlog once: " + sales1m);

        // The server's job metrics say the same as its API (docs/metrics.md).
        String metrics = scrape(server.base() + "/metrics");
        long succeeded = 0;
        for (JsonNode r : api("GET", "/api/workbench/jobs/sales/runs", null, 200)) {
            succeeded += "succeeded".equals(r.path("status").asText()) ? 1 : 0;
        }
        assertEquals((double) succeeded, sample(metrics, "workbench_job_runs_total", "job_name=\"sales\"",
                "status=\"succeeded\""), metrics);
        assertEquals(0.0, sample(metrics, "workbench_job_up", "job_name=\"sales\""));
        assertEquals(Instant.parse(done.path("endedAt").asText()).toEpochMilli() / 1000.0,
                sample(metrics, "workbench_job_last_success_timestamp_seconds", "job_name=\"sales\""), 0.001);

        Map<String, Duration[]> specs = Map.of("sales_1m", new Duration[] {Duration.ofMinutes(1), Duration.ofMinutes(1)},
                "sales_5m", new Duration[] {Duration.ofMinutes(5), Duration.ofMinutes(5)},
                "sales_1h", new Duration[] {Duration.ofHours(1), Duration.ofHours(1)},
                "sales_10m_every_5m", new Duration[] {Duration.ofMinutes(10), Duration.ofMinutes(5)});
        for (var spec : specs.entrySet()) {
            assertSame(salesOracle(salesTopic, spec.getValue()[0], spec.getValue()[1], null),
                    sinkWindows("sales." + spec.getKey()), spec.getKey());
        }
    }

    @Test
    @Order(2)
    void notebook06ContinuousSurvivesThreeKillsWithExactlyTheOraclesFiles() throws Exception {
        String topic = "jobs-lake-" + id;
        String enriched = topic + "-enriched";
        Path lake = home.resolve("lake");
        long start = Instant.parse("2026-11-24T20:00:00Z").toEpochMilli();
        api("POST", "/api/workbench/jobs", Map.of("name", "lake", "notebook", "06-data-lake.ipynb", "mode", "continuous",
                "params", Map.of("topic", topic, "enrichedTopic", enriched, "lakeDir", lake.toString())), 201);
        // The producer writes (100 events a second) for as long as the kills go on, so every run has new rows to read: a run is killed
        // once it has finished a batch that read rows, while it is most likely writing the next one.
        ProducerStats produced;
        List<String> killed = new ArrayList<>();
        try (EventProducer p = EventProducer.start(ProducerSettings.defaults().topic(topic).partitions(2).rate(100)
                .seed(31).maxEvents(200_000).simulatedTime(start, 10), SharedBroker.bootstrapServers())) {
            for (int kill = 1; kill <= 3; kill++) {
                JsonNode running = awaitJob("lake", "a run that has written batches", j -> {
                    JsonNode q = query(j.path("lastRun"), "sales_to_parquet");
                    return j.path("lastRun").path("status").asText().equals("running") && !killed.contains(
                            j.path("lastRun").path("id").asText()) && q != null && q.path("batchesWithRows").asLong() >= 1;
                }, Duration.ofMinutes(5)).path("lastRun");
                long pid = running.path("pid").asLong(-1);
                assertTrue(pid > 0, "the run's pid: " + running);
                ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // kill -9, while it writes Parquet
                killed.add(running.path("id").asText());
            }
            // At least 30 minutes of event time (10 events a second), for enough closed windows to compare.
            while (p.stats().acked() < 18_000) {
                assertEquals(EventProducer.State.RUNNING, p.state(), "the producer: " + p.stats());
                Thread.sleep(500);
            }
            p.close();
            produced = p.stats();
        }
        assertEquals(0, produced.failed(), "the producer's sends: " + produced);

        // The oracle: windows of purchases the watermark has closed, from a plain consumer of the same events.
        List<EventLog.Entry> all = EventLog.read(SharedBroker.bootstrapServers(), topic, Duration.ofMinutes(1)).events();
        assertEquals(produced.acked(), all.size(), "every acknowledged event is in the topic");
        assertTrue(all.size() >= 2_000, "events while the job was killed three times: " + all.size());
        long maxPurchase = all.stream().filter(e -> "purchase".equals(e.get("event_type")))
                .mapToLong(e -> (Long) e.get("timestamp")).max().orElseThrow();
        Instant watermark = Instant.ofEpochMilli(maxPurchase - Duration.ofMinutes(5).toMillis());
        JsonNode caughtUp = awaitJob("lake", "the watermark at the oracle's", j -> {
            JsonNode q = query(j.path("lastRun"), "sales_to_parquet");
            return q != null && q.hasNonNull("watermark") && Instant.parse(q.path("watermark").asText()).equals(watermark);
        }, Duration.ofMinutes(4));
        JsonNode runs = api("GET", "/api/workbench/jobs/lake/runs", null, 200);
        assertTrue(runs.size() >= 4, "the first run and (at least) three restarts: " + runs);
        for (int i = 0; i < runs.size(); i++) {
            JsonNode r = runs.get(i);
            assertEquals(runs.size() - i, r.path("attempt").asInt(), "attempts count up: " + runs);
            assertEquals(i == runs.size() - 1 ? "manual" : "restart", r.path("trigger").asText());
            if (killed.contains(r.path("id").asText())) {
                assertEquals("failed", r.path("status").asText(), "killed: " + r);
                assertTrue(r.path("error").asText().contains("killed") || r.path("exitCode").asInt() == 137, r.toString());
            }
        }
        assertEquals("running", caughtUp.path("state").asText());

        // The running run is found through the server's discovery and serves its queries' metrics; the server counts
        // the restarts it made.
        JsonNode groups = JSON.readTree(scrape(server.base() + "/api/workbench/prometheus/targets"));
        String runMetrics = null;
        for (JsonNode g : groups) {
            if ("job".equals(g.path("labels").path("kind").asText()) && "lake".equals(g.path("labels").path("job_name").asText())) {
                runMetrics = "http://" + g.path("targets").get(0).asText() + "/metrics";
            }
        }
        assertNotNull(runMetrics, "the run is discovered: " + groups);
        String runScrape = scrape(runMetrics);
        assertEquals(1.0, sample(runScrape, "workbench_query_up", "query_name=\"sales_to_parquet\""), runScrape);
        assertTrue(sample(runScrape, "workbench_query_input_rows_total", "query_name=\"sales_to_parquet\"") >= 0, runScrape);
        String serverScrape = scrape(server.base() + "/metrics");
        assertEquals(1.0, sample(serverScrape, "workbench_job_up", "job_name=\"lake\""), serverScrape);
        assertEquals((double) (runs.size() - 1), sample(serverScrape, "workbench_job_restarts_total", "job_name=\"lake\""));

        Map<String, double[]> want = salesOracle(topic, Duration.ofMinutes(5), Duration.ofMinutes(5), watermark);
        Map<String, double[]> files = new TreeMap<>();
        int rows = 0;
        for (String line : parquetRows(lake.resolve("sales_5m"))) {
            JsonNode r = JSON.readTree(line);
            rows++;
            String key = Instant.parse(r.path("window_start").asText()) + "|" + r.path("product_category").asText();
            assertEquals(null, files.put(key, new double[] {r.path("sales").asDouble(), r.path("orders").asDouble()}),
                    "window " + key + " written once");
        }
        assertTrue(want.size() >= 20, "enough closed windows: " + want.size());
        assertEquals(want.size(), rows, "0 lost and 0 duplicated rows");
        assertSame(want, files, "the Parquet files");

        // The Kafka sink is at least once: after a kill, the batch being written is written again.
        Map<String, Integer> seen = new HashMap<>();
        for (EventLog.Entry e : EventLog.read(SharedBroker.bootstrapServers(), enriched, Duration.ofMinutes(1)).entries()) {
            String json = new String(e.value(), java.nio.charset.StandardCharsets.UTF_8);
            seen.merge(JSON.readTree(json).path("event_id").asText(), 1, Integer::sum);
        }
        long products = all.stream().filter(e -> e.get("product_category") != null).count();
        long missing = all.stream().filter(e -> e.get("product_category") != null)
                .filter(e -> !seen.containsKey((String) e.get("event_id"))).count();
        assertEquals(0, missing, "no product event lost by the Kafka sink (of " + products + ")");
        long duplicates = seen.values().stream().filter(n -> n > 1).count();
        System.out.println("JobsIT: the enriched topic has " + seen.size() + " events, " + duplicates
                + " of them more than once after three kills (at least once)");

        JsonNode stopped = api("POST", "/api/workbench/jobs/lake/stop", Map.of(), 200);
        assertEquals("stopped", stopped.path("state").asText());
        assertEquals("stopped", api("GET", "/api/workbench/jobs/lake/runs?limit=1", null, 200).get(0).path("status").asText());
    }

    private List<String> parquetRows(Path dir) throws Exception {
        Path repo = Path.of(System.getProperty("workbench.repo")).toAbsolutePath().normalize();
        String cp = repo.resolve("job-runtime/target/test-classes") + ":" + repo.resolve("job-runtime/target/classes") + ":"
                + Files.readString(repo.resolve("job-runtime/target/job-runtime.classpath")).trim();
        List<String> command = new ArrayList<>(List.of(TestServers.javaBin(), "-Xmx512m"));
        command.addAll(List.of(Files.readString(repo.resolve("job-runtime/target/job-runtime.jvm-options")).trim().split("\\s+")));
        command.addAll(List.of("-cp", cp, "io.workbench.job.ParquetDump", dir.toString()));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("{")).toList();
        assertEquals(0, p.waitFor(), "ParquetDump");
        return out;
    }

    @Test
    @Order(3)
    void anUpgradeWhoseCheckpointDoesNotFitIsRefusedBeforeAnyBatch() throws Exception {
        Path nb = home.resolve("notebooks/02-sales-per-window.ipynb");
        String original = Files.readString(nb);
        long sinkRecords = EventLog.read(SharedBroker.bootstrapServers(), "sales.sales_1m", Duration.ofMinutes(1)).entries().size();

        // Only a filter changes: compatible, the run goes on from the checkpoint.
        Files.writeString(nb, original.replace(".where(col(\\\"event_type\\\").equalTo(\\\"purchase\\\"));",
                ".where(col(\\\"event_type\\\").equalTo(\\\"purchase\\\")).where(col(\\\"amount\\\").geq(0));"));
        assertTrue(api("GET", "/api/workbench/jobs/sales", null, 200).path("notebookChanged").asBoolean());
        api("POST", "/api/workbench/jobs/sales/export", Map.of(), 200);
        api("POST", "/api/workbench/jobs/sales/runs", Map.of(), 201);
        JsonNode compatible = awaitJob("sales", "the run after a filter change", j -> !j.path("lastRun").path("status").asText()
                .equals("running"), Duration.ofMinutes(4)).path("lastRun");
        assertEquals("succeeded", compatible.path("status").asText(), compatible.toString());

        // The 1-minute windows grouped by device instead: the checkpoint holds another query's state.
        Files.writeString(nb, original.replace(".groupBy(window(col(\\\"timestamp\\\"), \\\"1 minute\\\"), col(\\\"product_category\\\"))",
                ".groupBy(window(col(\\\"timestamp\\\"), \\\"1 minute\\\"), col(\\\"device\\\"))"));
        api("POST", "/api/workbench/jobs/sales/export", Map.of(), 200);
        api("POST", "/api/workbench/jobs/sales/runs", Map.of(), 201);
        JsonNode refused = awaitJob("sales", "the refused run", j -> !j.path("lastRun").path("status").asText()
                .equals("running"), Duration.ofMinutes(4)).path("lastRun");
        assertEquals("failed", refused.path("status").asText(), refused.toString());
        assertEquals("checkpoint_incompatible", refused.path("failure").asText());
        assertEquals(3, refused.path("exitCode").asInt());
        assertTrue(refused.path("error").asText().contains("device"), refused.path("error").asText());
        assertEquals(sinkRecords, EventLog.read(SharedBroker.bootstrapServers(), "sales.sales_1m", Duration.ofMinutes(1))
                .entries().size(), "no batch ran: nothing new in the sink");

        // Choice 1: the previous version, which fits its checkpoint.
        api("POST", "/api/workbench/jobs/sales/revert", Map.of(), 200);
        api("POST", "/api/workbench/jobs/sales/runs", Map.of(), 201);
        assertEquals("succeeded", awaitJob("sales", "the run of the previous version", j -> !j.path("lastRun")
                .path("status").asText().equals("running"), Duration.ofMinutes(4)).path("lastRun").path("status").asText());

        // Choice 2: the new version from fresh checkpoints; the old ones are kept aside.
        api("POST", "/api/workbench/jobs/sales/export", Map.of(), 200);
        api("POST", "/api/workbench/jobs/sales/checkpoints/archive", Map.of("startFrom", "earliest"), 200);
        api("POST", "/api/workbench/jobs/sales/runs", Map.of(), 201);
        JsonNode fresh = awaitJob("sales", "the run from fresh checkpoints", j -> !j.path("lastRun").path("status").asText()
                .equals("running"), Duration.ofMinutes(4)).path("lastRun");
        assertEquals("succeeded", fresh.path("status").asText(), fresh.toString());
        try (var dirs = Files.list(home.resolve("data/jobs/sales"))) {
            assertTrue(dirs.anyMatch(d -> d.getFileName().toString().startsWith("checkpoints.archived-")), "kept aside");
        }
        Files.writeString(nb, original);
    }

    @Test
    @Order(4)
    void jobsAndTheirHistoryOutliveARestartOfTheServer() throws Exception {
        JsonNode before = api("GET", "/api/workbench/jobs/sales/runs", null, 200);
        server.close();
        server = TestServers.jobs(home, SETTINGS);
        JsonNode jobs = api("GET", "/api/workbench/jobs", null, 200);
        assertEquals(List.of("lake", "sales"), List.of(jobs.get(0).path("name").asText(), jobs.get(1).path("name").asText()));
        assertEquals(before, api("GET", "/api/workbench/jobs/sales/runs", null, 200), "the same runs, as they were");
        assertEquals("stopped", jobs.get(0).path("state").asText(), "a stopped continuous job stays stopped");
        assertEquals("scheduled", jobs.get(1).path("state").asText());
        api("DELETE", "/api/workbench/jobs/lake", null, 204);
        api("GET", "/api/workbench/jobs/lake", null, 404);
    }
}
