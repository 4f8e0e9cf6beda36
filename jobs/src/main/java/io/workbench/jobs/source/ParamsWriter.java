package io.workbench.jobs.source;

import io.workbench.jobs.analysis.NotebookPlan;
import java.util.stream.Collectors;

/**
 * The {@code Params} record: one component per declaration of the parameters cell, and {@code defaults()}, which
 * evaluates the cell's initializers in order as locals (so a default can use an earlier parameter) on the cell's own
 * lines.
 */
final class ParamsWriter {
    private ParamsWriter() {
    }

    static void write(SourceBuilder out, NotebookPlan.Params params) {
        if (params.cellId() == null) {
            out.line("    /** The notebook has no cell tagged parameters, so the job has none. */");
            out.line("    public record Params() {");
            out.line("        public static Params defaults() {");
            out.line("            return new Params();");
            out.line("        }");
            out.line("    }");
            return;
        }
        out.line("    /**");
        out.line("     * The cell tagged parameters (" + params.cellId() + "): each value can be overridden per run.");
        if (!params.list().isEmpty()) {
            out.line("     *");
        }
        for (NotebookPlan.Param p : params.list()) {
            out.line("     * @param " + p.name() + " " + Comments.text(p.doc().isEmpty() ? p.type() : p.doc()));
        }
        out.line("     */");
        out.line("    public record Params(" + JobClassWriter.components(params.list()) + ") {");
        out.line("        /** The values the notebook gives them. */");
        out.line("        public static Params defaults() {");
        for (NotebookPlan.Param p : params.list()) {
            out.fragment("            ", p.type() + " " + p.name() + " = ", p.initializer(), ";");
        }
        out.line("            return new Params(" + params.list().stream().map(NotebookPlan.Param::name)
                .collect(Collectors.joining(", ")) + ");");
        out.line("        }");
        out.line("    }");
    }
}
