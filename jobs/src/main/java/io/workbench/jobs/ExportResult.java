package io.workbench.jobs;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of one export. On success {@link #project} is the written project and {@link #errors} is empty; on
 * failure nothing was written, {@link #project} is null and {@link #errors} says why, each error at its notebook cell
 * and line where it has one.
 *
 * @param revision  the notebook's revision (docs/jobs.md), or null when the notebook could not be read
 * @param mainClass the generated class, such as {@code jobs.SalesPerWindowJob}, or null when no name was chosen
 * @param cells     what happened to each code cell, in notebook order (empty when the notebook could not be read)
 */
public record ExportResult(Path project, String jobName, String mainClass, String revision,
                           List<JobParameter> parameters, List<CellReport> cells, List<ExportProblem> errors) {
    public ExportResult {
        parameters = List.copyOf(parameters);
        cells = List.copyOf(cells);
        errors = List.copyOf(errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
