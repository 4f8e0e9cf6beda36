package io.workbench.jobs.project;

import io.workbench.jobs.CellReport;
import java.util.Locale;

/** The exported project's EXPORT.md: every code cell, kept, changed or left out, and why. */
final class ReportFile {
    private ReportFile() {
    }

    static String render(ExportedJob job) {
        StringBuilder sb = new StringBuilder("# Export report: ").append(job.title()).append("\n\n");
        sb.append("Notebook `").append(job.notebook()).append("`, revision `").append(job.revision())
                .append("`, exported ").append(job.exportedAt()).append(" into `").append(job.mainClass())
                .append("` (workbench ").append(job.workbenchVersion()).append(").\n\n");
        sb.append("Each code cell is **kept** as written, kept but **changed** (each change below), or **left out**.")
                .append(" Markdown cells are prose: their headings name the cells in the class's comments. Lines are")
                .append(" the cell's own, from 1.\n\n");
        sb.append("| Cell | Heading | In the job | Why |\n|---|---|---|---|\n");
        for (CellReport c : job.cells()) {
            sb.append("| `").append(c.cellId()).append("` | ").append(cell(c.heading())).append(" | ")
                    .append(disposition(c.disposition())).append(" | ")
                    .append(cell(String.join("; ", c.notes()))).append(" |\n");
        }
        return sb.toString();
    }

    static String disposition(CellReport.Disposition d) {
        return d.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Text that stays inside one cell of a Markdown table. */
    static String cell(String s) {
        return s.replace("|", "\\|").replaceAll("[\\r\\n]+", " ");
    }
}
