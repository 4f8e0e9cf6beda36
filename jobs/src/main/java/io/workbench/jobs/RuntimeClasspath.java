package io.workbench.jobs;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The job runtime's class path, as files: the {@code workbench-job-runtime} jar and everything it runs on. Cells are
 * analysed and the generated class is compiled against it, reading the jars as files; nothing on it is loaded into
 * the exporter's JVM, except the runtime's list of default imports (see the analysis package).
 */
public record RuntimeClasspath(List<Path> entries) {
    /** Where the job runtime's build puts the JVM flags a job needs, in its classes and its jar. */
    public static final String JVM_OPTIONS = "io/workbench/job/job-runtime.jvm-options";

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

    /**
     * The JVM flags the job runtime's build says a job JVM needs (Spark's {@code --add-opens} list on JDK 17), read
     * from {@value #JVM_OPTIONS} in the first entry that has it, a directory or a jar; nothing is loaded.
     *
     * @throws IllegalStateException when no entry has it: the class path is not the job runtime's
     */
    public List<String> jvmOptions() {
        for (Path entry : entries) {
            try {
                String text = null;
                if (Files.isDirectory(entry) && Files.isRegularFile(entry.resolve(JVM_OPTIONS))) {
                    text = Files.readString(entry.resolve(JVM_OPTIONS));
                } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
                    try (JarFile jar = new JarFile(entry.toFile())) {
                        ZipEntry e = jar.getEntry(JVM_OPTIONS);
                        if (e != null) {
                            try (InputStream in = jar.getInputStream(e)) {
                                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                            }
                        }
                    }
                }
                if (text != null) {
                    return List.of(text.strip().split("\\s+"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + JVM_OPTIONS + " in " + entry, e);
            }
        }
        throw new IllegalStateException("No entry of the class path has the job runtime's " + JVM_OPTIONS
                + ": is it the job runtime's (its jar, or job-runtime/target/classes), built by this workbench?");
    }

    @Override
    public String toString() {
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }
}
