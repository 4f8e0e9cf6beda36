package io.workbench.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.cluster.LocalCluster;
import io.workbench.events.EventProducer;
import io.workbench.events.ProducerSettings;
import io.workbench.testkit.SharedBroker;
import io.workbench.testkit.SharedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Notebook 02's exported job, run by its own {@code run/spark-submit.sh} as a user of a Spark cluster would:
 * spark-submit (Spark's launcher, from a {@link SparkHome} of Maven's jars) starts the driver with the cluster jar on
 * {@code local[2]}, against the shared broker, with events in the job's topic. The run must end with 0, every query
 * having read every event, its results in the job's Kafka topics and its checkpoints where {@code CHECKPOINT_DIR}
 * says.
 */
final class ExportSparkSubmitRun {
    private static final int EVENTS = 3_000;
    private static final List<String> QUERIES = List.of("sales_1m", "sales_5m", "sales_1h", "sales_10m_every_5m");

    private final Path project;
    private final Path sparkHome;
    private final Path tmp;

    ExportSparkSubmitRun(Path project, Path sparkHome, Path tmp) {
        this.project = project;
        this.sparkHome = sparkHome;
        this.tmp = tmp;
    }

    /** A fresh topic holding {@link #EVENTS} events; returns its name. */
    private static String produce(String bootstrap) throws Exception {
        String topic = "submit-" + UUID.randomUUID().toString().substring(0, 8);
        try (EventProducer p = EventProducer.start(ProducerSettings.defaults().topic(topic).partitions(2).rate(0)
                .seed(11).maxEvents(EVENTS), bootstrap)) {
            assertTrue(p.awaitDone(Duration.ofSeconds(60)), "the events were sent");
            p.flush();
            assertEquals(EVENTS, p.stats().acked());
        }
        return topic;
    }

    /**
     * The same job on the project's two-worker cluster with its three Kafka nodes ({@link SharedCluster}), through
     * the same script: a scheduled run (Trigger.AvailableNow) that reads every event and ends with 0, then a
     * continuous run that reads every event, keeps running, and stops gracefully on SIGTERM.
     */
    void runOnCluster() throws Exception {
        LocalCluster cluster = SharedCluster.cluster();
        String bootstrap = cluster.bootstrapServers();
        String topic = produce(bootstrap);

        Path status = tmp.resolve("cluster-scheduled-status.json");
        Path log = tmp.resolve("spark-submit-cluster-scheduled.log");
        ExportIT.run(script(cluster.masterUrl(), "scheduled", bootstrap, tmp.resolve("cluster-checkpoints-scheduled"),
                "--param", "topic=" + topic, "--status-file", status.toString()), log, 420);
        String text = Files.readString(log);
        assertTrue(text.contains("Started by spark-submit: Spark's master is " + cluster.masterUrl()), text);
        JsonNode run = new ObjectMapper().readTree(status.toFile());
        assertEquals("succeeded", run.get("state").asText(), run + "\n" + text);
        assertEquals(0, run.get("exitCode").asInt());
        assertEveryQueryReadEverything(run);

        Path continuousStatus = tmp.resolve("cluster-continuous-status.json");
        Path continuousLog = tmp.resolve("spark-submit-cluster-continuous.log");
        Process job = script(cluster.masterUrl(), "continuous", bootstrap, tmp.resolve("cluster-checkpoints-continuous"),
                "--param", "topic=" + topic, "--status-file", continuousStatus.toString())
                .redirectErrorStream(true).redirectOutput(continuousLog.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(6);
            JsonNode seen = null;
            while (System.nanoTime() < deadline && job.isAlive()) {
                seen = Files.exists(continuousStatus) ? readQuietly(continuousStatus) : null;
                if (seen != null && seen.path("queries").size() == QUERIES.size()
                        && stream(seen.path("queries")).allMatch(q -> q.path("inputRows").asLong() == EVENTS)) {
                    break;
                }
                Thread.sleep(1_000);
            }
            assertTrue(job.isAlive(), "the continuous job keeps running: " + seen + "\n"
                    + Files.readString(continuousLog));
            assertEquals("running", seen.path("state").asText(), seen.toString());
            assertEveryQueryReadEverything(seen);
            job.destroy(); // SIGTERM, as an orchestrator stops a driver
            assertTrue(job.waitFor(120, TimeUnit.SECONDS), "the job stops within 2 minutes of SIGTERM");
            JsonNode end = new ObjectMapper().readTree(continuousStatus.toFile());
            assertEquals("stopped", end.path("state").asText(), end + "\n" + Files.readString(continuousLog));
            assertEquals(0, end.path("exitCode").asInt(), end.toString());
        } finally {
            job.destroyForcibly();
        }
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    /** The status file, or null while it is being replaced (it is written atomically, but may be absent). */
    private static JsonNode readQuietly(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            return null;
        }
    }

