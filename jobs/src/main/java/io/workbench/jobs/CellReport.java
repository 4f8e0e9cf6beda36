package io.workbench.jobs;

import java.util.List;

/**
 * What an export did with one code cell, and why: kept as it is, kept with changes (each note says which line and
 * what), or left out (the notes say why).
 */
public record CellReport(String cellId, String heading, Disposition disposition, List<String> notes) {
    /** The three outcomes for a cell. */
    public enum Disposition { KEPT, CHANGED, LEFT_OUT }

    public CellReport {
        notes = List.copyOf(notes);
    }

    /** Whether any of the cell's code is in the job. */
    public boolean kept() {
        return disposition != Disposition.LEFT_OUT;
    }

    /** The notes as one sentence-like string, for tables. */
    public String reason() {
        return String.join("; ", notes);
    }
}
