package io.workbench.ext.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * The figures of a query's last micro-batch that views, panels and metrics show, read from Spark's
 * {@link StreamingQueryProgress}: input vs processed rows per second, the batch's duration, the watermark vs the
 * newest event time (ISO-8601 instants), rows dropped as late, state rows and how many Kafka offsets the query is
 * behind the newest ones. Null where Spark reports nothing (no watermark, a source that is not Kafka).
 *
 * @param batchDurationMs     Spark's {@code durationMs.triggerExecution}, milliseconds
 * @param offsetsBehindLatest over all sources and partitions, latest offset minus the offset this batch read to
 * @param timestamp           when the batch started, ISO-8601
 */
public record QueryProgress(long batchId, long numInputRows, Double inputRowsPerSecond, Double processedRowsPerSecond,
                            Long batchDurationMs, String watermark, String maxEventTime, long droppedLate, long stateRows,
                            Long offsetsBehindLatest, String timestamp) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The figures of {@code p}; null for null. */
    public static QueryProgress of(StreamingQueryProgress p) {
        if (p == null) {
            return null;
        }
        long dropped = 0;
        long state = 0;
        for (StateOperatorProgress s : p.stateOperators()) {
            dropped += s.numRowsDroppedByWatermark();
            state += s.numRowsTotal();
        }
        return new QueryProgress(p.batchId(), p.numInputRows(), finite(p.inputRowsPerSecond()),
                finite(p.processedRowsPerSecond()), p.durationMs().get("triggerExecution"), p.eventTime().get("watermark"),
                p.eventTime().get("max"), dropped, state, behind(p.sources()), p.timestamp());
    }

    /** As the views' and the control replies' JSON write it ({@code progress}); null fields left out. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("batchId", batchId);
        m.put("numInputRows", numInputRows);
        QuerySnapshot.put(m, "inputRowsPerSecond", inputRowsPerSecond);
        QuerySnapshot.put(m, "processedRowsPerSecond", processedRowsPerSecond);
        QuerySnapshot.put(m, "batchDurationMs", batchDurationMs);
        QuerySnapshot.put(m, "watermark", watermark);
        QuerySnapshot.put(m, "maxEventTime", maxEventTime);
        m.put("droppedLate", droppedLate);
        m.put("stateRows", stateRows);
        QuerySnapshot.put(m, "offsetsBehindLatest", offsetsBehindLatest);
        QuerySnapshot.put(m, "timestamp", timestamp);
        return m;
    }

    /** The sum over sources and partitions of latest offset minus the offset this batch read up to. */
    static Long behind(SourceProgress[] sources) {
        long total = 0;
        boolean known = false;
        for (SourceProgress s : sources) {
            try {
                if (s.latestOffset() == null || s.endOffset() == null) {
                    continue;
                }
                JsonNode latest = JSON.readTree(s.latestOffset());
                JsonNode end = JSON.readTree(s.endOffset());
                for (Iterator<Map.Entry<String, JsonNode>> topics = latest.fields(); topics.hasNext(); ) {
                    Map.Entry<String, JsonNode> topic = topics.next();
                    for (Iterator<Map.Entry<String, JsonNode>> parts = topic.getValue().fields(); parts.hasNext(); ) {
                        Map.Entry<String, JsonNode> part = parts.next();
                        long done = end.path(topic.getKey()).path(part.getKey()).asLong(0);
                        total += Math.max(0, part.getValue().asLong() - done);
                        known = true;
                    }
                }
            } catch (Exception e) {
                // Not a Kafka source (its offsets are not per-partition JSON): nothing to add.
            }
        }
        return known ? total : null;
    }

    private static Double finite(double d) {
        return Double.isFinite(d) ? d : null;
    }
}
