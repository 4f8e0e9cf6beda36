package io.workbench.jobs.analysis;

import io.workbench.jobs.CellReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects what happens to each code cell while it is analysed and compiled, and says in the end whether the cell
 * was kept as written, kept with changes or left out. A cell none of whose code made it into the job is left out,
 * whatever the reason. Not thread-safe.
 */
public final class ReportBuilder {
    private final Map<String, Entry> cells = new LinkedHashMap<>();

    private static final class Entry {
        final String heading;
        String leftOut;
        int kept;
        final List<String> notes = new ArrayList<>();

        Entry(String heading) {
            this.heading = heading;
        }
    }

    /** Registers a code cell, in notebook order. */
    public void cell(String cellId, String heading) {
        cells.put(cellId, new Entry(heading));
    }

    /** The whole cell is left out, for this reason. */
    public void leftOut(String cellId, String reason) {
        entry(cellId).leftOut = reason;
    }

    /** One more piece of the cell is in the job. */
    public void kept(String cellId) {
        entry(cellId).kept++;
    }

    /** A piece of the cell is in the job, changed as the note says. */
    public void changed(String cellId, String note) {
        entry(cellId).notes.add(note);
    }

    /** A piece of the cell never went into the job, for the reason the note gives. */
    public void dropped(String cellId, String note) {
        entry(cellId).notes.add(note);
    }

    /** A piece that was kept has been taken out again (by a rewrite of the compiled class). */
    public void removed(String cellId, String note) {
        Entry e = entry(cellId);
        e.kept--;
        e.notes.add(note);
    }

    public List<CellReport> build() {
        List<CellReport> out = new ArrayList<>();
        cells.forEach((id, e) -> {
            if (e.leftOut != null) {
                out.add(new CellReport(id, e.heading, CellReport.Disposition.LEFT_OUT, List.of(e.leftOut)));
            } else if (e.kept <= 0) {
                out.add(new CellReport(id, e.heading, CellReport.Disposition.LEFT_OUT,
                        e.notes.isEmpty() ? List.of("no code to run") : e.notes));
            } else if (!e.notes.isEmpty()) {
                out.add(new CellReport(id, e.heading, CellReport.Disposition.CHANGED, e.notes));
            } else {
                out.add(new CellReport(id, e.heading, CellReport.Disposition.KEPT, List.of("kept as written")));
            }
        });
        return out;
    }

    private Entry entry(String cellId) {
        Entry e = cells.get(cellId);
        if (e == null) {
            throw new IllegalArgumentException("not a registered cell: " + cellId);
        }
        return e;
    }
}
