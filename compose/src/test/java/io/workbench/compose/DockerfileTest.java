package io.workbench.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * compose/Dockerfile, read as text (no engine here to build it): the build stage runs the project's Maven build, the
 * runtime stage starts what ./workbench start starts.
 */
class DockerfileTest {
    private static final String MAIN = "io.workbench.server.launcher.WorkbenchMain";

    record Stage(String from, List<String> instructions) {
        String text() {
            return String.join("\n", instructions);
        }
    }

    /** The stages, each with its instructions (continuation lines joined, comments dropped). */
    static List<Stage> stages() {
        List<String> logical = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Compose.read(Compose.DIR.resolve("Dockerfile")).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
            } else {
                current.append(trimmed);
                logical.add(current.toString().strip());
                current.setLength(0);
            }
        }
        List<Stage> stages = new ArrayList<>();
        for (String instruction : logical) {
            if (instruction.regionMatches(true, 0, "FROM ", 0, 5)) {
                stages.add(new Stage(instruction.substring(5).strip(), new ArrayList<>()));
            } else if (!instruction.isEmpty()) {
                assertFalse(stages.isEmpty(), () -> "an instruction before the first FROM: " + instruction);
                stages.get(stages.size() - 1).instructions().add(instruction);
            }
        }
        return stages;
    }

    @Test
    void theBuildStageRunsTheProjectsMavenBuild() {
        List<Stage> stages = stages();
        assertEquals(2, stages.size(), "a build stage and a runtime stage");
        Stage build = stages.get(0);
        assertTrue(build.from().matches("maven:3-eclipse-temurin-17\\s+(?i:AS)\\s+build"), () -> "build stage: FROM " + build.from());
        assertTrue(build.instructions().stream().anyMatch(i -> i.matches("COPY \\. \\.?/?.*")),
                "the build stage copies the repository (the build context is its root)");
        String mvn = build.instructions().stream().filter(i -> i.startsWith("RUN ") && i.contains("mvn ")).findFirst()
                .orElseThrow(() -> new AssertionError("the build stage does not run mvn"));
        for (String part : List.of("mvn -B -q install", "-DskipTests")) {
            assertTrue(mvn.contains(part), () -> "the build stage's Maven run lacks " + part + ": " + mvn);
        }
        // npm: the web module's build runs it (web/pom.xml).
        assertTrue(Compose.read(Compose.REPO.resolve("web/pom.xml")).contains("<executable>npm</executable>"));
        assertTrue(build.text().contains("npm"), "the build stage installs npm for the web module");
    }

    @Test
    void theRuntimeStageStartsTheServerAsTheWorkbenchScriptDoes() {
        Stage runtime = stages().get(1);
        assertTrue(runtime.from().matches("eclipse-temurin:17-jdk\\b.*"), () -> "runtime stage: FROM " + runtime.from()
                + " (a JDK: kernels run JShell, jobs run javac)");
        String cmd = runtime.instructions().stream().filter(i -> i.startsWith("CMD ") || i.startsWith("ENTRYPOINT "))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("the runtime stage has no CMD"));
        assertTrue(cmd.contains(MAIN + " start"), () -> "the runtime stage's command does not start " + MAIN + " start: " + cmd);

        // The workbench script's start: run_server start, which runs that class with these JVM flags.
        String script = Compose.read(Compose.REPO.resolve("workbench"));
        Matcher runServer = Pattern.compile("(?s)run_server\\(\\)\\s*\\{(.*?)\\n}").matcher(script);
        assertTrue(runServer.find(), "the workbench script has no run_server function");
        String exec = runServer.group(1).lines().filter(l -> l.contains("exec java")).findFirst()
                .orElseThrow(() -> new AssertionError("run_server does not exec java"));
        assertTrue(exec.contains(MAIN), () -> "run_server no longer starts " + MAIN + ": " + exec);
        assertTrue(Pattern.compile("start\\)(?s).*?run_server start").matcher(script).find(),
                "./workbench start no longer runs run_server start");
        Matcher flags = Pattern.compile("(?<=\\s)(-X\\S+|-D\\S+)").matcher(exec.substring(0, exec.indexOf(" -cp ")));
        List<String> jvmFlags = new ArrayList<>();
        while (flags.find()) {
            jvmFlags.add(flags.group(1));
        }
        assertFalse(jvmFlags.isEmpty(), () -> "no JVM flags found in " + exec);
        for (String flag : jvmFlags) {
            assertTrue(cmd.contains(" " + flag + " "), () -> "the workbench script runs the server with " + flag
                    + " but compose/Dockerfile's command does not: " + cmd);
        }
        // run_server installs the kernelspec first; so does the image.
        assertTrue(runServer.group(1).contains("install_kernelspec"));
        assertTrue(cmd.contains("io.workbench.kernel.Kernelspec install --dir"), "the image installs the kernelspec");
    }

    /** The class paths the command reads are the files the module builds write. */
    @Test
    void theCommandsClassPathFilesAreWhatTheBuildWrites() {
        String cmd = stages().get(1).text().replace("\\\"", "\"");
        for (String[] pair : List.of(new String[] {"kernel", "kernel.classpath"},
                new String[] {"workbench-server", "server.classpath"})) {
            assertTrue(cmd.contains(pair[0] + "/target/classes:$(cat \"$WORKBENCH_HOME/" + pair[0] + "/target/" + pair[1]),
                    () -> "the command does not build the " + pair[0] + " class path from " + pair[1]);
            String pom = Compose.read(Compose.REPO.resolve(pair[0]).resolve("pom.xml"));
            assertTrue(pom.contains("<outputFile>${project.build.directory}/" + pair[1] + "</outputFile>"),
                    () -> pair[0] + "/pom.xml no longer writes target/" + pair[1]);
        }
        assertTrue(Files.isRegularFile(Compose.REPO.resolve(
                "workbench-server/src/main/java/io/workbench/server/launcher/WorkbenchMain.java")));
        assertTrue(Files.isRegularFile(Compose.REPO.resolve("kernel/src/main/java/io/workbench/kernel/Kernelspec.java")));
        assertTrue(cmd.contains("ENV WORKBENCH_HOME=/workbench") && cmd.contains("WORKDIR /workbench"));
        assertTrue(cmd.contains("USER 185"), "the runtime runs as uid 185, the Spark image's user, which shares its volumes");
    }
}
