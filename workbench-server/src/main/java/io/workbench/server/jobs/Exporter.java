package io.workbench.server.jobs;

import java.nio.file.Path;

/** Turns a notebook into a compiled job project ({@link JobExports} runs the real exporter in a JVM of its own). */
public interface Exporter {
    /**
     * Exports {@code notebook} into {@code out} (replaced only on success) and compiles it; blocks.
     *
     * @throws JobException.Invalid saying which cell and line when it cannot be exported or does not compile
     */
    JobExports.Exported export(Path notebook, Path out, String jobName);

    /** What an earlier export wrote in {@code project}. @throws JobException.Invalid when it is unreadable */
    JobExports.Exported read(Path project);
}
