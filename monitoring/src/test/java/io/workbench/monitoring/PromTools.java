package io.workbench.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's promtool (package prometheus) and amtool (package prometheus-alertmanager), run as processes. A missing
 * tool fails the test with what to do: these checks are the point of the module, so they are never skipped.
 */
final class PromTools {
    private static final long TIMEOUT_SECONDS = 120;

    /** A finished run: its exit code and its stdout and stderr, interleaved. */
    record Run(List<String> command, int exitCode, String output) {
        /** Fails unless the tool exited 0, with the tool's own words. */
        Run assertSucceeded() {
            assertEquals(0, exitCode, String.join(" ", command) + " failed:\n" + output);
            return this;
        }
    }

    private PromTools() {
    }

    static Run promtool(Path workDir, String... args) {
        return run("promtool", "prometheus", workDir, args);
    }

    static Run amtool(Path workDir, String... args) {
        return run("amtool", "prometheus-alertmanager", workDir, args);
    }

    private static Run run(String tool, String debianPackage, Path workDir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(find(tool, debianPackage).toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            // Output is small; reading it to the end before waiting cannot block the tool.
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s:\n" + output);
            }
            return new Run(command, process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path find(String tool, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "");
        List<Path> candidates = new ArrayList<>();
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, tool));
            }
        }
        candidates.add(Path.of("/usr/bin", tool));
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail(tool + " is not installed (Debian package " + debianPackage + "). Run ./workbench test once: it"
                + " installs it (apt-get install " + debianPackage + "), and the monitoring tests need it.");
    }
}
