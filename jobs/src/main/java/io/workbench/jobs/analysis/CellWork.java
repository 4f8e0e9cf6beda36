package io.workbench.jobs.analysis;

import io.workbench.jobs.ExportProblem;
import io.workbench.jobs.notebook.NotebookCell;
import java.util.ArrayList;
import java.util.List;

/**
 * One cell while it is analysed: its lines, what it puts into the class so far, and where its problems and report
 * notes go. Not thread-safe.
 */
final class CellWork {
    final NotebookCell cell;
    final String heading;
    final LineMap lines;
    final List<Fragment> members = new ArrayList<>();
    final List<Fragment> run = new ArrayList<>();
    private final ReportBuilder report;
    private final List<ExportProblem> problems;

    CellWork(NotebookCell cell, String heading, ReportBuilder report, List<ExportProblem> problems) {
        this.cell = cell;
        this.heading = heading;
        this.lines = new LineMap(cell.source());
        this.report = report;
        this.problems = problems;
    }

    String id() {
        return cell.id();
    }

    /** The cell's line (from 1) of an offset in the cell. */
    int line(int offset) {
        return lines.line(Math.max(0, Math.min(offset, Math.max(0, lines.length() - 1))));
    }

    /** A fragment of text that starts where {@code segment} starts in the cell. */
    Fragment fragment(Segment segment, String text) {
        return new Fragment(cell.id(), line(segment.start()), text);
    }

    void problem(int offset, String message) {
        problems.add(ExportProblem.at(cell.id(), line(offset), message));
    }

    void keep(Fragment member, boolean isMember) {
        (isMember ? members : run).add(member);
        report.kept(cell.id());
    }

    /** A piece that is in the job without code of its own in the class body or run (a field, an import). */
    void keptElsewhere() {
        report.kept(cell.id());
    }

    void changed(int offset, String note) {
        report.changed(cell.id(), "line " + line(offset) + ": " + note);
    }

    void dropped(int offset, String note) {
        report.dropped(cell.id(), "line " + line(offset) + ": " + note);
    }

    NotebookPlan.CellCode code() {
        return new NotebookPlan.CellCode(cell.id(), heading, members, run);
    }
}
