package io.workbench.protocol.workbench;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One streaming query as a kernel reports it.
 *
 * @param id          Spark's query id (stable across restarts from a checkpoint), or a random id for a query Spark
 *                    refused to start
 * @param runId       Spark's id of this run, or null if it never ran
 * @param cellId      the notebook cell that started it (or "background")
 * @param notebook    the notebook whose checkpoint directory it uses, or null
 * @param status      {@code running}, {@code stopped} or {@code failed}
 * @param error       why it failed, for a user: what happened and what to do; or null
 * @param failure     {@code data_loss}, {@code checkpoint_incompatible}, {@code unsupported} or {@code error}; or null
 * @param restartable whether the restart action can start it again (else only its cell can)
 * @param startedAt   ISO-8601
 * @param progress    its last micro-batch, or null before the first
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record QueryState(String id, String runId, String name, String cellId, String notebook, String status,
                         String error, String failure, boolean restartable, String startedAt, BatchProgress progress) {
}
