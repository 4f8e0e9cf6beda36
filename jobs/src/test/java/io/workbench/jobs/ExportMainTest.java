package io.workbench.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ExportMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void usageErrorsExit2() {
        assertEquals(2, run());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("which notebook?"));
        assertEquals(2, run("nb.ipynb"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("the job runtime's class path is needed"));
        assertEquals(2, run("nb.ipynb", "--classpath", "/no/such.jar"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("names files that do not exist: [/no/such.jar]"));
        assertEquals(2, run("nb.ipynb", "--out"));
        assertEquals(2, run("a.ipynb", "b.ipynb", "--classpath", "x"));
    }

    @Test
    void theJobsModeAndScheduleAreCheckedBeforeAnything() {
        assertEquals(2, run("nb.ipynb", "--classpath", "x", "--mode", "hourly"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--mode is continuous, scheduled or once, not 'hourly'"));
        assertEquals(2, run("nb.ipynb", "--classpath", "x", "--mode", "scheduled"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("a scheduled job needs --cron with 5 fields"));
        assertEquals(2, run("nb.ipynb", "--classpath", "x", "--mode", "scheduled", "--cron", "* * * *"));
        assertEquals(2, run("nb.ipynb", "--classpath", "x", "--mode", "scheduled", "--cron", "0 * * * *",
                "--time-zone", "Mars/Olympus"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("'Mars/Olympus' is not a time zone"));
        assertEquals(2, run("nb.ipynb", "--classpath", "x", "--cron", "0 * * * *"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--cron and --time-zone are for scheduled jobs"));
        assertEquals(2, run("nb.ipynb", "--classpath", "x", "--restart-max-attempts", "five"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--restart-max-attempts takes a whole number"));
    }

    @Test
    void theDeploymentReachesTheRequest() throws Exception {
        ExportMain.ExportArgs a = ExportMain.ExportArgs.parse(new String[] {"nb.ipynb", "--classpath", "x", "--mode",
                "scheduled", "--cron", " */5 * * * * ", "--time-zone", "Europe/Paris", "--restart-max-attempts", "3",
                "--restart-initial-delay-seconds", "7"});
        assertEquals(new Deployment(Deployment.Mode.SCHEDULED, "*/5 * * * *", "Europe/Paris",
                new Deployment.Restarts(3, java.time.Duration.ofSeconds(7))), a.request().deployment());
        assertEquals(Deployment.unknown(), ExportMain.ExportArgs.parse(new String[] {"nb.ipynb", "--classpath", "x"})
                .request().deployment());
    }

    @Test
    void aNotebookThatCannotBeExportedExits1WithItsProblems(@TempDir Path tmp) throws Exception {
        Path nb = Files.writeString(tmp.resolve("bad.ipynb"), "{\"nbformat\": 4, \"cells\": 3}");
        Path cp = Files.writeString(tmp.resolve("runtime.classpath"), System.getProperty("export.runtime.jar"));
        assertEquals(1, run(nb.toString(), "--classpath-file", cp.toString(), "--out", tmp.resolve("out").toString()));
        assertEquals(nb + ": " + nb + " has no cells array\nNot exported: nothing was written.\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals(1, run(nb.toString(), "--classpath-file", cp.toString(), "--json"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("{\"ok\":false,\"project\":null,"), out.toString());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"errors\":[{\"cellId\":null,\"line\":0,\"message\":"));
    }
}