    private static void assertEveryQueryReadEverything(JsonNode run) {
        assertEquals(QUERIES.size(), run.get("queries").size(), run.toString());
        for (JsonNode q : run.get("queries")) {
            assertEquals(EVENTS, q.get("inputRows").asLong(), "query " + q.get("name") + " read every event: " + run);
        }
    }

    void run() throws Exception {
        String bootstrap = SharedBroker.bootstrapServers();
        String topic = produce(bootstrap);
        Path checkpoints = tmp.resolve("checkpoints");
        Path status = tmp.resolve("submit-status.json");

        // SPARK_SUBMIT stands for spark-submit: here a command that prints the arguments it is given.
        ProcessBuilder echo = script(bootstrap, checkpoints, "--param", "topic=" + topic);
        echo.environment().put("SPARK_SUBMIT", "printf %s\\n");
        Path echoed = tmp.resolve("submit-args.log");
        ExportIT.run(echo, echoed, 30);
        List<String> args = Files.readAllLines(echoed);
        assertEquals(List.of("--class", "jobs.SalesPerWindowJob", "--name", "sales-per-window", "--master", "local[2]",
                "--deploy-mode", "client"), args.subList(0, 8));
        assertEquals(List.of("--job", "sales-per-window", "--mode", "once", "--checkpoint-dir", checkpoints.toString(),
                "--param", "topic=" + topic), args.subList(args.size() - 8, args.size()));

        Path log = tmp.resolve("spark-submit.log");
        ExportIT.run(script(bootstrap, checkpoints, "--param", "topic=" + topic, "--status-file", status.toString()),
                log, 420);
        String text = Files.readString(log);
        assertTrue(text.contains("Started by spark-submit: Spark's master is local[2]"), text);
        JsonNode run = new ObjectMapper().readTree(status.toFile());
        assertEquals("succeeded", run.get("state").asText(), run.toString());
        assertEquals(0, run.get("exitCode").asInt());
        assertEquals(QUERIES.size(), run.get("queries").size(), run.toString());
        for (JsonNode q : run.get("queries")) {
            assertEquals(EVENTS, q.get("inputRows").asLong(), "query " + q.get("name") + " read every event");
        }
        for (String q : QUERIES) {
            assertTrue(Files.isRegularFile(checkpoints.resolve(q).resolve("workbench-query.json")),
                    q + ": the checkpoint was checked and kept in CHECKPOINT_DIR");
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            String results = "sales-per-window.sales_1m";
            int partitions = admin.describeTopics(List.of(results)).allTopicNames().get().get(results).partitions().size();
            long records = 0;
            for (int i = 0; i < partitions; i++) {
                TopicPartition tp = new TopicPartition(results, i);
                records += admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
            }
            assertTrue(records > 0, "the job wrote its sales per minute to " + results);
        }
    }

    /** The project's run/spark-submit.sh, with the environment a user sets, for a once run on local[2]. */
    private ProcessBuilder script(String bootstrap, Path checkpoints, String... jobArgs) {
        return script("local[2]", "once", bootstrap, checkpoints, jobArgs);
    }

    /** The project's run/spark-submit.sh, with the environment a user sets. */
    private ProcessBuilder script(String master, String mode, String bootstrap, Path checkpoints, String... jobArgs) {
        ProcessBuilder pb = new ProcessBuilder("bash", project.resolve("run/spark-submit.sh").toString());
        pb.command().addAll(List.of(jobArgs));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("WORKBENCH_") || k.startsWith("SPARK_") || k.startsWith("KAFKA_"));
        env.putAll(SparkHome.environment(sparkHome));
        env.put("SPARK_MASTER", master);
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("CHECKPOINT_DIR", checkpoints.toString());
        env.put("JOB_MODE", mode);
        env.put("WORKBENCH_HOME", tmp.resolve("home").toString());
        return pb.directory(tmp.toFile());
    }
}
