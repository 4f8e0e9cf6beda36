package io.workbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.events.EventLog;
import io.workbench.testkit.SharedBroker;
import io.workbench.testkit.SharedCluster;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A job the server supervises, with the configuration naming the project's Spark cluster ({@link SharedCluster}) as
 * its master: the job JVM is Spark's driver, its tasks run on the cluster's executors, and the result equals what
 * the same notebook gives by arithmetic; a job whose Spark function reads a notebook variable is refused before
 * Spark starts, naming the variable (on executors it would read the field's default: a silently wrong result).
 */
class ClusterJobsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String notebook(String parameters, String code) throws Exception {
        var cells = JSON.createArrayNode();
        cells.addObject().put("id", "p").put("cell_type", "code").putNull("execution_count")
                .put("source", parameters).set("metadata", JSON.createObjectNode().set("tags", JSON.createArrayNode().add("parameters")));
        cells.addObject().put("id", "c").put("cell_type", "code").putNull("execution_count").put("source", code)
                .set("metadata", JSON.createObjectNode());
        for (JsonNode c : cells) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) c).set("outputs", JSON.createArrayNode());
        }
        var nb = JSON.createObjectNode().put("nbformat", 4).put("nbformat_minor", 5);
        nb.set("metadata", JSON.createObjectNode());
        nb.set("cells", cells);
        return JSON.writeValueAsString(nb);
    }

    /** A workbench home whose configuration names {@code master}: the job JVMs the server starts read it, as kernels do. */
    private static Path homeOnTheCluster(String master) throws Exception {
        Path home = Files.createTempDirectory("workbench-cluster-jobs-it");
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/workbench.properties"), "spark.master=" + master + "\n");
        Files.createDirectories(home.resolve("notebooks"));
        return home;
    }

    @Test
    void aSupervisedJobRunsItsTasksOnTheClusterOrIsRefusedNamingTheVariableItWouldReadWrong() throws Exception {
        String master = SharedCluster.masterUrl();
        Path home = homeOnTheCluster(master);
        Files.writeString(home.resolve("notebooks/doubled.ipynb"), notebook("long rows = 1000;", """
                long n = rows;
                long doubled = spark.range(n).map((MapFunction<Long, Long>) x -> x * 2, Encoders.LONG())
                        .reduce((ReduceFunction<Long>) Long::sum);
                System.out.println("doubled sum " + doubled + " master " + spark.sparkContext().master()
                        + " executors " + (spark.sparkContext().getExecutorMemoryStatus().size() - 1));"""));
        Files.writeString(home.resolve("notebooks/captured.ipynb"), notebook("long rows = 10;", """
                long factor = 3;
                var tripled = spark.range(rows).map((MapFunction<Long, Long>) x -> x * factor, Encoders.LONG())
                        .collectAsList();
                System.out.println("tripled " + tripled);"""));
        try (TestServers server = TestServers.jobs(home, Map.of("workbench.jobs.heap", "512m"))) {
            // The job's lambdas (a map and a method reference) run on the executors: their capturing class, the
            // job's, reaches them with the job runtime's classes.
            JsonNode doubled = runOnce(server, "doubled");
            String log = log(server, "doubled", doubled);
            assertEquals("succeeded", doubled.path("status").asText(), doubled + "\n" + log);
            long expected = 0;
            for (long x = 0; x < 1000; x++) {
                expected += 2 * x;
            }
            Matcher m = Pattern.compile("doubled sum (-?\\d+) master (\\S+) executors (\\d+)").matcher(log);
            assertTrue(m.find(), log);
            assertEquals(expected, Long.parseLong(m.group(1)), "the sum computed on the cluster");
            assertEquals(master, m.group(2), "the job's driver used the cluster's master");
            assertTrue(Integer.parseInt(m.group(3)) >= 1, "tasks ran on the cluster's executors: " + m.group());

            // `factor` is a notebook variable, a static field of the job class: an executor would read 0.
            JsonNode captured = runOnce(server, "captured");
            String capturedLog = log(server, "captured", captured);
            assertEquals("failed", captured.path("status").asText(), captured + "\n" + capturedLog);
            assertEquals(2, captured.path("exitCode").asInt(), "refused as an invalid run: " + captured);
            String error = captured.path("error").asText();
            assertTrue(error.contains("notebook variable `factor`") && error.contains(master), captured.toString());
            assertTrue(!capturedLog.contains("tripled ["), "nothing was computed: " + capturedLog);
        }
    }

    @Test
    void aSupervisedContinuousJobStreamsOnTheClusterEachRowOnceAndDoubled() throws Exception {
        String master = SharedCluster.masterUrl();
        Path home = homeOnTheCluster(master);
        // Spark's rate source numbers its rows 0, 1, 2, …; the map (a lambda, run on the executors) doubles them.
        Files.writeString(home.resolve("notebooks/stream.ipynb"), notebook("int rowsPerSecond = 20;", """
                var doubled = spark.readStream().format("rate").option("rowsPerSecond", rowsPerSecond)
                        .option("numPartitions", 2).load()
                        .map((MapFunction<Row, Long>) r -> r.getLong(1) * 2, Encoders.LONG()).toDF("doubled");
                display(doubled, "doubled");"""));
        String job = "stream" + Long.toString(System.nanoTime() % 100_000, 36);
        try (TestServers server = TestServers.jobs(home, Map.of("workbench.jobs.heap", "512m"))) {
            HttpResponse<String> created = server.call("POST", "/api/workbench/jobs", JSON.writeValueAsString(
                    Map.of("name", job, "notebook", "stream.ipynb", "mode", "continuous")));
            assertEquals(201, created.statusCode(), created.body());
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            JsonNode last = null;
            while (System.nanoTime() < deadline) {
                last = JSON.readTree(server.get("/api/workbench/jobs/" + job).body());
                JsonNode q = null;
                for (JsonNode each : last.path("lastRun").path("queries")) {
                    q = "doubled".equals(each.path("name").asText()) ? each : q;
                }
                if (q != null && q.path("batchesWithRows").asLong() >= 3) {
                    break;
                }
                assertTrue(!last.path("lastRun").path("status").asText().equals("failed"), last.toString());
                Thread.sleep(1000);
            }
            JsonNode run = last.path("lastRun");
            String log = log(server, job, run);
            assertEquals("running", run.path("status").asText(), last + "\n" + log);
            assertTrue(log.contains("Spark started: master " + master), "the run's Spark is the cluster's: " + log);
            HttpResponse<String> stopped = server.call("POST", "/api/workbench/jobs/" + job + "/stop", "{}");
            assertEquals(200, stopped.statusCode(), stopped.body());

            // The oracle: a run that was neither killed nor restarted wrote rows 0..n-1 doubled, each once.
            List<Long> values = new ArrayList<>();
            for (EventLog.Entry e : EventLog.read(SharedBroker.bootstrapServers(), job + ".doubled", Duration.ofMinutes(1)).entries()) {
                values.add(JSON.readTree(new String(e.value(), StandardCharsets.UTF_8)).path("doubled").asLong());
            }
            Collections.sort(values);
            assertTrue(values.size() >= 3, "rows written: " + values.size());
            for (int i = 0; i < values.size(); i++) {
                assertEquals(2L * i, values.get(i), "row " + i + " of " + values.size() + " (sorted): each row once, doubled");
            }
            JsonNode runs = JSON.readTree(server.get("/api/workbench/jobs/" + job + "/runs").body());
            assertEquals(1, runs.size(), "one run, not restarted: " + runs);
            assertEquals("stopped", runs.get(0).path("status").asText(), runs.toString());
        }
    }

    /** Creates a once job from {@code notebooks/NAME.ipynb}, runs it and returns its run once it has ended. */
    private static JsonNode runOnce(TestServers server, String name) throws Exception {
        HttpResponse<String> created = server.call("POST", "/api/workbench/jobs", JSON.writeValueAsString(
                Map.of("name", name, "notebook", name + ".ipynb", "mode", "once")));
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> started = server.call("POST", "/api/workbench/jobs/" + name + "/runs", "{}");
        assertTrue(started.statusCode() == 201 || started.statusCode() == 409, started.body());
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        JsonNode run = null;
        while (System.nanoTime() < deadline) {
            JsonNode runs = JSON.readTree(server.get("/api/workbench/jobs/" + name + "/runs").body());
            run = runs.isEmpty() ? null : runs.get(0);
            if (run != null && !run.path("status").asText().equals("running")) {
                return run;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(name + ": the run did not end within 5 minutes: " + run);
    }

    private static String log(TestServers server, String name, JsonNode run) throws Exception {
        return JSON.readTree(server.get("/api/workbench/jobs/" + name + "/runs/" + run.path("id").asText()
                + "/log?max=1048576").body()).path("text").asText();
    }
}
