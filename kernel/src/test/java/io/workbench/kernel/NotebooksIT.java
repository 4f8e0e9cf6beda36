package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.testkit.Python;
import io.workbench.testkit.SharedBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every notebook in notebooks/ runs top to bottom in Jupyter's nbclient on our kernel; cells hold the checks. */
class NotebooksIT {
    @Test
    void everyNotebookRunsWithoutErrors() throws Exception {
        List<String> notebooks = new ArrayList<>();
        try (Stream<Path> files = Files.list(TestKernels.repo().resolve("notebooks"))) {
            // -Dnotebooks=03 runs only the notebooks whose name contains "03" (while writing one).
            String only = System.getProperty("notebooks", "");
            files.filter(p -> p.toString().endsWith(".ipynb") && p.getFileName().toString().contains(only)).sorted()
                    .forEach(p -> notebooks.add(p.toString()));
        }
        assertFalse(notebooks.isEmpty(), "no notebooks found");
        Path executed = Path.of("target", "executed-notebooks").toAbsolutePath();
        if (Files.isDirectory(executed)) {
            try (Stream<Path> old = Files.list(executed)) {
                for (Path f : old.toList()) {
                    Files.delete(f);
                }
            }
        }
        List<String> args = new ArrayList<>(List.of("run_notebooks.py"));
        args.addAll(notebooks);
        Python.Result r = Python.run(args,
                Map.of("JUPYTER_PATH", TestKernels.kernelsDir().getParent().toString(),
                        "KAFKA_BOOTSTRAP_SERVERS", SharedBroker.bootstrapServers(),
                        // Checkpoints of an earlier run would point at offsets of another broker's topics.
                        "WORKBENCH_STREAMING_CHECKPOINT_DIR", Files.createTempDirectory("notebook-checkpoints").toString(),
                        "EXECUTED_NOTEBOOKS_DIR", executed.toString()),
                TestKernels.repo().resolve("kernel/src/test/python"), Duration.ofMinutes(15));
        System.out.println(r.output());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains(notebooks.size() + " of " + notebooks.size() + " notebooks passed"), r.output());
        Path started = executed.resolve("getting-started.ipynb");
        if (Files.exists(started)) {
            // nbclient only reads the messages of the cell it runs: the live view of gs-18 shows its counts in the
            // stored notebook only because later cells carried its updates.
            com.fasterxml.jackson.databind.JsonNode nb = new com.fasterxml.jackson.databind.ObjectMapper().readTree(started.toFile());
            String live = "";
            for (com.fasterxml.jackson.databind.JsonNode cell : nb.path("cells")) {
                if ("gs-18".equals(cell.path("id").asText())) {
                    live = cell.path("outputs").path(0).path("data").path("text/plain").toString();
                }
            }
            assertTrue(live.contains("purchase") && !live.contains("waiting for the first batch"),
                    "the stored live view was brought up to date: " + live);
        }
    }
}
