package io.workbench.kernel;

import static io.workbench.kernel.StreamingKernel.LIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.workbench.events.EventLog;
import io.workbench.protocol.Message;
import io.workbench.protocol.client.Execution;
import io.workbench.testkit.SharedBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Live results that must be right or fail loudly, in a real kernel against a real broker, each checked against a
 * plain consumer's count of the same events: a view keyed by the query's real grouping key after a projection, a
 * checkpoint of a different query refused before it starts, Kafka data loss reaching the query's status, and the
 * output mode chosen from what the plan supports (with refusals listed and pointing at the cell's line).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamingCorrectnessIT {
    private static final long START = 1_700_000_000_000L;
    private StreamingKernel k;

    @BeforeAll
    void start() throws Exception {
        k = new StreamingKernel(Map.of());
    }

    @AfterAll
    void stop() {
        if (k != null) {
            k.close();
        }
    }

    private static String id() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Produces {@code n} events (event time 20 per second from START) and waits until all are acknowledged. */
    private void produce(String cellId, String topic, int n, long seed) throws Exception {
        Execution e = k.cell(cellId, "var p = events.start(ProducerSettings.defaults().topic(\"" + topic + "\").partitions(2)"
                + ".rate(0).seed(" + seed + ").maxEvents(" + n + ").simulatedTime(" + START + "L, 20));\n"
                + "p.awaitDone(java.time.Duration.ofSeconds(60)); p.flush(); p.stats().acked()");
        assertEquals(String.valueOf(n), e.resultText());
    }

    private static Map<String, Long> oracle(String topic, Function<EventLog.Entry, String> key) {
        Map<String, Long> out = new TreeMap<>();
        for (EventLog.Entry e : EventLog.read(SharedBroker.bootstrapServers(), topic, Duration.ofMinutes(1)).events()) {
            out.merge(key.apply(e), 1L, Long::sum);
        }
        return out;
    }

    private static Map<String, Long> rows(JsonNode view, int... keyColumns) {
        Map<String, Long> out = new TreeMap<>();
        JsonNode live = view.path(LIVE);
        int countColumn = live.path("columns").size() - 1;
        for (JsonNode row : live.path("rows")) {
            StringBuilder key = new StringBuilder();
            for (int c : keyColumns) {
                key.append(key.length() == 0 ? "" : "|").append(row.get(c).asText());
            }
            assertEquals(null, out.put(key.toString(), row.get(countColumn).asLong()), "a key shown twice: " + key);
        }
        return out;
    }

    @Test
    void aFlattenedWindowIsKeptByItsRealGroupingKey() throws Exception {
        String topic = "minutes-" + id();
        produce("m0", topic, 6000, 11);
        Map<String, Long> expected = oracle(topic, e -> {
            long ts = (Long) e.get("timestamp");
            return Instant.ofEpochMilli(ts - Math.floorMod(ts, 60_000L)) + "|" + e.get("event_type");
        });
        assertTrue(expected.size() >= 25, "enough groups to tell keys apart: " + expected.size());

        Execution e = k.cell("m1", """
                display(kafka.events("%s").withWatermark("timestamp", "5 minutes")
                        .groupBy(window(col("timestamp"), "1 minute"), col("event_type")).count()
                        .select(col("window.start").as("minute"), col("event_type"), col("count")), "minute_counts_%s")
                """.formatted(topic, topic.substring(8)));
        String view = StreamingKernel.liveViewOf(e);
        JsonNode done = k.await("the view reaching the oracle's groups", () -> k.latest(view),
                d -> d.path(LIVE).path("totalRows").asInt() == expected.size());
        assertEquals(expected, rows(done, 0, 1), "one row per (minute, event_type), each count as the oracle counts it");
        assertEquals("[\"minute\",\"event_type\"]", done.path(LIVE).path("key").toString());
        assertEquals("update", done.path(LIVE).path("result").path("outputMode").asText());

        // One zone, named, in live views and batch tables alike.
        assertEquals("UTC", done.path(LIVE).path("timeZone").asText());
        String first = expected.keySet().iterator().next().split("\\|")[0];
        String shownAs = first.replace("T", " ").replace("Z", "");
        String html = done.path("text/html").asText();
        assertTrue(html.contains("minute (UTC)") && html.contains(shownAs), "the live view's HTML: " + html);
        Execution batch = k.cell("m3", "kafka.eventsNow(\"" + topic + "\").select(min(col(\"timestamp\")).as(\"first\"))");
        String table = batch.iopub("execute_result").get(0).content().path("data").path("text/html").asText();
        assertTrue(table.contains("timestamp (UTC)") && table.contains(shownAs.substring(0, 16)), "the batch table: " + table);

        // A filter above the aggregation can hide a group's update: the view runs in complete mode instead.
        Execution filtered = k.cell("m2", """
                display(kafka.events("%s").groupBy(col("event_type"), col("device")).count()
                        .where(col("count").gt(100)).withColumnRenamed("event_type", "type"), "busy_%s")
                """.formatted(topic, topic.substring(8)));
        Map<String, Long> byTypeAndDevice = oracle(topic, x -> x.get("event_type") + "|" + x.get("device"));
        Map<String, Long> busy = new TreeMap<>();
        byTypeAndDevice.forEach((key, n) -> {
            if (n > 100) {
                busy.put(key, n);
            }
        });
        String busyView = StreamingKernel.liveViewOf(filtered);
        JsonNode b = k.await("the filtered view", () -> k.latest(busyView), d -> rows(d, 0, 1).equals(busy));
        assertEquals("complete", b.path(LIVE).path("result").path("outputMode").asText());
    }

    @Test
    void aCheckpointOfADifferentQueryIsRefusedBeforeItStarts() throws Exception {
        String topic = "ckpt-" + id();
        String other = "ckpt-other-" + id();
        String name = "counts_" + topic.substring(5);
        produce("c0", topic, 2000, 12);
        produce("c0b", other, 500, 13);
        Execution first = k.cell("c1", "display(kafka.events(\"" + topic + "\").groupBy(\"event_type\").count(), \"" + name + "\")");
        Map<String, Long> byType = oracle(topic, e -> String.valueOf(e.get("event_type")));
        JsonNode v = k.await("counts by type", () -> k.latest(StreamingKernel.liveViewOf(first)), d -> rows(d, 0).equals(byType));
        assertEquals("update", v.path(LIVE).path("result").path("outputMode").asText());

        // The user edits the same cell to group by device and runs it again.
        Execution edited = k.run("c1", "var byDevice = kafka.events(\"" + topic + "\")\n    .groupBy(\"device\").count();\n"
                + "display(byDevice, \"" + name + "\")");
        assertEquals("error", edited.status(), "refused, not resumed from the other query's state: " + edited.iopub());
        JsonNode error = edited.iopub("error").get(0).content();
        assertTrue(error.path("evalue").asText().contains("was written by a different query")
                && error.path("evalue").asText().contains("device"), error.toString());
        assertTrue(error.path("traceback").toString().contains("], line 3"), "the user's line: " + error);
        assertFalse(error.path("traceback").toString().contains("io.workbench.ext.live"), "no internals: " + error);
        JsonNode listed = k.query(name);
        assertEquals("failed", listed.path("status").asText());
        assertEquals("checkpoint_incompatible", listed.path("failure").asText());

        k.cell("c2", "streams.archiveCheckpoint(\"" + name + "\")");
        Execution fresh = k.cell("c1", "display(kafka.events(\"" + topic + "\").groupBy(\"device\").count(), \"" + name + "\")");
        Map<String, Long> byDevice = oracle(topic, e -> String.valueOf(e.get("device")));
        k.await("counts by device from a fresh checkpoint", () -> k.latest(StreamingKernel.liveViewOf(fresh)),
                d -> rows(d, 0).equals(byDevice));

        // The same name over another topic must not merge the two topics' data either.
        k.cell("c1", "1");
        Execution otherTopic = k.run("c3", "display(kafka.events(\"" + other + "\").groupBy(\"device\").count(), \"" + name + "\")");
        assertEquals("error", otherTopic.status());
        assertTrue(otherTopic.iopub("error").get(0).content().path("evalue").asText().contains(other),
                otherTopic.iopub("error").toString());
    }

    @Test
    void kafkaDataLossStopsTheQueryAndSaysWhatToDo() throws Exception {
        String topic = "loss-" + id();
        String name = "loss_" + topic.substring(5);
        k.cell("d0", "kafka.createTopic(\"" + topic + "\", 1)");
        produce("d0p", topic, 500, 14);
        String display = "display(kafka.events(\"" + topic + "\").groupBy(\"event_type\").count(), \"" + name + "\")";
        Execution first = k.cell("d1", display);
        k.await("all 500 events counted", () -> k.latest(StreamingKernel.liveViewOf(first)),
                d -> rows(d, 0).values().stream().mapToLong(Long::longValue).sum() == 500);
        k.cell("d1", "1");

        k.cell("d2", """
                kafka.admin().deleteTopics(List.of("%s")).all().get();
                for (int i = 0; ; i++) {
                    try { kafka.createTopic("%s", 1); break; }
                    catch (RuntimeException e) { if (i > 100) throw e; Thread.sleep(200); }
                }
                """.formatted(topic, topic));
        produce("d3", topic, 300, 15);
        Execution again = k.cell("d1", display);
        JsonNode failed = k.await("the view showing the data loss", () -> k.latest(StreamingKernel.liveViewOf(again)),
                d -> d.path(LIVE).path("query").path("status").asText().equals("failed"));
        String shown = failed.path(LIVE).path("query").path("error").asText();
        assertTrue(shown.startsWith("Kafka data loss"), shown);
        assertTrue(shown.contains("streams.archiveCheckpoint(\"" + name + "\")"), "what to do: " + shown);
        assertTrue(failed.path("text/plain").asText().contains("Kafka data loss"), "stock Jupyter sees it too");
        JsonNode listed = k.query(name);
        assertEquals("failed", listed.path("status").asText());
        assertEquals("data_loss", listed.path("failure").asText());
    }

    @Test
    void theOutputModeIsWhatThePlanAllowsAndRefusalsAreListedAtTheCellsLine() throws Exception {
        String topic = "modes-" + id();
        String n = topic.substring(6);
        produce("s0", topic, 3000, 16);
        Map<String, Long> byType = oracle(topic, e -> String.valueOf(e.get("event_type")));

        Execution sorted = k.cell("s1", "display(kafka.events(\"" + topic + "\").groupBy(\"event_type\").count()"
                + ".orderBy(desc(\"count\")), \"sorted_" + n + "\")");
        JsonNode s = k.await("the sorted aggregate", () -> k.latest(StreamingKernel.liveViewOf(sorted)), d -> rows(d, 0).equals(byType));
        assertEquals("complete", s.path(LIVE).path("result").path("outputMode").asText());
        long previous = Long.MAX_VALUE;
        for (JsonNode row : s.path(LIVE).path("rows")) {
            assertTrue(row.get(1).asLong() <= previous, "in Spark's order, by count descending: " + s.path(LIVE).path("rows"));
            previous = row.get(1).asLong();
        }

        Execution append = k.run("s2", "var counts = kafka.events(\"" + topic + "\")\n    .groupBy(\"event_type\").count();\n"
                + "display(counts, \"append_" + n + "\", OutputMode.Append())");
        JsonNode error = append.iopub("error").get(0).content();
        assertEquals("Spark cannot run this query in append mode: Append output mode not supported when there are"
                + " streaming aggregations on streaming DataFrames/DataSets without watermark.", error.path("evalue").asText());
        String tb = error.path("traceback").toString();
        assertTrue(tb.contains("], line 3"), "at the cell's line: " + tb);
        assertFalse(tb.contains("Project [") || tb.contains("EcommerceEvent"), "no plan, no schema: " + tb);
        assertEquals("unsupported", k.query("append_" + n).path("failure").asText());

        Execution ws = k.run("s3", "kafka.events(\"" + topic + "\").groupBy(\"event_type\").count()\n"
                + "    .writeStream().outputMode(\"append\").format(\"memory\").queryName(\"ws_" + n + "\").start()");
        JsonNode wsError = ws.iopub("error").get(0).content();
        assertFalse(wsError.path("evalue").asText().contains("\n"), "one line: " + wsError.path("evalue"));
        assertTrue(wsError.toString().length() < 3000, "the headline and folded frames, not the plan: " + wsError.toString().length());
        assertTrue(wsError.path("traceback").toString().contains("], line 2"), wsError.toString());
        List<Message> details = ws.iopub("display_data");
        assertTrue(details.stream().anyMatch(m -> m.content().path("data").path("text/html").asText().contains("<details")
                && m.content().path("data").path("text/plain").asText().contains("Aggregate [")),
                "the plan is one click away: " + details);
        JsonNode refused = k.query("writeStream() of cell s3");
        assertNotNull(refused, "a query Spark refused is still listed");
        assertEquals("failed", refused.path("status").asText());

        // mapGroupsWithState runs in update mode; its rows are the updates of each group, newest first.
        Execution perUser = k.cell("s4", """
                display(kafka.events("%s").select("user_id").as(Encoders.STRING())
                        .groupByKey((MapFunction<String, String>) u -> u, Encoders.STRING())
                        .mapGroupsWithState((MapGroupsWithStateFunction<String, String, Long, String>) (user, rows, state) -> {
                            long seen = state.exists() ? state.get() : 0;
                            while (rows.hasNext()) { rows.next(); seen++; }
                            state.update(seen);
                            return user + "=" + seen;
                        }, Encoders.LONG(), Encoders.STRING(), GroupStateTimeout.NoTimeout()).toDF(), "per_user_%s");
                streams.awaitProcessed("per_user_%s");
                """.formatted(topic, n, n));
        Map<String, Long> byUser = oracle(topic, e -> String.valueOf(e.get("user_id")));
        JsonNode u = k.await("per-user updates", () -> k.latest(StreamingKernel.liveViewOf(perUser)),
                d -> d.path(LIVE).path("rows").size() > 0);
        assertEquals("updates", u.path(LIVE).path("result").path("rows").asText());
        Map<String, Long> newest = new HashMap<>();
        for (JsonNode row : u.path(LIVE).path("rows")) {
            String[] kv = row.get(0).asText().split("=");
            newest.putIfAbsent(kv[0], Long.parseLong(kv[1]));
        }
        newest.forEach((user, seen) -> assertEquals(byUser.get(user), seen, "the newest update of " + user));
    }
}
