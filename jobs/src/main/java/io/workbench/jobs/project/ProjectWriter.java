package io.workbench.jobs.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes an exported project into place all at once: the files go to a temporary directory next to the target,
 * which then takes the target's place by renames. A reader sees the old project or the new one, never a mix, and a
 * failure leaves the old one as it was. An existing target is replaced only when it is empty or an earlier export
 * (it has a job.json), so a mistyped {@code --out} cannot delete someone's directory.
 */
public final class ProjectWriter {
    private ProjectWriter() {
    }

    /**
     * The project's files by relative path, in the order they are written: the Maven project, its README, report
     * and job.json, the job's class, and what runs it under another orchestrator ({@code run/spark-submit.sh}, the
     * Spark operator's manifests under {@code k8s/}).
     */
    public static Map<String, String> files(ExportedJob job) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml", PomFile.render(job));
        files.put("README.md", ReadmeFile.render(job));
        files.put("EXPORT.md", ReportFile.render(job));
        files.put("job.json", JobJson.render(job));
        files.put(job.sourcePath(), job.source());
        files.put(SparkSubmitScript.PATH, SparkSubmitScript.render(job));
        files.putAll(SparkOperatorManifests.render(job));
        return files;
    }

    /**
     * @throws IOException when the files cannot be written, or the target exists and is not a project to replace
     */
    public static Path write(Path target, Map<String, String> files) throws IOException {
        Path dir = target.toAbsolutePath().normalize();
        if (Files.exists(dir) && !replaceable(dir)) {
            throw new IOException(dir + " exists and is not an exported project (it has no job.json): choose another"
                    + " output directory, or remove it.");
        }
        Path parent = Files.createDirectories(dir.getParent());
        Path tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".export-");
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path file = tmp.resolve(f.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, f.getValue());
                if (f.getKey().endsWith(".sh")) {
                    executable(file);
                }
            }
            if (Files.exists(dir)) {
                Path old = parent.resolve("." + dir.getFileName() + ".old-" + UUID.randomUUID());
                move(dir, old);
                try {
                    move(tmp, dir);
                } catch (IOException e) {
                    move(old, dir);
                    throw e;
                }
                delete(old);
            } else {
                move(tmp, dir);
            }
            return dir;
        } finally {
            delete(tmp);
        }
    }

    private static boolean replaceable(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return Files.isRegularFile(dir.resolve("job.json")) || entries.findAny().isEmpty();
        }
    }

    private static void executable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the script runs with "bash run/…".
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
