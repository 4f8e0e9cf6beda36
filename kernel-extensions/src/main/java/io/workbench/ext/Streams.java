package io.workbench.ext;

import io.workbench.ext.display.Table;
import io.workbench.ext.live.LiveViews;
import io.workbench.ext.query.QueryProgress;
import io.workbench.ext.query.QueryRegistry;
import io.workbench.ext.query.QuerySnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The {@code streams} object of a notebook: every streaming query of the kernel, whatever started it, by the cell
 * that started it. Queries are found by name or id. Thread-safe.
 */
public final class Streams {
    private final QueryRegistry registry;
    private final LiveViews views;

    public Streams(QueryRegistry registry, LiveViews views) {
        this.registry = registry;
        this.views = views;
    }

    /** The queries, oldest first, as a table: name, cell, status, rates, last batch and error. */
    public Table list() {
        Table.Builder t = Table.builder("Streaming queries").column("name", "string").column("cell", "string")
                .column("status", "string").column("input rows/s", "double").column("processed rows/s", "double")
                .column("batch", "long").column("error", "string");
        for (QuerySnapshot q : registry.snapshots()) {
            QueryProgress p = q.progress();
            t.row(q.name(), q.owner(), q.statusName(), p == null ? null : p.inputRowsPerSecond(),
                    p == null ? null : p.processedRowsPerSecond(), p == null ? null : p.batchId(), q.error());
        }
        return t.build();
    }

    /**
     * Waits until the query has processed everything its sources held when the call was made, even while a
     * producer keeps writing (StreamingQuery.processAllAvailable would not return); up to 5 minutes.
     *
     * @throws IllegalStateException when the query fails meanwhile, with its error and what to do
     */
    public void awaitProcessed(String nameOrId) throws InterruptedException {
        awaitProcessed(nameOrId, Duration.ofMinutes(5));
    }

    /** {@link #awaitProcessed(String)} with a time limit. */
    public void awaitProcessed(String nameOrId, Duration timeout) throws InterruptedException {
        registry.awaitProcessed(nameOrId, timeout);
    }

    /** The rows the query's live view shows now (up to 20,000 by key), for checks in a cell. */
    public Table table(String nameOrId) {
        return views.table(nameOrId);
    }

    /** The running (or last) Spark query with this name or id: lastProgress(), stop(), … */
    public StreamingQuery query(String nameOrId) {
        return registry.query(nameOrId);
    }

    /** Stops the query with this name or id. */
    public void stop(String nameOrId) {
        registry.stop(nameOrId);
    }

    /**
     * Deletes the checkpoint (and saved live view) of this notebook's query {@code name}, so that the next
     * {@code display(..., name)} starts it from the beginning of its sources instead of resuming it. Refused while a
     * query of that name runs.
     */
    public boolean discardCheckpoint(String name) throws IOException {
        return registry.discardCheckpoint(name);
    }

    /**
     * Moves the checkpoint (and saved live view) of this notebook's query {@code name} aside, to
     * {@code <name>.archived-<UTC time>} beside it, so that the next {@code display(..., name)} starts fresh while
     * the old state stays on disk. Refused while a query of that name runs.
     *
     * @return where the checkpoint went, or null when there was none
     */
    public Path archiveCheckpoint(String name) throws IOException {
        return registry.archiveCheckpoint(name);
    }
}
