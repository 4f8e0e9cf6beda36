package io.workbench.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.process.ChildProcess;
import io.workbench.process.ChildProcessException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Exports notebooks into job projects and compiles them, each export in a JVM of its own (the exporter compiles
 * against Spark's jars, which the server never loads): {@code ExportMain <notebook> --out <dir> --name <job>
 * --classpath <job runtime>}, then {@code javac} into {@code <dir>/target/classes} unless the exporter already
 * wrote them. Blocks; call it off event loops.
 */
public final class JobExports implements Exporter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final JobsConfig config;

    public JobExports(JobsConfig config) {
        this.config = config;
    }

    /** What an export wrote: the project, its report (job.json) and the compiled classes. */
    public record Exported(Path project, Path classes, String revision, String mainClass, JsonNode report) {
    }

    /**
     * Exports {@code notebook} into {@code out} (replaced only on success) and compiles it.
     *
     * @throws JobException.Invalid with the exporter's message (which cell and line) when the notebook cannot be
     *                              exported or does not compile
     */
    @Override
    public Exported export(Path notebook, Path out, String jobName) {
        Path log = out.resolveSibling(out.getFileName() + ".export.log");
        List<String> command = List.of(ChildProcess.javaBin(), "-Xmx768m", "-XX:+UseSerialGC", "-cp",
                config.exporterClasspath(), "io.workbench.jobs.ExportMain", notebook.toString(), "--out", out.toString(),
                "--name", jobName, "--classpath", config.runtimeClasspath());
        int code = run("the exporter for " + jobName, command, log);
        if (code != 0) {
            throw new JobException.Invalid(message(log, "The notebook could not be exported"));
        }
        try {
            JsonNode report = JSON.readTree(out.resolve("job.json").toFile());
            Path classes = out.resolve("target/classes");
            String mainClass = report.path("mainClass").asText();
            if (!Files.exists(classes.resolve(mainClass.replace('.', '/') + ".class"))) {
                compile(out, classes, jobName);
            }
            return new Exported(out, classes, report.path("revision").asText(), mainClass, report);
        } catch (IOException e) {
            throw new JobException.Invalid("The export of " + jobName + " wrote no readable job.json: " + e.getMessage(), e);
        }
    }

    /**
     * What an earlier export wrote in {@code project}.
     *
     * @throws JobException.Invalid when it has no readable job.json
     */
    @Override
    public Exported read(Path project) {
        try {
            JsonNode report = JSON.readTree(project.resolve("job.json").toFile());
            return new Exported(project, project.resolve("target/classes"), report.path("revision").asText(),
                    report.path("mainClass").asText(), report);
        } catch (IOException e) {
            throw new JobException.Invalid("The exported job in " + project + " has no readable job.json: " + e.getMessage(), e);
        }
    }

    private void compile(Path project, Path classes, String jobName) throws IOException {
        Files.createDirectories(classes);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-encoding", "UTF-8", "--release", "17", "-nowarn", "-d", classes.toString(), "-cp", config.runtimeClasspath()));
        try (Stream<Path> sources = Files.walk(project.resolve("src/main/java"))) {
            sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> command.add(p.toString()));
        }
        Path log = project.resolveSibling(project.getFileName() + ".javac.log");
        if (run("javac for " + jobName, command, log) != 0) {
            throw new JobException.Invalid(message(log, "The exported project of " + jobName + " did not compile"));
        }
    }

    private static int run(String name, List<String> command, Path log) {
        try {
            return ChildProcess.runToEnd(new ChildProcess.Spec(name, command, Map.of(), null, log), TIMEOUT);
        } catch (ChildProcessException e) {
            throw new JobException.Invalid(e.getMessage(), e);
        }
    }

    private static String message(Path log, String what) {
        try {
            String text = Files.readString(log).strip();
            return what + ":\n" + (text.length() > 4000 ? text.substring(text.length() - 4000) : text);
        } catch (IOException e) {
            return what + " (no log at " + log + ").";
        }
    }
}
