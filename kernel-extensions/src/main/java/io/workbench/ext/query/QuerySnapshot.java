package io.workbench.ext.query;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One streaming query as the registry knows it at a moment: who started it, how it is doing and how it ended.
 * Immutable; the registry hands out a new one after every change.
 *
 * @param id          Spark's query id (stable across restarts from the same checkpoint), or a random id for a query
 *                    Spark refused to start
 * @param runId       Spark's id of this run, or null if it never ran
 * @param name        the query's name
 * @param owner       who started it: a notebook cell id, a job, or "background"
 * @param notebook    the notebook (or job) whose checkpoint directory it uses, or null
 * @param status      where it is in its life
 * @param error       why it failed, for a user (headline and what to do), or null
 * @param failure     the kind of failure, or null
 * @param restartable whether it can be started again from its definition (a live view's query can; a
 *                    {@code writeStream()} query only by running its cell again)
 * @param startedAt   when it was registered
 * @param progress    its last micro-batch, or null before the first
 */
public record QuerySnapshot(UUID id, UUID runId, String name, String owner, String notebook, Status status,
                            String error, QueryFailure.Kind failure, boolean restartable, Instant startedAt,
                            QueryProgress progress) {

    /** Where a query is in its life. */
    public enum Status { RUNNING, STOPPED, FAILED }

    /** The status as the wire and the views write it: running, stopped or failed. */
    public String statusName() {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** The failure kind as the wire writes it (data_loss, checkpoint_incompatible, unsupported, error), or null. */
    public String failureName() {
        return failure == null ? null : failure.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The query as a live view's JSON shows it ({@code application/vnd.workbench.live+json}, docs/streaming.md):
     * id, runId, name, status, error, failure; null fields left out.
     */
    public Map<String, Object> toViewJson() {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("id", id.toString());
        put(q, "runId", runId == null ? null : runId.toString());
        q.put("name", name);
        q.put("status", statusName());
        put(q, "error", error);
        put(q, "failure", failureName());
        return q;
    }

    static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
