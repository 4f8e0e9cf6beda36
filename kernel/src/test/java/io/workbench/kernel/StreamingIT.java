package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.workbench.events.EventLog;
import io.workbench.protocol.Channel;
import io.workbench.protocol.Message;
import io.workbench.protocol.MessageType;
import io.workbench.protocol.client.Execution;
import io.workbench.protocol.client.KernelClient;
import io.workbench.protocol.client.LocalKernel;
import io.workbench.testkit.SharedBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The streaming workflow in a real kernel against a real broker: the producer started from a cell, a live
 * view of a windowed aggregation checked against an oracle computed from the same events by a plain Kafka
 * consumer, the registry (by cell, re-run, failure, producer control over the control channel).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamingIT {
    private static final Duration CELL = Duration.ofSeconds(120);
    private LocalKernel kernel;
    private final List<Message> iopub = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        kernel = TestKernels.start(Map.of());
        kernel.client().addListener((channel, message) -> {
            if (channel == Channel.IOPUB) {
                iopub.add(message);
            }
        });
    }

    @AfterAll
    void stop() {
        if (kernel != null) {
            kernel.close();
        }
    }

    private Execution cell(String cellId, String code) throws Exception {
        Execution e = Execution.start(kernel.client(), code, cellId).await(CELL);
        assertEquals("ok", e.status(), () -> "cell " + cellId + " failed: " + e.iopub() + "\n" + kernel.logTail(30));
        return e;
    }

    private JsonNode control(String type, Map<String, Object> content) throws Exception {
        KernelClient.Request r = kernel.client().request(Channel.CONTROL, new MessageType<>(type, Object.class), content);
        return r.reply().get(30, TimeUnit.SECONDS).content();
    }

    private JsonNode query(String name) throws Exception {
        for (JsonNode q : control("workbench_state_request", Map.of()).path("queries")) {
            if (name.equals(q.path("name").asText())) {
                return q;
            }
        }
        return null;
    }

    /** The newest bundle shown for a display id (display_data or update_display_data). */
    private JsonNode latest(String displayId) {
        JsonNode out = null;
        for (Message m : iopub) {
            if ((m.type().equals("display_data") || m.type().equals("update_display_data"))
                    && displayId.equals(m.content().path("transient").path("display_id").asText())) {
                out = m.content().path("data");
            }
        }
        return out;
    }

    private JsonNode await(String what, java.util.concurrent.Callable<JsonNode> probe, Predicate<JsonNode> done)
            throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            last = probe.call();
            if (last != null && done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(what + " did not happen; last seen: " + last + "\n" + kernel.logTail(30));
    }

    @Test
    void aLiveWindowedAggregationMatchesAnOracleAndItsCellOwnsItsQuery() throws Exception {
        String topic = "live-" + UUID.randomUUID().toString().substring(0, 8);
        // A reproducible, finite run: event time from a simulated clock, 30% of records written with schema v2.
        Execution produced = cell("prod", "var p = events.start(ProducerSettings.defaults().topic(\"" + topic + "\").partitions(2)"
                + ".rate(0).seed(7).maxEvents(30_000).v2Share(0.3).simulatedTime(1_700_000_000_000L));\n"
                + "p.awaitDone(java.time.Duration.ofSeconds(60)); p.flush(); p.stats().acked()");
        assertEquals("30000", produced.resultText(), "every event acknowledged");

        Execution live = cell("live", """
                display(kafka.events("%s")
                        .where(col("event_type").equalTo("purchase"))
                        .withWatermark("timestamp", "5 minutes")
                        .groupBy(window(col("timestamp"), "1 minute"), col("product_category"))
                        .agg(sum("amount").as("sales"), count("*").as("orders")), "sales_%s")
                """.formatted(topic, topic.substring(5)));
        List<Message> shown = live.iopub("display_data");
        assertEquals(1, shown.size(), "one live output");
        String displayId = shown.get(0).content().path("transient").path("display_id").asText();
        assertFalse(displayId.isEmpty());
        assertTrue(live.iopub("execute_result").isEmpty(), "display(...) shows no result of its own");

        Map<String, double[]> expected = oracle(topic);
        double orders = expected.values().stream().mapToDouble(v -> v[1]).sum();
        assertTrue(expected.size() >= 4 && orders >= 100, "the oracle sees enough purchases to compare: " + expected.size()
                + " windows, " + orders + " orders");
        JsonNode view = await("the live view reaching the oracle's totals", () -> latest(displayId),
                d -> d.path("application/vnd.workbench.live+json").path("rows").size() == expected.size()
                        && totalOrders(d) == expected.values().stream().mapToDouble(v -> v[1]).sum());
        JsonNode json = view.path("application/vnd.workbench.live+json");
        assertEquals("running", json.path("query").path("status").asText());
        assertEquals("[\"window\",\"product_category\"]", json.path("key").toString());
        assertEquals("sales", json.path("chart").path("y").asText());
        for (JsonNode row : json.path("rows")) {
            String key = row.get(0).path("start").asText() + "|" + row.get(1).asText();
            double[] want = expected.get(key);
            assertNotNull(want, "a window the oracle does not have: " + key);
            assertEquals(want[0], row.get(2).asDouble(), 1e-6 * Math.max(1, want[0]), "sales of " + key);
            assertEquals((long) want[1], row.get(3).asLong(), "orders of " + key);
        }
        assertTrue(view.path("text/html").asText().contains("<svg"), "stock Jupyter gets the chart as SVG");
        assertTrue(view.path("text/html").asText().contains("<table>"));
        assertTrue(view.path("text/plain").asText().startsWith("sales_" + topic.substring(5) + " [running]"));

        JsonNode q = query("sales_" + topic.substring(5));
        assertNotNull(q, "the registry lists the query");
        assertEquals("live", q.path("cellId").asText());
        assertEquals("running", q.path("status").asText());
        assertTrue(q.path("restartable").asBoolean());

        // Running the cell again replaces its query instead of leaving the old one running.
        String firstRun = q.path("runId").asText();
        cell("live", "1 + 1");
        JsonNode after = query("sales_" + topic.substring(5));
        assertTrue(after == null, "re-running the cell stopped its query: " + after);
        await("the old view showing the query as stopped", () -> latest(displayId),
                d -> d.path("application/vnd.workbench.live+json").path("query").path("status").asText().equals("stopped"));
        assertFalse(firstRun.isEmpty());
    }

    @Test
    void aFailingQueryShowsItsErrorInItsCellAndStaysListed() throws Exception {
        Execution e = cell("fails", """
                spark.readStream().format("rate").option("rowsPerSecond", 5).load()
                        .writeStream().queryName("doomed")
                        .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> {
                            if (batch.count() > 0) throw new IllegalStateException("bad batch " + id);
                        }).start();
                """);
        List<Message> shown = e.iopub("display_data");
        assertEquals(1, shown.size(), "a status line for the query: " + e.iopub());
        String displayId = shown.get(0).content().path("transient").path("display_id").asText();
        JsonNode failed = await("the status line showing the failure", () -> latest(displayId),
                d -> d.path("application/vnd.workbench.live+json").path("query").path("status").asText().equals("failed"));
        assertTrue(failed.path("text/plain").asText().contains("bad batch"), failed.toString());
        JsonNode q = query("doomed");
        assertEquals("failed", q.path("status").asText());
        assertTrue(q.path("error").asText().contains("bad batch"));
        assertFalse(q.path("restartable").asBoolean(), "only its cell can start a writeStream() query again");
    }

    @Test
    void producersAreControlledFromTheControlChannelAndStoppedWithTheirCell() throws Exception {
        String topic = "ctl-" + UUID.randomUUID().toString().substring(0, 8);
        cell("p2", "events.start(ProducerSettings.defaults().topic(\"" + topic + "\").rate(200))");
        JsonNode p = producer(topic);
        assertEquals("RUNNING", p.path("state").asText());
        assertEquals("p2", p.path("cellId").asText());
        String id = p.path("id").asText();

        JsonNode reply = control("workbench_action_request", Map.of("kind", "producer", "id", id, "action", "pause"));
        assertEquals("ok", reply.path("status").asText(), reply.toString());
        assertEquals("PAUSED", producer(topic).path("state").asText());
        reply = control("workbench_action_request", Map.of("kind", "producer", "id", id, "action", "rate", "rate", 50));
        assertEquals("ok", reply.path("status").asText());
        assertEquals(50.0, producer(topic).path("targetRate").asDouble());
        reply = control("workbench_action_request", Map.of("kind", "producer", "id", "nope", "action", "pause"));
        assertEquals("error", reply.path("status").asText());
        assertTrue(reply.path("message").asText().contains("events.list()"), reply.toString());

        cell("p2", "2 + 2");
        assertEquals(null, producer(topic), "re-running the cell stopped and dropped its producer");
    }

    @Test
    void aLongSparkJobShowsItsProgressInItsCellAndAQuickOneShowsNothing() throws Exception {
        Execution slow = cell("slow", "spark.range(0, 8, 1, 8).foreach((ForeachFunction<Long>) x -> Thread.sleep(600));");
        String mime = "application/vnd.workbench.spark-progress+json";
        List<Message> shown = slow.iopub("display_data");
        assertEquals(1, shown.size(), "one progress line: " + slow.iopub());
        JsonNode first = shown.get(0).content().path("data").path(mime);
        assertFalse(first.path("done").asBoolean());
        assertEquals(8, first.path("tasks").asInt(), first.toString());
        assertTrue(first.path("tasksDone").asInt() < 8, "shown while it runs: " + first);
        assertTrue(shown.get(0).content().path("data").path("text/html").asText().contains("<progress"));
        String displayId = shown.get(0).content().path("transient").path("display_id").asText();
        // Updates of other cells' live views may go out under this request too: keep this display's.
        List<Message> updates = slow.iopub("update_display_data").stream()
                .filter(m -> displayId.equals(m.content().path("transient").path("display_id").asText())).toList();
        assertFalse(updates.isEmpty(), "updated in place");
        JsonNode last = updates.get(updates.size() - 1).content();
        assertEquals(displayId, last.path("transient").path("display_id").asText());
        assertTrue(last.path("data").path(mime).path("done").asBoolean(), last.toString());
        assertEquals(8, last.path("data").path(mime).path("tasksDone").asInt());
        assertEquals(1, last.path("data").path(mime).path("jobs").asInt());
        assertTrue(last.path("data").path("text/plain").asText().startsWith("Spark: 1 job, 1 stage, 8 tasks in "),
                last.toString());

        Execution quick = cell("quick", "spark.range(10).count()");
        assertTrue(quick.iopub("display_data").isEmpty(), "no progress line for a quick job: " + quick.iopub());
        assertEquals("10", quick.resultText());
    }

    @Test
    void shuttingTheKernelDownStopsItsQueriesAndProducersCleanly() throws Exception {
        LocalKernel own = TestKernels.start(Map.of());
        try {
            String topic = "bye-" + UUID.randomUUID().toString().substring(0, 8);
            Execution p = Execution.start(own.client(), "events.start(ProducerSettings.defaults().topic(\"" + topic
                    + "\").rate(100)); display(kafka.events(\"" + topic + "\").groupBy(\"event_type\").count(), \"bye\");"
                    + " streams.awaitProcessed(\"bye\");", "c1").await(CELL);
            assertEquals("ok", p.status(), () -> p.iopub() + own.logTail(30));
            long started = System.nanoTime();
            own.shutdown(Duration.ofSeconds(30));
            assertFalse(own.process().isAlive());
            assertEquals(0, own.process().exitValue(), "a clean exit, not a kill: " + own.logTail(30));
            assertTrue(own.logTail(40).contains("Stopped 1 streaming query and 1 producer"), own.logTail(40));
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 30);
        } finally {
            own.close();
        }
    }

    private JsonNode producer(String topic) throws Exception {
        for (JsonNode p : control("workbench_state_request", Map.of()).path("producers")) {
            if (topic.equals(p.path("topic").asText())) {
                return p;
            }
        }
        return null;
    }

    private static double totalOrders(JsonNode data) {
        double n = 0;
        for (JsonNode row : data.path("application/vnd.workbench.live+json").path("rows")) {
            n += row.get(3).asDouble();
        }
        return n;
    }

    /**
     * Purchases per (1-minute window start, category): sales and orders, from a plain consumer that decodes
     * each record with its writer schema. Independent of Spark.
     */
    static Map<String, double[]> oracle(String topic) {
        Map<String, double[]> out = new TreeMap<>();
        for (EventLog.Entry e : EventLog.read(SharedBroker.bootstrapServers(), topic, Duration.ofMinutes(1)).events()) {
            if (!"purchase".equals(e.get("event_type"))) {
                continue;
            }
            long ts = (Long) e.get("timestamp");
            String start = java.time.Instant.ofEpochMilli(ts - Math.floorMod(ts, 60_000L)).toString();
            double[] agg = out.computeIfAbsent(start + "|" + e.get("product_category"), k -> new double[2]);
            agg[0] += (Double) e.get("amount");
            agg[1] += 1;
        }
        return out;
    }
}
