package io.workbench.jobs.project;

import io.workbench.jobs.CellReport;
import io.workbench.jobs.JobParameter;
import java.time.Instant;
import java.util.List;

/**
 * Everything the exported project's files say about the job.
 *
 * @param notebook the notebook's path as the export was asked for it
 * @param title    the notebook's first heading, or the job's name
 */
public record ExportedJob(String notebook, String title, String revision, Instant exportedAt, String workbenchVersion,
                          JobNames names, String mainClass, List<JobParameter> parameters, List<CellReport> cells,
                          String sourcePath, String source) {
    public ExportedJob {
        parameters = List.copyOf(parameters);
        cells = List.copyOf(cells);
    }
}
