package io.workbench.ext.streaming;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/** One streaming query the registry tracks: who started it, how it is doing, and its live views. */
public final class QueryEntry {
    /** Where a query is in its life. */
    public enum Status { RUNNING, STOPPED, FAILED }

    final UUID id;
    final String name;
    final CellOwner owner;
    final Instant startedAt = Instant.now();
    final CopyOnWriteArrayList<LiveView> views = new CopyOnWriteArrayList<>();
    volatile UUID runId;
    volatile StreamingQuery query;
    volatile Status status = Status.RUNNING;
    volatile String error;
    /** What kind of failure ended it, when {@link #status} is FAILED. */
    volatile io.workbench.ext.query.QueryFailure.Kind failureKind;
    volatile StreamingQueryProgress progress;
    /** Starts the query again from its definition; null when only its cell can (writeStream() in a cell). */
    volatile java.util.function.Supplier<StreamingQuery> restart;

    QueryEntry(UUID id, UUID runId, String name, CellOwner owner) {
        this.id = id;
        this.runId = runId;
        this.name = name;
        this.owner = owner;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public CellOwner owner() {
        return owner;
    }

    public Status status() {
        return status;
    }

    public String error() {
        return error;
    }

    public io.workbench.ext.query.QueryFailure.Kind failureKind() {
        return failureKind;
    }

    public StreamingQueryProgress progress() {
        return progress;
    }

    public StreamingQuery query() {
        return query;
    }
}
