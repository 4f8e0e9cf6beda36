package io.workbench.protocol.workbench;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One event producer as a kernel reports it.
 *
 * @param id         URL-safe, {@code <topic>-p<n>}
 * @param state      {@code RUNNING}, {@code PAUSED}, {@code DONE}, {@code STOPPED} or {@code FAILED}
 * @param targetRate events per second asked for, 0 for as fast as possible
 * @param actualRate events per second sent lately
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record ProducerState(String id, String topic, String cellId, String state, double targetRate, double actualRate,
                            long sent, long acked, long failed, String error) {
}
