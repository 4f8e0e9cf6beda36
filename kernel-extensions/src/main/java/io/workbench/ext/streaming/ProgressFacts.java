package io.workbench.ext.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * The figures of a micro-batch that a live view and the queries panel show: input vs processed rows/s, batch
 * duration, watermark vs the newest event time, rows dropped as late, state rows, and how many offsets the
 * query is behind the newest ones in Kafka.
 */
final class ProgressFacts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProgressFacts() {
    }

    static Map<String, Object> of(StreamingQueryProgress p) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (p == null) {
            return m;
        }
        m.put("batchId", p.batchId());
        m.put("numInputRows", p.numInputRows());
        m.put("inputRowsPerSecond", finite(p.inputRowsPerSecond()));
        m.put("processedRowsPerSecond", finite(p.processedRowsPerSecond()));
        Long trigger = p.durationMs().get("triggerExecution");
        m.put("batchDurationMs", trigger);
        m.put("watermark", p.eventTime().get("watermark"));
        m.put("maxEventTime", p.eventTime().get("max"));
        long dropped = 0;
        long state = 0;
        for (StateOperatorProgress s : p.stateOperators()) {
            dropped += s.numRowsDroppedByWatermark();
            state += s.numRowsTotal();
        }
        m.put("droppedLate", dropped);
        m.put("stateRows", state);
        m.put("offsetsBehindLatest", behind(p.sources()));
        m.put("timestamp", p.timestamp());
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
