package io.workbench.jobs;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The job runtime's class path, as files: the {@code workbench-job-runtime} jar and everything it runs on. Cells are
 * analysed and the generated class is compiled against it, reading the jars as files; nothing on it is loaded into
 * the exporter's JVM, except the runtime's list of default imports (see the analysis package).
 */
public record RuntimeClasspath(List<Path> entries) {
    public RuntimeClasspath {
        entries = List.copyOf(entries);
    }

    /** Entries separated by the platform's path separator (':' here), blanks ignored. */
    public static RuntimeClasspath parse(String classpath) {
        List<Path> out = new ArrayList<>();
        for (String entry : classpath.strip().split("[" + File.pathSeparator + "\\n\\r]+")) {
            if (!entry.isBlank()) {
                out.add(Path.of(entry.strip()));
            }
        }
        return new RuntimeClasspath(out);
    }

    /** A class path file such as the one {@code maven-dependency-plugin:build-classpath} writes. */
    public static RuntimeClasspath fromFile(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    /** This class path followed by {@code other}'s entries. */
    public RuntimeClasspath plus(RuntimeClasspath other) {
        List<Path> all = new ArrayList<>(entries);
        all.addAll(other.entries);
        return new RuntimeClasspath(all);
    }

    /** The entries that do not exist, which a compile would silently skip. */
    public List<Path> missing() {
        return entries.stream().filter(p -> !Files.exists(p)).toList();
    }

    @Override
    public String toString() {
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }
}
