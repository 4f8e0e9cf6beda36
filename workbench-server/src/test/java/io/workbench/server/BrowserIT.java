package io.workbench.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The browser tests (web/test, Node's test runner driving Debian's Chromium through playwright-core) against a
 * real server with real kernel JVMs and a real broker. A test may restart the server (same port, home and
 * notebooks) by posting to WORKBENCH_RESTART_URL.
 */
class BrowserIT {
    @Test
    void theBrowserNotebookPassesItsTests() throws Exception {
        Path web = NodeTests.web();
        assertTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "Chromium is missing: ./workbench test installs it");
        try (TestServers s = TestServers.real(1); ServerRestartHook restart = new ServerRestartHook(s)) {
            // The list tests expect the notebooks a fresh checkout ships, and shipped-notebooks.test.mjs runs them.
            try (java.util.stream.Stream<Path> shipped = Files.list(web.resolveSibling("notebooks"))) {
                for (Path nb : shipped.filter(p -> p.toString().endsWith(".ipynb")).toList()) {
                    Files.copy(nb, s.notebooks.resolve(nb.getFileName()));
                }
            }
            // -Dbrowser.tests=test/streams.test.mjs runs one file while working on it; the default is all of them.
            String output = NodeTests.run(java.util.List.of(System.getProperty("browser.tests", "test/").split(",")),
                    java.util.Map.of("WORKBENCH_URL", s.base(), "WORKBENCH_TOKEN", TestServers.TOKEN,
                            "WORKBENCH_NOTEBOOKS_DIR", s.notebooks.toString(), "WORKBENCH_RESTART_URL", restart.url()));
            assertTrue(output.contains("# fail 0") && !output.contains("# pass 0"), output);
        }
    }
}
