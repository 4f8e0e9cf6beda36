package io.workbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The browser tests (web/test, Node's test runner driving Debian's Chromium through playwright-core) against a
 * real server with real kernel JVMs and a real broker.
 */
class BrowserIT {
    @Test
    void theBrowserNotebookPassesItsTests() throws Exception {
        Path web = Path.of(System.getProperty("workbench.repo", "..")).resolve("web").toAbsolutePath().normalize();
        assertTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "Chromium is missing: ./workbench test installs it");
        try (TestServers s = TestServers.real(1)) {
            // The list tests expect the notebooks a fresh checkout ships, and shipped-notebooks.test.mjs runs them.
            try (java.util.stream.Stream<Path> shipped = Files.list(web.resolveSibling("notebooks"))) {
                for (Path nb : shipped.filter(p -> p.toString().endsWith(".ipynb")).toList()) {
                    Files.copy(nb, s.notebooks.resolve(nb.getFileName()));
                }
            }
            Path log = Files.createTempFile("browser-tests", ".log");
            // -Dbrowser.tests=test/streams.test.mjs runs one file while working on it; the default is all of them.
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("node", "--test", "--test-concurrency=1"));
            command.addAll(java.util.List.of(System.getProperty("browser.tests", "test/").split(",")));
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(web.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("WORKBENCH_URL", s.base());
            pb.environment().put("WORKBENCH_TOKEN", TestServers.TOKEN);
            pb.environment().put("WORKBENCH_NOTEBOOKS_DIR", s.notebooks.toString());
            Process p = pb.start();
            boolean finished = p.waitFor(15, TimeUnit.MINUTES);
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            String output = Files.readString(log);
            System.out.println(output);
            assertTrue(finished, "the browser tests did not finish in 15 minutes");
            assertEquals(0, p.exitValue(), output);
            assertTrue(output.contains("# fail 0") && !output.contains("# pass 0"), output);
        }
    }
}
