package io.workbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A two-cell notebook (a parameters cell with {@code String topic}, then the query cell) exported as a job with the
 * real exporter (ExportMain) and compiled with javac, and the command line that runs it once, as the server's job
 * launcher would. Shared by the benchmarks that run job JVMs (P7, metrics cost).
 */
final class ExportedJob {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path project;
    private final String runtimeCp;
    private final List<String> jvmFlags;

    private ExportedJob(Path project, String runtimeCp, List<String> jvmFlags) {
        this.project = project;
        this.runtimeCp = runtimeCp;
        this.jvmFlags = jvmFlags;
    }

    /**
     * Writes the notebook {@code name} under {@code home}, exports and compiles it; logs go to {@code home}.
     *
     * @throws IllegalStateException when the export or javac fails
     */
    static ExportedJob export(Path home, String name, String queryCell, String exporterCp, String runtimeCp,
                              List<String> jvmFlags) throws Exception {
        Path nb = home.resolve("notebooks/" + name + ".ipynb");
        Files.createDirectories(nb.getParent());
        Map<String, Object> params = cell(name + "-params", "String topic = \"events\"; // the topic to read\n",
                List.of("parameters"));
        Map<String, Object> query = cell(name + "-query", queryCell, List.of());
        Files.writeString(nb, JSON.writeValueAsString(Map.of("nbformat", 4, "nbformat_minor", 5,
                "metadata", Map.of("kernelspec", Map.of("name", "workbench-java", "display_name", "Java", "language", "java")),
                "cells", List.of(params, query))));
        Path out = home.resolve(name + "-job");
        run(home, List.of(javaBin(), "-cp", exporterCp, "io.workbench.jobs.ExportMain", nb.toString(), "--out",
                out.toString(), "--name", name, "--classpath", runtimeCp), "the export");
        Path classes = Files.createDirectories(out.resolve("target/classes"));
        List<String> javac = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-nowarn", "-d", classes.toString(), "-cp", runtimeCp));
        try (var files = Files.walk(out.resolve("src/main/java"))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> javac.add(f.toString()));
        }
        run(home, javac, "javac");
        return new ExportedJob(out, runtimeCp, jvmFlags);
    }

    /** The command that runs the job once (Trigger.AvailableNow) as run {@code runName} on {@code topic}. */
    List<String> onceCommand(String runName, String topic, Path statusFile, Path checkpointDir) throws Exception {
        String mainClass = JSON.readTree(project.resolve("job.json").toFile()).path("mainClass").asText();
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx2g"));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", project.resolve("target/classes") + File.pathSeparator + runtimeCp, mainClass,
                "--job", runName, "--mode", "once", "--param", "topic=" + topic, "--status-file", statusFile.toString(),
                "--checkpoint-dir", checkpointDir.toString()));
        return command;
    }

    private static Map<String, Object> cell(String id, String source, List<String> tags) {
        return Map.of("cell_type", "code", "id", id, "source", source, "metadata", Map.of("tags", tags), "outputs", List.of(),
                "execution_count", 0);
    }

    private static void run(Path home, List<String> command, String what) throws Exception {
        Path log = home.resolve(what.replace(' ', '-') + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(what + " failed; see " + log);
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
