package io.workbench.jobs.source;

import io.workbench.jobs.analysis.NotebookPlan;
import java.util.stream.Collectors;

/**
 * The {@code Params} record: one component per declaration of the parameters cell, and {@code defaults(given)}, which
 * takes the values a run is given and evaluates the cell's initializers of the others in order as locals (so a default
 * can use an earlier parameter, given or not) on the cell's own lines; {@code defaults()} is the notebook's values.
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
        out.line("            return defaults(java.util.Map.of());");
        out.line("        }");
        out.line("");
        out.line("        /**");
        out.line("         * The values of a run: those {@code given} (by name, already of their parameter's type), and the");
        out.line("         * notebook's for the others, evaluated in order after the given ones are known, so that a default");
        out.line("         * using an earlier parameter uses that parameter's value in this run.");
        out.line("         */");
        out.line("        @SuppressWarnings(\"unchecked\")");
        out.line("        public static Params defaults(java.util.Map<String, Object> given) {");
        for (NotebookPlan.Param p : params.list()) {
            out.fragment("            ", p.type() + " " + p.name() + " = given.containsKey(\"" + p.name() + "\") ? ("
                    + p.type() + ") given.get(\"" + p.name() + "\") : ", p.initializer(), ";");
        }
        out.line("            return new Params(" + params.list().stream().map(NotebookPlan.Param::name)
                .collect(Collectors.joining(", ")) + ");");
        out.line("        }");
        out.line("    }");
    }
}
