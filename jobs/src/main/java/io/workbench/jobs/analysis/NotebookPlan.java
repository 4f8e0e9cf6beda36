package io.workbench.jobs.analysis;

import io.workbench.jobs.ExportProblem;
import java.util.List;

/**
 * A notebook taken apart for its Java class: hoisted imports, the parameters, the top-level variables that become
 * fields, and per kept cell its members (methods, nested types) and the code that runs in {@code run}, each piece
 * tied to its cell and line. When {@link #problems} is not empty the notebook cannot be exported as it is.
 *
 * @param imports the default imports, then those of the cells, without duplicates
 * @param params  the cell tagged parameters, or {@link Params#NONE}
 */
public record NotebookPlan(List<String> imports, Params params, List<Field> fields, List<CellCode> cells,
                           ReportBuilder report, List<ExportProblem> problems) {

    /** A top-level variable: a static field of its inferred type, declared first at that cell and line. */
    public record Field(String name, String type, String cellId, int line) {
    }

    /** What one kept cell puts into the class: members in the class body, code in {@code run}, in cell order. */
    public record CellCode(String cellId, String heading, List<Fragment> members, List<Fragment> run) {
    }

    /** One declaration of the parameters cell; its initializer is the default. */
    public record Param(String name, String type, Fragment initializer, Object literal, String doc) {
    }

    /** The parameters cell: its id and declarations, in order. */
    public record Params(String cellId, List<Param> list) {
        public static final Params NONE = new Params(null, List.of());
    }

    public NotebookPlan {
        imports = List.copyOf(imports);
        fields = List.copyOf(fields);
        cells = List.copyOf(cells);
        problems = List.copyOf(problems);
    }

    /** Whether any kept cell has code for {@code run}; a job with none has nothing to do. */
    public boolean hasCodeToRun() {
        return cells.stream().anyMatch(c -> !c.run().isEmpty());
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
