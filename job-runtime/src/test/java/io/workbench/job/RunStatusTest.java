package io.workbench.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.ext.query.QueryFailure;
import io.workbench.ext.query.QuerySnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.streaming.SinkProgress;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStatusTest {
    private static final UUID ID = UUID.randomUUID();

    @TempDir
    Path dir;

    private static QuerySnapshot query(QuerySnapshot.Status status) {
        return new QuerySnapshot(ID, UUID.randomUUID(), "counts", "job:sales", null, status, null, null, false,
                Instant.now(), null);
    }

    private static StreamingQueryProgress progress(long batch, long rows, long written) {
        return new StreamingQueryProgress(ID, UUID.randomUUID(), "counts", "2026-01-01T00:00:0" + batch + ".000Z", batch,
                100, Map.of("triggerExecution", 100L), Map.of("watermark", "2025-12-31T23:55:0" + batch + ".000Z"),
                new StateOperatorProgress[0],
                new SourceProgress[] {new SourceProgress("kafka", null, null, null, rows, 0, 0, Map.of())},
                new SinkProgress("kafka", written, Map.of()), Map.of());
    }

    private JsonNode read(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void theFileFollowsTheRunAndItsQueriesAsTheContractShowsThem() throws IOException {
        Path file = dir.resolve("runs/r1/status.json");
        RunStatus s = new RunStatus("sales", "r1", new StatusFile(file));
        s.publish();
        JsonNode start = read(file);
        assertEquals(List.of("job", "runId", "pid", "state", "startedAt", "endedAt", "exitCode", "error", "failure",
                "params", "queries"), fields(start));
        assertTrue(start.path("params").isNull(), "not bound yet");
        s.params(Map.of("topic", "orders", "window", "PT5M"));
        assertEquals("orders", read(file).path("params").path("topic").asText());
        assertEquals("starting", start.path("state").asText());
        assertTrue(start.path("endedAt").isNull() && start.path("exitCode").isNull(), start.toString());
        assertEquals(ProcessHandle.current().pid(), start.path("pid").asLong());

        s.running();
        s.onStarted(query(QuerySnapshot.Status.RUNNING), null);
        s.onProgress(query(QuerySnapshot.Status.RUNNING), progress(0, 10, 7));
        s.onProgress(query(QuerySnapshot.Status.RUNNING), progress(1, 5, -1));
        JsonNode q = read(file).path("queries").get(0);
        assertEquals(List.of("name", "id", "status", "batchId", "inputRows", "outputRows", "watermark", "lastProgressAt",
                "batchesWithRows", "processingMs", "firstBatchAt"), fields(q));
        assertEquals("counts", q.path("name").asText());
        assertEquals(ID.toString(), q.path("id").asText());
        assertEquals("running", q.path("status").asText());
        assertEquals(1, q.path("batchId").asLong());
        assertEquals(15, q.path("inputRows").asLong(), "the input rows of every batch of the run, added up");
        assertEquals(7, q.path("outputRows").asLong(), "a batch whose sink reports no rows (-1) adds none");
        assertEquals("2025-12-31T23:55:01.000Z", q.path("watermark").asText());
        assertEquals("2026-01-01T00:00:01.000Z", q.path("lastProgressAt").asText());
        assertEquals(2, q.path("batchesWithRows").asLong(), "both batches read rows");
        assertEquals(200, q.path("processingMs").asLong(), "their triggerExecution durations added up");
        assertEquals("2026-01-01T00:00:00.000Z", q.path("firstBatchAt").asText());

        s.onTerminated(query(QuerySnapshot.Status.FAILED));
        s.ended(RunStatus.State.FAILED, ExitCode.DATA_LOSS, "Kafka data loss", QueryFailure.Kind.DATA_LOSS);
        s.ended(RunStatus.State.STOPPED, ExitCode.DONE, null, null);
        JsonNode end = read(file);
        assertEquals("failed", end.path("state").asText(), "the first outcome stays");
        assertEquals(4, end.path("exitCode").asInt());
        assertEquals("data_loss", end.path("failure").asText());
        assertEquals("Kafka data loss", end.path("error").asText());
        assertTrue(Instant.parse(end.path("endedAt").asText()).compareTo(Instant.parse(end.path("startedAt").asText())) >= 0);
        assertEquals("failed", end.path("queries").get(0).path("status").asText());
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file left beside it");
        }
    }

    private static List<String> fields(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
