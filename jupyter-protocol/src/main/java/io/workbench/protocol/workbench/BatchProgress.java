package io.workbench.protocol.workbench;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The figures of a query's last micro-batch, from Spark's StreamingQueryProgress: rates in rows per second, the
 * batch's duration in milliseconds ({@code durationMs.triggerExecution}), the watermark and the newest event time as
 * ISO-8601 instants, rows dropped as late and state rows over all stateful operators, and the Kafka offsets not read
 * yet over all partitions. Null where Spark reports nothing.
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record BatchProgress(Long batchId, Long numInputRows, Double inputRowsPerSecond, Double processedRowsPerSecond,
                            Long batchDurationMs, String watermark, String maxEventTime, Long droppedLate, Long stateRows,
                            Long offsetsBehindLatest, String timestamp) {
}
