package io.workbench.ext.cells;

import io.workbench.ext.producers.ProducerRegistry;
import io.workbench.ext.query.QueryRegistry;

/**
 * Which notebook cell owns what starts now. Queries and producers started while a cell runs belong to it, whatever
 * thread starts them; running the cell again first stops what it owned. Between cells, what starts (from a thread a
 * cell left behind) belongs to {@link CellOwner#BACKGROUND}. The notebook of the last cell that named one chooses
 * the checkpoint directory.
 *
 * <p>Thread-safe: the kernel's shell thread opens and closes cells; Spark's threads read the owner.
 */
public final class CellScope {
    private final QueryRegistry queries;
    private final ProducerRegistry producers;
    private volatile CellOwner current = CellOwner.BACKGROUND;
    private volatile String notebook;

    public CellScope(QueryRegistry queries, ProducerRegistry producers) {
        this.queries = queries;
        this.producers = producers;
    }

    /** A cell is about to run: what it started when it last ran stops, and what it starts now is its own. */
    public void enter(CellOwner owner) {
        queries.stopOwnedBy(owner.cellId());
        producers.stopOwnedBy(owner.cellId());
        current = owner;
        if (owner.notebook() != null) {
            notebook = owner.notebook();
            queries.useScope(owner.notebookDir());
        }
    }

    /** The cell has finished. */
    public void exit() {
        current = CellOwner.BACKGROUND;
    }

    /** The cell that owns what starts now. */
    public CellOwner current() {
        return current;
    }

    /** The owner id of what starts now: the cell id, or "background". */
    public String ownerId() {
        return current.cellId();
    }

    /** The notebook of the last cell that named one, or null. */
    public String notebook() {
        return notebook;
    }
}
