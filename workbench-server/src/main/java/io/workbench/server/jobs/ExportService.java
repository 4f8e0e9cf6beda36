package io.workbench.server.jobs;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Exports asked for through the API ({@code POST /api/workbench/exports}): the project is written under the
 * server's exports directory, never to a path the caller names, so a request cannot write outside the workbench's
 * data. Blocks; call it off event loops.
 */
public final class ExportService {
    private final Exporter exports;
    private final Path notebooksDir;
    private final Path exportsDir;

    public ExportService(Exporter exports, Path notebooksDir, Path exportsDir) {
        this.exports = exports;
        this.notebooksDir = notebooksDir;
        this.exportsDir = exportsDir;
    }

    /**
     * @param notebook the notebook's path in the notebooks directory
     * @param name     the job's name, or null for one from the notebook's file name
     * @throws JobException.Invalid for a notebook outside the notebooks directory or one that does not export
     */
    public JobExports.Exported export(String notebook, String name) {
        if (notebook == null || notebook.isBlank()) {
            throw new JobException.Invalid("Name the notebook to export (its path in the notebooks directory).");
        }
        Path nb = notebooksDir.resolve(notebook.startsWith("notebooks/") ? notebook.substring(10) : notebook).normalize();
        if (!nb.startsWith(notebooksDir.normalize()) || !Files.isRegularFile(nb) || !nb.toString().endsWith(".ipynb")) {
            throw new JobException.Invalid("There is no notebook " + notebook + " in the notebooks directory.");
        }
        String job = name != null && !name.isBlank() ? name
                : nb.getFileName().toString().replaceAll("\\.ipynb$", "").replaceAll("[^A-Za-z0-9_-]", "-");
        if (!job.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) {
            throw new JobException.Invalid("A job name is letters, digits, '-' and '_' (at most 64), not '" + job + "'.");
        }
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now());
        return exports.export(nb, exportsDir.resolve(job + "-" + stamp), job);
    }
}
