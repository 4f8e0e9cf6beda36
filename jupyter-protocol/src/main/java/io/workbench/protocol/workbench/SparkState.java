package io.workbench.protocol.workbench;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Where a kernel's Spark runs, in {@code workbench_state_reply}.
 *
 * @param master    Spark's master URL ({@code local[*]}, {@code spark://host:7077})
 * @param cluster   whether executors are other JVMs (any master but {@code local}/{@code local[...]})
 * @param appId     Spark's application id, as the cluster's master shows it
 * @param executors the executors alive now, as {@code host:port}; empty on a local master
 * @param uiUrl     the application's Spark UI, or null when it is off
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record SparkState(String master, boolean cluster, String appId, List<String> executors, String uiUrl) {
}
