package io.workbench.jobs;

import java.nio.file.Path;

/**
 * What to export and where.
 *
 * @param notebook   the .ipynb file
 * @param out        the project directory to write, replaced only when the export succeeds; null for
 *                   {@code data/exports/<job>}
 * @param jobName    the job's name (letters, digits, '.', '_', '-'), or null to take it from the notebook's file name
 * @param deployment how the job is meant to run, which decides the orchestrator files written with the project
 */
public record ExportRequest(Path notebook, Path out, String jobName, Deployment deployment) {
    public ExportRequest {
        if (deployment == null) {
            deployment = Deployment.unknown();
        }
    }

    /** An export that does not know how the job will run: the orchestrator files of every mode are written. */
    public ExportRequest(Path notebook, Path out, String jobName) {
        this(notebook, out, jobName, Deployment.unknown());
    }
}
