package io.workbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.events.EventProducer;
import io.workbench.events.Faults;
import io.workbench.events.ProducerSettings;
import io.workbench.broker.BrokerConfig;
import io.workbench.broker.EmbeddedBroker;
import io.workbench.config.Settings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The monitoring as a user gets it, end to end: Debian's real Prometheus, configured by {@code monitoring/run-prometheus
 * --config-only} (the committed {@code prometheus.yml} and rule files, the server's discovery and metrics token),
 * scrapes a real running pipeline for a few minutes: a server with real kernel JVMs and job JVMs on the shared test
 * broker; in a notebook, a producer with late and poison events, a windowed streaming query with a watermark and a
 * processing-time trigger, and a dead-letter query writing to {@code <topic>-dlq} as notebook 05 does; notebook 02 as
 * a job over a second topic (a {@code once} run that succeeds, then continuous: a run killed with -9, which fails, and
 * the supervisor's restart, which runs); a plain consumer group with committed offsets; and a second kernel killed
 * with -9.
 *
 * <p>It proves that:
 * <ul>
 *   <li>Prometheus finds the server, the kernel and the job run through discovery and scrapes them up, and drops
 *       the dead kernel;</li>
 *   <li>every target {@code expr} of every panel of every dashboard in {@code monitoring/grafana/dashboards}, with
 *       Grafana's variables replaced as Grafana does with "All" selected ({@link #variables}), returns at least one
 *       sample that is a number (not NaN), except the panels listed in {@link #EXPECTED_EMPTY} with the reason why
 *       this pipeline cannot feed them; and each of those returns nothing (a listed panel that gets data fails the
 *       test, so the list cannot go stale);</li>
 *   <li>every recording rule's expression returns data the same way (same list), and every rule, recording or
 *       alerting, evaluates without error;</li>
 *   <li>panels whose true value this pipeline knows show it ({@link #valueChecks()}: a kernel died, a run failed and
 *       was restarted, late rows were dropped, ...), the {@code KernelDied} alert fires, and no alert is pending or
 *       firing about a process that has ended.</li>
 * </ul>
 * All failures are collected and reported together, each with its dashboard, panel, expression and what Prometheus
 * answered; every panel's answer is also written to {@code target/monitoring-it-panels.txt}. Grafana itself is not
 * run: its variables are substituted here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CELL_MILLIS = 180_000;
    /** How long Prometheus scrapes the pipeline at least before the panels are queried. */
    private static final Duration SCRAPED_FOR = Duration.ofMinutes(2);
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

    /**
     * Panels (dashboard file: panel title) and recording rules (rule: name) that this pipeline cannot feed, and why.
     * Each must return nothing here: once one returns data, take it off this list.
     */
    static final Map<String, String> EXPECTED_EMPTY = Map.of();

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String topic = "monitoring-" + id;
    private final String jobTopic = "monitoring-job-" + id;
    private final String job = "monitoring";
    private Path repo;
    private Path tmp;
    private TestServers s;
    private WsClient ws;
    private Process prometheus;
    private Path prometheusLog;
    private String prometheusUrl;
    private long prometheusStarted;
    private long started;
    private EmbeddedBroker broker;
    private String kafka;
    private EventProducer jobProducer;

    @BeforeAll
    void start() throws Exception {
        assertTrue(Files.isExecutable(PROMETHEUS), "Debian's prometheus is missing: ./workbench test installs it");
        started = System.currentTimeMillis();
        repo = Path.of(System.getProperty("workbench.repo")).toAbsolutePath().normalize();
        tmp = Files.createTempDirectory("workbench-monitoring-it");
        // A broker of its own, as ./workbench start runs it: it announces its metrics in the server's runtime directory,
        // so the Kafka dashboard's broker panels have a target.
        Path home = Files.createTempDirectory("workbench-monitoring-home");
        broker = EmbeddedBroker.start(BrokerConfig.from(Settings.of(Map.of(), Map.of("workbench.kafka.port", "0",
                "workbench.kafka.controller-port", "0", "workbench.kafka.data-dir", home.resolve("kafka").toString()),
                Map.of())).withMetricsDir(home.resolve("runtime")));
        kafka = broker.bootstrapServers();
        // Prometheus's port before the server starts: the server asks it for the Pipeline page's alerts.
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        prometheusUrl = "http://127.0.0.1:" + port;
        s = TestServers.real(home, 0, Map.of("workbench.jobs.restart.initial-delay-seconds", "1",
                "workbench.jobs.restart.max-delay-seconds", "2", "workbench.jobs.stop-timeout-seconds", "10",
                "workbench.jobs.heap", "768m", "workbench.monitoring.prometheus-url", prometheusUrl), kafka);
        Files.copy(repo.resolve("notebooks/02-sales-per-window.ipynb"), s.notebooks.resolve("02-sales-per-window.ipynb"));
        Path runtime = s.home.resolve("runtime");
        assertTrue(Files.isRegularFile(runtime.resolve("metrics.token")), "the server wrote its metrics token");

        // The configuration ./workbench start --monitoring would run, for this server's port and runtime directory.
        Path config = tmp.resolve("prometheus.yml");
        ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("monitoring/run-prometheus").toString(),
                "--config-only", config.toString()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("WORKBENCH_"));
        pb.environment().putAll(Map.of("WORKBENCH_SERVER_PORT", String.valueOf(s.server.port()),
                "WORKBENCH_RUNTIME_DIR", runtime.toString(), "WORKBENCH_CONFIG", tmp.resolve("absent.properties").toString()));
        Process script = pb.start();
        String out = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(script.waitFor(60, TimeUnit.SECONDS) && script.exitValue() == 0, "run-prometheus --config-only: " + out);

        prometheusLog = tmp.resolve("prometheus.log");
        prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + tmp.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(prometheusLog.toFile()).start();
        prometheusStarted = System.currentTimeMillis();
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            assertTrue(prometheus.isAlive(), () -> "Prometheus exited at start:\n" + log());
            try {
                if (s.send(HttpRequest.newBuilder(URI.create(prometheusUrl + "/-/ready")).GET().build()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            assertTrue(System.currentTimeMillis() < deadline, () -> "Prometheus is not ready after 60 s:\n" + log());
            Thread.sleep(250);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (ws != null) {
            ws.close();
        }
        if (jobProducer != null) {
            jobProducer.close();
        }
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(30, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (s != null) {
            s.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (tmp != null) {
            try (var files = Files.walk(tmp)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private void progress(String what) {
        System.out.printf("MonitoringIT: %5.1f s  %s%n", (System.currentTimeMillis() - started) / 1000.0, what);
    }

    private String log() {
        try {
            List<String> lines = Files.readAllLines(prometheusLog);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    // ---- the workbench's API -----------------------------------------------------------------------------------------

    private JsonNode api(String method, String path, Object body, int expected) throws Exception {
        HttpResponse<String> r = s.call(method, path, body == null ? null : JSON.writeValueAsString(body));
        assertEquals(expected, r.statusCode(), () -> method + " " + path + ": " + r.body());
        return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    private void run(String cellId, String code) throws Exception {
        String req = ws.execute(code, cellId);
        JsonNode reply = ws.await(WsClient.reply(req), CELL_MILLIS);
        assertEquals("ok", reply.path("content").path("status").asText(), () -> "cell " + cellId + ": " + reply);
    }

    private JsonNode awaitJob(String what, Predicate<JsonNode> done, Duration timeout) throws Exception {
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
        String log = runs.isEmpty() ? "" : api("GET", "/api/workbench/jobs/" + job + "/runs/"
                + runs.get(0).path("id").asText() + "/log", null, 200).path("text").asText();
        throw new AssertionError(job + ": " + what + " did not happen; last seen " + last + "\nruns " + runs + "\nlog:\n" + log);
    }

    /** A run that is running and whose every query has finished a batch that read rows. */
    private static boolean runningWithRows(JsonNode run) {
        if (!"running".equals(run.path("status").asText()) || run.path("queries").size() < 4) {
            return false;
        }
        for (JsonNode q : run.path("queries")) {
            if (q.path("batchesWithRows").asLong() < 1) {
                return false;
            }
        }
        return true;
    }

    // ---- Prometheus's API ----------------------------------------------------------------------------------------------

    private JsonNode prometheus(String pathAndQuery) throws Exception {
        HttpResponse<String> r = s.send(HttpRequest.newBuilder(URI.create(prometheusUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).GET().build());
        return JSON.readTree(r.body());
    }

    private JsonNode query(String promQl) throws Exception {
        return prometheus("/api/v1/query?query=" + URLEncoder.encode(promQl, StandardCharsets.UTF_8));
    }

    /** The sample values of an instant query's answer (a vector's or a scalar's); empty on an error. */
    private static List<Double> values(JsonNode answer) {
        List<Double> out = new ArrayList<>();
        JsonNode data = answer.path("data");
        if (!"success".equals(answer.path("status").asText())) {
            return out;
        }
        if ("scalar".equals(data.path("resultType").asText())) {
            out.add(Double.valueOf(data.path("result").get(1).asText()));
        } else {
            for (JsonNode sample : data.path("result")) {
                out.add(Double.valueOf(sample.path("value").get(1).asText()));
            }
        }
        return out;
    }

    private double scalar(String promQl) throws Exception {
        List<Double> v = values(query(promQl));
        return v.isEmpty() ? Double.NaN : v.get(0);
    }

    private void awaitPrometheus(String what, String promQl, DoublePredicate ok, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        double last = Double.NaN;
        while (System.nanoTime() < deadline) {
            last = scalar(promQl);
            if (ok.test(last)) {
                return;
            }
            Thread.sleep(1000);
        }
        fail("Prometheus: " + what + " did not happen in " + timeout + "; " + promQl + " = " + last + "\ntargets: "
                + prometheus("/api/v1/targets") + "\nlog:\n" + log());
    }

    // ---- the test ------------------------------------------------------------------------------------------------------

    @Test
    void everyPanelAndRecordingRuleHasDataFromARealPipeline() throws Exception {
        // Notebook 02 as a job, first once (it succeeds), then continuous. Its topic is fed from here, as from outside
        // the workbench, so the job starts while the kernel does. No poison in it: an event from the year 3000 would
        // move the job's watermark there.
        jobProducer = EventProducer.start(ProducerSettings.defaults().topic(jobTopic).partitions(2).rate(50).seed(2)
                .faults(Faults.NONE.withLate(0.05, 0.05, 300_000)), kafka);
        JsonNode created = api("POST", "/api/workbench/jobs", Map.of("name", job, "notebook", "02-sales-per-window.ipynb",
                "mode", "once", "params", Map.of("topic", jobTopic)), 201);
        assertEquals("once", created.path("mode").asText(), created.toString());
        progress("job exported, its once run started");

        // The notebook: a producer with late and poison events, a windowed query with a watermark, dead letters.
        JsonNode session = api("POST", "/api/sessions", Map.of("path", "monitoring.ipynb", "type", "notebook",
                "kernel", Map.of("name", "workbench-java")), 201);
        ws = new WsClient(s, session.path("kernel").path("id").asText());
        run("producer", "var producer = events.start(ProducerSettings.defaults().topic(\"" + topic + "\").partitions(2)"
                + ".rate(200).seed(1).faults(Faults.NONE.withLate(0.03, 0.05, 30_000).withPoison(0.02)));");
        progress("kernel started, its producer running");

        // The windowed query drops the poison's absurd timestamps before its watermark (notebook 05's rule), as any
        // real query on such a topic must. Both queries trigger every 5 s: this machine also runs a job's four.
        run("windows", "var windows = display(kafka.events(\"" + topic + "\")\n"
                + "        .where(col(\"timestamp\").lt(col(\"kafka_timestamp\").plus(expr(\"INTERVAL 1 DAY\"))))\n"
                + "        .withWatermark(\"timestamp\", \"30 seconds\")\n"
                + "        .groupBy(window(col(\"timestamp\"), \"10 seconds\"), col(\"event_type\")).count(), \"mon_windows\",\n"
                + "        org.apache.spark.sql.streaming.Trigger.ProcessingTime(5000));");
        // The dead-letter topic is made from here: kafka.createTopic in the kernel describes the topic at once, which
        // can fail while the new partition's metadata is on its way (UnknownTopicOrPartitionException).
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(List.of(new NewTopic(topic + "-dlq", 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
        }
        run("dead-letters", "var deadLetters = kafka.eventRecords(\"" + topic + "\").where(col(\"event.event_id\").isNull())\n"
                + "        .select(col(\"key\"), col(\"value\")).writeStream().queryName(\"mon_dead_letters\").format(\"kafka\")\n"
                + "        .option(\"kafka.bootstrap.servers\", kafka.bootstrapServers()).option(\"topic\", \"" + topic + "-dlq\")\n"
                + "        .trigger(org.apache.spark.sql.streaming.Trigger.ProcessingTime(5000)).start();\n"
                + "display(deadLetters);");
        commitConsumerGroupOffsets();
        progress("queries started, consumer group committed");

        // A kernel that dies: kill -9 a second notebook's kernel once Prometheus scrapes it.
        JsonNode victim = api("POST", "/api/sessions", Map.of("path", "victim.ipynb", "type", "notebook",
                "kernel", Map.of("name", "workbench-java")), 201);
        long victimPid = api("GET", "/api/kernels/" + victim.path("kernel").path("id").asText(), null, 200).path("pid").asLong();
        awaitPrometheus("the second kernel scraped", "max(up{notebook=\"victim.ipynb\"})", v -> v == 1, Duration.ofSeconds(60));
        ProcessHandle.of(victimPid).orElseThrow().destroyForcibly();
        progress("second kernel killed");

        JsonNode once = awaitJob("the once run", j -> !j.path("lastRun").path("status").asText("running").equals("running"),
                Duration.ofMinutes(4)).path("lastRun");
        assertEquals("succeeded", once.path("status").asText(), once.toString());
        progress("once run succeeded");

        // Continuous: a run is killed (-9) once Prometheus has scraped it, and the supervisor starts it again.
        api("PATCH", "/api/workbench/jobs/" + job, Map.of("mode", "continuous"), 200);
        JsonNode first = api("POST", "/api/workbench/jobs/" + job + "/runs", Map.of(), 201);
        String runTarget = awaitRunTarget(Duration.ofMinutes(2));
        awaitPrometheus("the continuous run scraped", "max(up{instance=\"" + runTarget + "\"})", v -> v == 1,
                Duration.ofSeconds(30));
        long pid = api("GET", "/api/workbench/jobs/" + job + "/runs/" + first.path("id").asText(), null, 200).path("pid").asLong();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        progress("continuous run killed");
        awaitJob("the supervisor's restart that has read rows", j -> "restart".equals(j.path("lastRun").path("trigger").asText())
                && runningWithRows(j.path("lastRun")), Duration.ofMinutes(3));
        JsonNode killed = api("GET", "/api/workbench/jobs/" + job + "/runs/" + first.path("id").asText(), null, 200);
        assertEquals("failed", killed.path("status").asText(), killed.toString());
        progress("restarted run has read rows");

        // Prometheus: every kind of target found and up, a few minutes of samples, the restarted run's queries scraped.
        awaitTargetsUp(Duration.ofSeconds(60));
        awaitPrometheus("4 queries of the restarted run scraped 4 times",
                "count(count_over_time(workbench_query_batches_total{kind=\"job\"}[20s]) >= 4)", v -> v >= 4,
                Duration.ofSeconds(90));
        awaitPrometheus("the kernel's windowed query scraped for a minute",
                "count_over_time(workbench_query_up{kind=\"kernel\", query_name=\"mon_windows\"}[5m])", v -> v >= 12,
                Duration.ofMinutes(2));
        long left = prometheusStarted + SCRAPED_FOR.toMillis() - System.currentTimeMillis();
        if (left > 0) {
            Thread.sleep(left);
        }
        // Someone works in the notebook: execute-latency panels show the last interval's cells.
        run("active", "producer.stats()");
        Thread.sleep(10_000);
        progress("querying the panels, " + (System.currentTimeMillis() - prometheusStarted) / 1000
                + " s after Prometheus started");

        List<String> failures = new ArrayList<>();
        checkPanels(failures);
        checkRules(failures);
        checkValues(failures);
        JsonNode alerts = query("ALERTS");
        System.out.println("MonitoringIT: alerts now: " + alerts.path("data").path("result"));
        if (values(query("ALERTS{alertname=\"KernelDied\", alertstate=\"firing\", reason=\"exit\"}")).isEmpty()) {
            failures.add("alert KernelDied is not firing after a kernel was killed; ALERTS = " + alerts);
        }
        checkPipelinePage(failures);
        Set<String> instances = new TreeSet<>();
        for (JsonNode t : prometheus("/api/v1/targets?state=active").path("data").path("activeTargets")) {
            instances.add(t.path("labels").path("instance").asText());
            if ("victim.ipynb".equals(t.path("labels").path("notebook").asText())) {
                failures.add("discovery still lists the dead kernel: " + t);
            }
        }
        // Processes that ended (the once run, the killed run, the dead kernel) are no one's concern but their own
        // alerts' (KernelDied, StreamingJobDown): no alert may be pending or firing about them.
        for (JsonNode a : alerts.path("data").path("result")) {
            String instance = a.path("metric").path("instance").asText(null);
            if (instance != null && !instances.contains(instance)) {
                failures.add("alert " + a.path("metric").path("alertname").asText() + " is "
                        + a.path("metric").path("alertstate").asText() + " about " + instance
                        + ", a process that has ended (Prometheus scrapes " + instances + "): " + a.path("metric"));
            }
        }
        progress("checked");
        if (!failures.isEmpty()) {
            fail(failures.size() + " problem(s) with the dashboards and rules against a real Prometheus:\n\n"
                    + String.join("\n\n", failures));
        }
    }

    /**
     * The workbench's Pipeline page data: the alerts are those this Prometheus fires (KernelDied among them), and the
     * server's own short history has the kernel's windowed query and the job run's queries with points in them.
     */
    private void checkPipelinePage(List<String> failures) throws Exception {
        JsonNode page = api("GET", "/api/workbench/pipeline", null, 200);
        JsonNode alerts = page.path("alerts");
        Set<String> firing = new TreeSet<>();
        alerts.path("firing").forEach(a -> firing.add(a.path("name").asText()));
        if (!alerts.path("available").asBoolean() || !firing.contains("KernelDied")) {
            failures.add("the Pipeline page's alerts should be Prometheus's, with KernelDied firing: " + alerts);
        }
        for (JsonNode a : alerts.path("firing")) {
            if (a.path("summary").asText().isBlank() || a.path("description").asText().isBlank()) {
                failures.add("a firing alert on the Pipeline page lacks its summary or what to do: " + a);
            }
        }
        Set<String> kinds = new TreeSet<>();
        int chartedQueries = 0;
        int withBatches = 0;
        for (JsonNode source : page.path("sources")) {
            kinds.add(source.path("kind").asText());
            if ("job".equals(source.path("kind").asText())) {
                String state = api("GET", "/api/workbench/jobs/" + source.path("name").asText(), null, 200)
                        .path("state").asText();
                if (!state.equals(source.path("jobState").asText())) {
                    failures.add("the Pipeline page should give job " + source.path("name").asText() + "'s state ("
                            + state + "), not " + source.path("jobState"));
                }
            }
            for (JsonNode q : source.path("queries")) {
                // The input rate has a point at every scrape (0 while idle); the processed rate only for the scrape
                // intervals in which a batch completed, which for a 5-minute trigger is one interval in sixty.
                int points = 0;
                for (JsonNode v : q.path("series").path("inputRowsPerSecond")) {
                    points += v.isNumber() ? 1 : 0;
                }
                chartedQueries += points >= 5 ? 1 : 0;
                for (JsonNode v : q.path("series").path("processedRowsPerSecond")) {
                    if (v.isNumber() && v.asDouble() > 0) {
                        withBatches++;
                        break;
                    }
                }
            }
        }
        if (!kinds.containsAll(List.of("kernel", "job")) || chartedQueries < 3 || withBatches < 2) {
            failures.add("the Pipeline page should chart the kernel's and the job run's queries (" + chartedQueries
                    + " with 5+ points, " + withBatches + " with a batch that processed rows, sources " + kinds + "): "
                    + page.path("sources"));
        }
    }

    /** A consumer group with committed offsets on the first topic, behind its producer from then on. */
    private void commitConsumerGroupOffsets() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "monitoring-it-" + id);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            int records = 0;
            long deadline = System.currentTimeMillis() + 60_000;
            while (records == 0 && System.currentTimeMillis() < deadline) {
                records += c.poll(Duration.ofSeconds(1)).count();
            }
            assertTrue(records > 0, "the consumer group read records of " + topic);
            c.commitSync();
        }
    }

    /** The host:port of the job's run in the server's discovery, once it is there. */
    private String awaitRunTarget(Duration timeout) throws Exception {
        String token = Files.readString(s.home.resolve("runtime/metrics.token")).trim();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = s.send(HttpRequest.newBuilder(URI.create(s.base() + "/api/workbench/prometheus/targets"))
                    .header("Authorization", "Bearer " + token).GET().build());
            assertEquals(200, r.statusCode(), r.body());
            last = r.body();
            for (JsonNode g : JSON.readTree(last)) {
                if (job.equals(g.path("labels").path("job_name").asText())) {
                    return g.path("targets").get(0).asText();
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the job's run is not in the server's discovery: " + last);
    }

    private void awaitTargetsUp(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode targets = null;
        while (System.nanoTime() < deadline) {
            targets = prometheus("/api/v1/targets?state=active");
            Set<String> up = new TreeSet<>();
            for (JsonNode t : targets.path("data").path("activeTargets")) {
                if ("up".equals(t.path("health").asText())) {
                    up.add(t.path("labels").path("kind").asText());
                }
            }
            if (up.containsAll(Set.of("server", "kernel", "job"))) {
                return;
            }
            Thread.sleep(1000);
        }
        fail("Prometheus has not found a server, a kernel and a job run up: " + targets + "\nlog:\n" + log());
    }

    // ---- the dashboards ------------------------------------------------------------------------------------------------

    record Target(String dashboard, String panel, String refId, String expr, String promQl) {
        String key() {
            return dashboard + ": " + panel;
        }

        @Override
        public String toString() {
            return "dashboard " + dashboard + ", panel \"" + panel + "\" (" + refId + ")\n  expr:   " + expr
                    + (expr.equals(promQl) ? "" : "\n  as run: " + promQl);
        }
    }

    private List<Target> targets(List<String> failures) throws IOException {
        Path dir = repo.resolve("monitoring/grafana/dashboards");
        String timeInterval = grafanaTimeInterval();
        List<Target> out = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dash = JSON.readTree(file.toFile());
                Map<String, String> vars = variables(file, dash, timeInterval, failures);
                collect(file.getFileName().toString(), dash.path("panels"), vars, out, failures);
            }
        }
        return out;
    }

    private static void collect(String dashboard, JsonNode panels, Map<String, String> vars, List<Target> out,
                                List<String> failures) {
        for (JsonNode panel : panels) {
            collect(dashboard, panel.path("panels"), vars, out, failures); // a row's panels
            for (JsonNode t : panel.path("targets")) {
                if (t.hasNonNull("expr") && !t.path("hide").asBoolean(false)) {
                    String expr = t.path("expr").asText();
                    out.add(new Target(dashboard, panel.path("title").asText(), t.path("refId").asText(), expr,
                            grafana(expr, vars, dashboard + " / " + panel.path("title").asText(), failures)));
                }
            }
        }
    }

    /** Grafana's scrape-interval setting of the provisioned datasource ({@code jsonData.timeInterval}). */
    private String grafanaTimeInterval() throws IOException {
        String ds = Files.readString(repo.resolve("monitoring/grafana/provisioning/datasources/prometheus.yml"));
        Matcher m = Pattern.compile("(?m)^\\s*timeInterval:\\s*([0-9]+)s\\s*$").matcher(ds);
        assertTrue(m.find(), "the datasource's timeInterval (seconds) in the provisioning file");
        return m.group(1);
    }

    /**
     * What Grafana puts for each variable with the dashboard as it opens: a variable with "All" selected becomes its
     * {@code allValue} (all of ours are regex matchers), {@code $__interval} the datasource's minimum interval (the
     * default hour over a panel's width of points is below it), {@code $__rate_interval} four times that (Grafana's
     * floor, the shortest window, so the strictest case), {@code $__range} the dashboard's time range.
     */
    private static Map<String, String> variables(Path file, JsonNode dash, String timeIntervalSeconds, List<String> failures) {
        Map<String, String> vars = new LinkedHashMap<>();
        int seconds = Integer.parseInt(timeIntervalSeconds);
        vars.put("__interval", seconds + "s");
        vars.put("__rate_interval", 4 * seconds + "s");
        String from = dash.path("time").path("from").asText();
        if (from.matches("now-[0-9]+[smhdw]") && "now".equals(dash.path("time").path("to").asText())) {
            vars.put("__range", from.substring(4));
        }
        for (JsonNode v : dash.path("templating").path("list")) {
            String name = v.path("name").asText();
            boolean all = v.path("current").path("value").toString().contains("$__all");
            if (all && v.path("includeAll").asBoolean() && v.hasNonNull("allValue")) {
                vars.put(name, v.path("allValue").asText());
            } else {
                failures.add(file.getFileName() + ": variable " + name + " does not open on \"All\" with an allValue;"
                        + " this test does not know what Grafana would put for it");
            }
        }
        return vars;
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)|\\[\\[(\\w+)]]");

    /** {@code expr} with Grafana's variables replaced by {@code vars}; an unknown one is a failure. */
    static String grafana(String expr, Map<String, String> vars, String where, List<String> failures) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String value = vars.get(name);
            if (value == null) {
                failures.add(where + ": unknown variable $" + name + " in " + expr);
                value = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String answer(JsonNode a) {
        if (!"success".equals(a.path("status").asText())) {
            return a.path("errorType").asText() + ": " + a.path("error").asText();
        }
        String r = a.path("data").path("result").toString();
        return r.length() > 1500 ? r.substring(0, 1500) + "…" : r;
    }

    private static boolean hasNumber(List<Double> values) {
        return values.stream().anyMatch(v -> !v.isNaN());
    }

    private void checkPanels(List<String> failures) throws Exception {
        List<Target> targets = targets(failures);
        assertTrue(targets.size() >= 50, "the dashboards' targets: " + targets.size());
        Set<String> keys = new TreeSet<>();
        int withData = 0;
        StringBuilder seen = new StringBuilder();
        for (Target t : targets) {
            keys.add(t.key());
            JsonNode a = query(t.promQl());
            seen.append(t).append("\n  = ").append(answer(a)).append("\n\n");
            boolean ok = "success".equals(a.path("status").asText());
            boolean data = ok && hasNumber(values(a));
            String expectedEmpty = EXPECTED_EMPTY.get(t.key());
            if (!ok) {
                failures.add(t + "\n  Prometheus: " + answer(a));
            } else if (expectedEmpty == null && !data) {
                failures.add(t + "\n  no data: " + answer(a));
            } else if (expectedEmpty != null && !values(a).isEmpty()) {
                failures.add(t + "\n  has data, but is listed as expected to be empty (" + expectedEmpty
                        + "): take it off MonitoringIT.EXPECTED_EMPTY\n  Prometheus: " + answer(a));
            }
            withData += data ? 1 : 0;
        }
        for (String k : EXPECTED_EMPTY.keySet()) {
            if (!k.startsWith("rule: ") && !keys.contains(k)) {
                failures.add("MonitoringIT.EXPECTED_EMPTY names \"" + k + "\", which no dashboard has (renamed or removed?)");
            }
        }
        // What every panel showed, for a person to read (target/ of the module, which failsafe runs in).
        Path dump = Path.of("target", "monitoring-it-panels.txt").toAbsolutePath();
        Files.createDirectories(dump.getParent());
        Files.writeString(dump, seen);
        System.out.println("MonitoringIT: " + targets.size() + " panel targets, " + withData + " with data; their"
                + " answers: " + dump);
    }

    private void checkRules(List<String> failures) throws Exception {
        JsonNode rules = prometheus("/api/v1/rules");
        assertEquals("success", rules.path("status").asText(), rules.toString());
        Set<String> recorded = new TreeSet<>();
        int count = 0;
        for (JsonNode group : rules.path("data").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                count++;
                String name = rule.path("name").asText();
                if (!"ok".equals(rule.path("health").asText())) {
                    failures.add("rule " + name + " (group " + group.path("name").asText() + ") does not evaluate: health "
                            + rule.path("health").asText() + ", " + rule.path("lastError").asText());
                }
                if (!"recording".equals(rule.path("type").asText())) {
                    continue;
                }
                recorded.add(name);
                String key = "rule: " + name;
                JsonNode a = query(rule.path("query").asText());
                boolean ok = "success".equals(a.path("status").asText());
                String where = "recording rule " + name + "\n  expr: " + rule.path("query").asText();
                if (!ok) {
                    failures.add(where + "\n  Prometheus: " + answer(a));
                } else if (!EXPECTED_EMPTY.containsKey(key) && !hasNumber(values(a))) {
                    failures.add(where + "\n  no data: " + answer(a));
                } else if (EXPECTED_EMPTY.containsKey(key) && !values(a).isEmpty()) {
                    failures.add(where + "\n  has data, but is listed as expected to be empty (" + EXPECTED_EMPTY.get(key)
                            + "): take it off MonitoringIT.EXPECTED_EMPTY\n  Prometheus: " + answer(a));
                }
            }
        }
        assertTrue(count >= 20, "Prometheus loaded the rule files: " + count + " rules");
        for (String k : EXPECTED_EMPTY.keySet()) {
            if (k.startsWith("rule: ") && !recorded.contains(k.substring(6))) {
                failures.add("MonitoringIT.EXPECTED_EMPTY names \"" + k + "\", which no rule file records");
            }
        }
    }

    // ---- values this pipeline knows ---------------------------------------------------------------------------------------

    record ValueCheck(String key, String refId, String truth, DoublePredicate ok) {
    }

    /** Panels (dashboard: title, target refId) whose value this pipeline knows, checked on the sum of their samples. */
    private static List<ValueCheck> valueChecks() {
        return List.of(
                new ValueCheck("workbench.json: Kernel deaths (24h)", "A", "one kernel was killed", v -> v >= 1),
                new ValueCheck("workbench.json: Kernels running", "A", "one kernel runs, one died", v -> v == 1),
                new ValueCheck("jobs.json: Jobs running", "A", "the restarted run is running", v -> v == 1),
                new ValueCheck("jobs.json: Jobs", "A", "one job", v -> v == 1),
                new ValueCheck("jobs.json: Failed runs (24h)", "A", "one run was killed", v -> v >= 1),
                new ValueCheck("jobs.json: Restarts (24h)", "A", "the supervisor restarted the killed run", v -> v >= 1),
                new ValueCheck("pipeline.json: Queries running", "A",
                        "the notebook's 2 queries and the run's 4", v -> v == 6),
                new ValueCheck("pipeline.json: Queries failed", "A", "no query failed", v -> v == 0),
                new ValueCheck("pipeline.json: Late rows dropped (1h)", "A",
                        "the producers send late events beyond the watermarks", v -> v > 0));
    }

    private void checkValues(List<String> failures) throws Exception {
        Map<String, Target> byKey = new LinkedHashMap<>();
        for (Target t : targets(new ArrayList<>())) {
            byKey.put(t.key() + "#" + t.refId(), t);
        }
        for (ValueCheck c : valueChecks()) {
            Target t = byKey.get(c.key() + "#" + c.refId());
            if (t == null) {
                failures.add("value check: no panel " + c.key() + " (" + c.refId() + ")");
                continue;
            }
            JsonNode a = query(t.promQl());
            double sum = values(a).stream().mapToDouble(Double::doubleValue).sum();
            if (values(a).isEmpty() || !c.ok().test(sum)) {
                failures.add(t + "\n  wrong value (" + c.truth() + "): " + answer(a));
            }
        }
    }
}
