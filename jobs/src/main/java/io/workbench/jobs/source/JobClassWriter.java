package io.workbench.jobs.source;

import io.workbench.jobs.analysis.Fragment;
import io.workbench.jobs.analysis.NotebookPlan;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes the job's class from a notebook's plan, in the shape docs/jobs.md gives: the imports, the {@code Params}
 * record, the top-level variables as static fields, the cells' methods and types as static members, {@code main},
 * and {@code run} with the cells' code in order, each cell's code after a comment with its id and heading. Stateless.
 */
public final class JobClassWriter {
    static final String PACKAGE = "jobs";
    private static final String JOB = "io.workbench.job.Job";

    private JobClassWriter() {
    }

    /**
     * @param title    the notebook's first heading, or null
     * @param notebook how the notebook is named in the class's Javadoc
     */
    public static JobSource write(NotebookPlan plan, String className, String title, String notebook, String revision) {
        SourceBuilder out = new SourceBuilder();
        out.line("package " + PACKAGE + ";").line("");
        plan.imports().forEach(out::line);
        out.line("");
        out.line("/** " + Comments.text((title == null ? className : title) + ". Exported from " + notebook
                + ", revision " + revision + ".") + " */");
        out.line("public final class " + className + " {");
        ParamsWriter.write(out, plan.params());
        out.line("");
        out.line("    /** This run, for the cells' methods that start queries ({@code job.start(writer)}). */");
        out.line("    private static " + JOB + " job;");
        if (!plan.fields().isEmpty()) {
            out.line("");
            out.line("    // The notebook's top-level variables.");
            for (NotebookPlan.Field f : plan.fields()) {
                out.line("    static " + f.type() + " " + f.name() + ";", new JobSource.Origin(f.cellId(), f.line()));
            }
        }
        for (NotebookPlan.CellCode cell : plan.cells()) {
            if (!cell.members().isEmpty()) {
                out.line("");
                out.line("    " + header(cell));
                cell.members().forEach(m -> out.fragment("    ", "", m, ""));
            }
        }
        out.line("");
        out.line("    public static void main(String[] args) {");
        out.line("        " + JOB + ".main(args, Params.class, " + className + "::run);");
        out.line("    }");
        out.line("");
        out.line("    static void run(" + JOB + " job, Params params) throws Exception {");
        out.line("        " + className + ".job = job;");
        for (NotebookPlan.Param p : plan.params().list()) {
            out.line("        " + p.name() + " = params." + p.name() + "();");
        }
        for (NotebookPlan.CellCode cell : plan.cells()) {
            if (!cell.run().isEmpty()) {
                out.line("        " + header(cell));
                for (Fragment f : cell.run()) {
                    out.fragment("        ", "", f, "");
                }
            }
        }
        out.line("    }");
        out.line("}");
        return out.build(PACKAGE + "." + className);
    }

    /** {@code // cell sw-05 · The queries}. */
    static String header(NotebookPlan.CellCode cell) {
        return "// cell " + cell.cellId() + (cell.heading().isEmpty() ? "" : " · " + Comments.text(cell.heading()));
    }

    /** The record components, {@code String topic, int partitions}. */
    static String components(List<NotebookPlan.Param> params) {
        return params.stream().map(p -> p.type() + " " + p.name()).collect(Collectors.joining(", "));
    }
}
