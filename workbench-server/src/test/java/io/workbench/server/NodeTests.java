package io.workbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs Node test files of web/ (Chromium through playwright-core) from an integration test. */
final class NodeTests {
    private NodeTests() {
    }

    /** The web module's directory in this checkout. */
    static Path web() {
        return Path.of(System.getProperty("workbench.repo", "..")).resolve("web").toAbsolutePath().normalize();
    }

    /**
     * Runs {@code files} (one at a time) with {@code env}, prints their output and returns it; fails unless they end
     * within {@value #LIMIT_MINUTES} minutes with exit code 0 (every browser test file took 13.5 minutes on a loaded
     * 2-core machine; the limit only ends a run that hangs). A run that does not end is killed with everything it
     * started.
     */
    static final int LIMIT_MINUTES = 30;

    static String run(List<String> files, Map<String, String> env) throws Exception {
        Path log = Files.createTempFile("node-tests", ".log");
        List<String> command = new ArrayList<>(List.of("node", "--test", "--test-concurrency=1"));
        command.addAll(files);
        ProcessBuilder pb = new ProcessBuilder(command).directory(web().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        boolean finished = p.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println(output);
        assertTrue(finished, files + " did not finish in " + LIMIT_MINUTES + " minutes:\n" + output);
        assertEquals(0, p.exitValue(), output);
        return output;
    }
}
