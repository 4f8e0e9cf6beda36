package io.workbench.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.events.EventLog;
import io.workbench.events.EventProducer;
import io.workbench.events.ProducerSettings;
import io.workbench.testkit.SharedBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import jobs.CountsByDeviceJob;
import jobs.EventCountsFilteredJob;
import jobs.EventCountsJob;
import jobs.TypeCountsJob;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real job JVMs, started as the supervisor starts them, against the shared broker: every result is compared with
 * what a plain consumer reads from the same topic ({@link EventLog}). The first three tests are one job's life:
 * a scheduled run, a different query refused on its checkpoint, a second scheduled run of a compatible change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobRuntimeIT {
    private static final long START = 1_700_000_000_000L;
    private static final double EVENTS_PER_SECOND = 20;
    private static final Duration RUN = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String topic = "job-events-" + id;
    private final String job = "counts-" + id;
    private final List<JobProcess> started = new ArrayList<>();
    private String bootstrap;
    private Path home;
    private Admin admin;

    @BeforeAll
    void setUp() throws IOException {
        bootstrap = SharedBroker.bootstrapServers();
        home = Files.createTempDirectory("job-runtime-it");
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    @AfterAll
    void tearDown() throws InterruptedException, IOException {
        for (JobProcess p : started) {
            p.close();
        }
        admin.close();
        try (Stream<Path> s = Files.walk(home)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    // The life of one scheduled job: a first run, a different query refused, a second run of a compatible change.

    @Test
    @Order(1)
    void aScheduledRunWritesWhatTheOracleSaysToItsTopicAndToParquet() throws Exception {
        produce(topic, 3000, 21, START);
        JobProcess p = start(EventCountsJob.class, job, "run-1", "scheduled", "--param", "topic=" + topic,
                "--param", "output=" + parquet(), "--param", "window=PT1M");
        assertEquals(0, p.await(RUN), p.tail(40));

        JsonNode status = status("run-1");
        assertEquals("succeeded", status.path("state").asText(), status.toString());
        assertEquals(0, status.path("exitCode").asInt());
        assertEquals(Map.of("counts", 3000L, "raw_events", 3000L), inputRows(status), "each query read every event once");
        assertEquals(oracleCounts(), sinkCounts(), "the topic's newest record per key is the oracle's count");
        assertEquals(oracleIds(), parquetIds(), "every event once in Parquet");
        Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, job + ".counts")))
                .all().get().values().iterator().next();
        assertEquals("compact", config.get("cleanup.policy").value(), "a result kept by key is a compacted topic");
        assertTrue(p.log().contains("display(…, \"counts\") writes to Kafka topic " + job + ".counts: update mode"),
                p.tail(40));
    }

    @Test
    @Order(2)
    void aQueryGroupedByAnotherColumnUnderTheSameNameExitsWith3AndLeavesTheCheckpointAsItWas() throws Exception {
        Path checkpoint = checkpoints().resolve("counts");
        Map<String, List<Object>> before = files(checkpoint);
        long recordsBefore = sinkCounts().values().stream().mapToLong(Long::longValue).sum();
        JobProcess p = start(CountsByDeviceJob.class, job, "run-2", "scheduled", "--param", "topic=" + topic);
        assertEquals(3, p.await(RUN), p.tail(40));

        JsonNode status = status("run-2");
        assertEquals("failed", status.path("state").asText());
        assertEquals(3, status.path("exitCode").asInt());
        assertEquals("checkpoint_incompatible", status.path("failure").asText());
        String error = status.path("error").asText();
        assertTrue(error.contains("was written by a different query") && error.contains("device")
                && error.contains(checkpoint.toString()), error);
        assertEquals("failed", status.path("queries").get(0).path("status").asText(), status.toString());
        assertEquals(before, files(checkpoint), "every file of the checkpoint as it was, modification times included");
        assertEquals(recordsBefore, sinkCounts().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    @Order(3)
    void aSecondScheduledRunOfACompatibleChangeProcessesOnlyTheNewEvents() throws Exception {
        produce(topic, 2000, 22, START + (long) (3000 * 1000 / EVENTS_PER_SECOND));
        JobProcess p = start(EventCountsFilteredJob.class, job, "run-3", "scheduled", "--param", "topic=" + topic,
                "--param", "output=" + parquet(), "--param", "window=60s");
        assertEquals(0, p.await(RUN), p.tail(40));

        JsonNode status = status("run-3");
        assertEquals("succeeded", status.path("state").asText(), status.toString());
        assertEquals(Map.of("counts", 2000L, "raw_events", 2000L), inputRows(status), "only what arrived since run 1");
        assertEquals(oracleCounts(), sinkCounts(), "counts over both runs' events");
        assertEquals(oracleIds(), parquetIds(), "every event once in Parquet: no duplicates across runs");
    }

    @Test
    void aContinuousRunKeepsProcessingUntilSigtermThenStopsAndExits0() throws Exception {
        String t = "job-live-" + id;
        produce(t, 1000, 31, START);
        String live = "live-" + id;
        JobProcess p = start(TypeCountsJob.class, live, "run-1", "continuous", "--param", "topic=" + t,
                "--trigger-interval", "1s");
        awaitStatus(live, "run-1", s -> inputRows(s).equals(Map.of("by_type", 1000L, "events_noop", 1000L)), p);
        produce(t, 500, 32, START + 60_000);
        JsonNode running = awaitStatus(live, "run-1",
                s -> inputRows(s).equals(Map.of("by_type", 1500L, "events_noop", 1500L)), p);
        assertEquals("running", running.path("state").asText());
        assertTrue(p.log().contains("Started query by_type with trigger ProcessingTimeTrigger(1000)"), p.tail(40));
        assertTrue(p.log().contains("Started query events_noop with trigger ProcessingTimeTrigger(2000)"),
                "the code's own trigger is kept: " + p.tail(40));

        long before = System.nanoTime();
        p.terminate();
        assertEquals(0, p.await(Duration.ofSeconds(60)), p.tail(40));
        assertTrue(System.nanoTime() - before < Duration.ofSeconds(45).toNanos(), "stopped within 45 s");
        JsonNode status = statusOf(live, "run-1");
        assertEquals("stopped", status.path("state").asText(), status.toString());
        assertEquals(0, status.path("exitCode").asInt());
        status.path("queries").forEach(q -> assertEquals("stopped", q.path("status").asText(), status.toString()));
        Map<String, Long> byType = new TreeMap<>();
        ResultFiles.newestByKey(bootstrap, live + ".by_type").forEach((k, v) ->
                byType.put(json(k).path("event_type").asText(), json(v).path("count").asLong()));
        assertEquals(oracle(t, e -> String.valueOf(e.get("event_type"))), byType);
    }

    @Test
    void aWrongParameterExitsWith2BeforeSparkStarts() throws Exception {
        long before = System.nanoTime();
        JobProcess p = start(EventCountsJob.class, "bad-" + id, "run-1", "once", "--param", "window=soon");
        assertEquals(2, p.await(Duration.ofSeconds(60)), p.tail(40));
        String log = p.log();
        assertTrue(log.contains("Parameter window (--param window=soon): \"soon\" is not a duration"), log);
        assertFalse(log.contains("Starting Spark"), log);
        assertTrue(System.nanoTime() - before < Duration.ofSeconds(30).toNanos(), "no Spark, so quick");
        JsonNode status = statusOf("bad-" + id, "run-1");
        assertEquals("failed", status.path("state").asText());
        assertEquals(2, status.path("exitCode").asInt());
        assertTrue(status.path("queries").isEmpty());
    }

    @Test
    void aTopicThatDoesNotExistIsNamedBeforeTheFirstBatch() throws Exception {
        String missing = "job-missing-" + id;
        String missingJob = "missing-" + id;
        JobProcess p = start(TypeCountsJob.class, missingJob, "run-1", "once", "--param", "topic=" + missing);
        assertEquals(1, p.await(RUN), p.tail(40));
        JsonNode status = statusOf(missingJob, "run-1");
        assertEquals("failed", status.path("state").asText(), status.toString());
        String error = status.path("error").asText();
        assertTrue(error.contains("reads Kafka topic " + missing + ", which does not exist on the job's Kafka at "
                + bootstrap), error);
        assertTrue(error.contains("{topic=" + missing + "}") && error.contains("./workbench job edit " + missingJob
                + " --param topic=NAME"), error);
        String log = p.log();
        assertFalse(log.contains("UnknownTopicOrPartitionException"), "refused before Spark read it: " + p.tail(40));
        assertFalse(Files.exists(home.resolve("data/jobs").resolve(missingJob).resolve("checkpoints").resolve("by_type")
                .resolve("workbench-query.json")), "no manifest: the run with the right topic is not another query");
        assertFalse(admin.listTopics().names().get().contains(missing), "the pre-flight created no topic");
    }

    @Test
    void kafkaDataLossExitsWith4() throws Exception {
        String t = "job-loss-" + id;
        String lossJob = "loss-" + id;
        createTopic(t);
        produce(t, 500, 41, START);
        JobProcess first = start(TypeCountsJob.class, lossJob, "run-1", "scheduled", "--param", "topic=" + t);
        assertEquals(0, first.await(RUN), first.tail(40));

        admin.deleteTopics(List.of(t)).all().get();
        createTopic(t);
        produce(t, 300, 42, START);
        JobProcess second = start(TypeCountsJob.class, lossJob, "run-2", "scheduled", "--param", "topic=" + t);
        assertEquals(4, second.await(RUN), second.tail(40));
        JsonNode status = statusOf(lossJob, "run-2");
        assertEquals("failed", status.path("state").asText());
        assertEquals("data_loss", status.path("failure").asText());
        assertTrue(status.path("error").asText().contains("Kafka data loss"), status.toString());
        assertTrue(status.path("error").asText().contains("move the query's checkpoint"), status.toString());
    }

    /** Creates a topic of one partition, waiting out the deletion of an earlier one of that name. */
    private void createTopic(String t) throws Exception {
        for (int i = 0; ; i++) {
            try {
                admin.createTopics(List.of(new NewTopic(t, 1, (short) 1))).all().get();
                return;
            } catch (Exception e) {
                if (i > 100) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    // Runs and their files.

    private JobProcess start(Class<?> jobClass, String jobName, String runId, String mode, String... params)
            throws IOException {
        Path runDir = Files.createDirectories(home.resolve("data/jobs").resolve(jobName).resolve("runs").resolve(runId));
        List<String> args = new ArrayList<>(List.of("--job", jobName, "--run-id", runId, "--mode", mode,
                "--status-file", runDir.resolve("status.json").toString(),
                "--checkpoint-dir", home.resolve("data/jobs").resolve(jobName).resolve("checkpoints").toString()));
        args.addAll(Arrays.asList(params));
        JobProcess p = JobProcess.start(jobClass, Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                        "WORKBENCH_HOME", home.toString(), "WORKBENCH_SPARK_MASTER", "local[2]",
                        "WORKBENCH_SPARK_CONF", "spark.sql.shuffle.partitions=2", "SPARK_LOCAL_IP", "127.0.0.1"),
                runDir.resolve("run.log"), args);
        started.add(p);
        return p;
    }

    private JsonNode status(String runId) throws IOException {
        return statusOf(job, runId);
    }

    private JsonNode statusOf(String jobName, String runId) throws IOException {
        return JSON.readTree(home.resolve("data/jobs").resolve(jobName).resolve("runs").resolve(runId)
                .resolve("status.json").toFile());
    }

    private JsonNode awaitStatus(String jobName, String runId, java.util.function.Predicate<JsonNode> ok, JobProcess p)
            throws Exception {
        long deadline = System.nanoTime() + RUN.toNanos();
        JsonNode s = null;
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                s = statusOf(jobName, runId);
                if (ok.test(s)) {
                    return s;
                }
            } catch (IOException e) {
                // Not written yet.
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the status never got there: " + s + "\n" + p.tail(40));
    }

    private static Map<String, Long> inputRows(JsonNode status) {
        Map<String, Long> out = new TreeMap<>();
        status.path("queries").forEach(q -> out.put(q.path("name").asText(), q.path("inputRows").asLong()));
        return out;
    }

    private Path checkpoints() {
        return home.resolve("data/jobs").resolve(job).resolve("checkpoints");
    }

    private Path parquet() {
        return home.resolve("out").resolve(job).resolve("raw-events");
    }

    /** Every file and directory under {@code dir} with its size and modification time. */
    private static Map<String, List<Object>> files(Path dir) throws IOException {
        Map<String, List<Object>> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.toList()) {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                out.put(dir.relativize(f).toString(), List.of(a.isDirectory() ? -1 : a.size(), a.lastModifiedTime()));
            }
        }
        assertTrue(out.containsKey("offsets/0") && out.containsKey("workbench-query.json"), "a used checkpoint: " + out);
        return out;
    }

    // The oracle and what the job wrote.

    private void produce(String t, int n, long seed, long startMillis) throws InterruptedException {
        try (EventProducer p = EventProducer.start(ProducerSettings.defaults().topic(t).partitions(2).rate(0).seed(seed)
                .maxEvents(n).simulatedTime(startMillis, EVENTS_PER_SECOND), bootstrap)) {
            assertTrue(p.awaitDone(Duration.ofSeconds(60)));
            p.flush();
            assertEquals(n, p.stats().acked());
        }
    }

    private Map<String, Long> oracle(String t, Function<EventLog.Entry, String> key) {
        Map<String, Long> out = new TreeMap<>();
        for (EventLog.Entry e : EventLog.read(bootstrap, t, Duration.ofMinutes(1)).events()) {
            out.merge(key.apply(e), 1L, Long::sum);
        }
        return out;
    }

    private Map<String, Long> oracleCounts() {
        return oracle(topic, e -> {
            long ts = (Long) e.get("timestamp");
            return (ts - Math.floorMod(ts, 60_000L)) + "|" + e.get("event_type");
        });
    }

    private Map<String, Long> sinkCounts() {
        Map<String, Long> out = new TreeMap<>();
        ResultFiles.newestByKey(bootstrap, job + ".counts").forEach((k, v) -> {
            JsonNode key = json(k);
            long start = OffsetDateTime.parse(key.path("window").path("start").asText()).toInstant().toEpochMilli();
            out.put(start + "|" + key.path("event_type").asText(), json(v).path("count").asLong());
        });
        return out;
    }

    private List<String> oracleIds() {
        return EventLog.read(bootstrap, topic, Duration.ofMinutes(1)).events().stream()
                .map(e -> String.valueOf(e.get("event_id"))).sorted().toList();
    }

    private List<String> parquetIds() throws IOException {
        return ResultFiles.parquetColumn(parquet(), "event_id").stream().sorted().toList();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
    }
}
