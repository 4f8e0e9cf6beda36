package io.workbench.protocol.workbench;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * {@code workbench_state_reply}: every streaming query and producer of the kernel, oldest first.
 *
 * @param timeZone    the zone the kernel's outputs show times in (Spark's session time zone)
 * @param spark       where Spark runs, or null before it has started
 * @param sparkStatus where Spark is: {@code starting}, {@code warming} (up and usable, its first query being warmed
 *                    up in the background), {@code ready}, {@code failed} or {@code off}; the warm pool waits for it
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record StreamsState(List<QueryState> queries, List<ProducerState> producers, String timeZone,
                           SparkState spark, String sparkStatus) {
}
