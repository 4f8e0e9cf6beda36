package io.workbench.jobs;

import java.nio.file.Path;

/**
 * What to export and where.
 *
 * @param notebook the .ipynb file
 * @param out      the project directory to write, replaced only when the export succeeds; null for
 *                 {@code data/exports/<job>}
 * @param jobName  the job's name (letters, digits, '.', '_', '-'), or null to take it from the notebook's file name
 */
public record ExportRequest(Path notebook, Path out, String jobName) {
}
