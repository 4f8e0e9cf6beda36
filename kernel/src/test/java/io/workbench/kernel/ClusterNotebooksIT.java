package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.testkit.Python;
import io.workbench.testkit.SharedCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Shipped notebooks run top to bottom in Jupyter's nbclient on our kernel with Spark on the project's two-worker
 * cluster and Kafka on its three nodes ({@link SharedCluster}); their cells hold the oracle checks, so a result that
 * differs from the plain-consumer count fails here as it does on {@code local[*]}. By default the three that the
 * cluster tier promises (getting-started, 02, 03); {@code ./workbench test --all} ({@code -Dcluster.notebooks=all})
 * runs every notebook.
 */
class ClusterNotebooksIT {
    private static final List<String> DEFAULT = List.of("getting-started.ipynb", "02-sales-per-window.ipynb",
            "03-sessions.ipynb");

    @Test
    void theNotebooksRunOnTheClusterWithTheirChecksPassing() throws Exception {
        boolean all = "all".equals(System.getProperty("cluster.notebooks", ""));
        String only = System.getProperty("notebooks", ""); // -Dnotebooks=03: those whose name contains "03"
        List<String> notebooks = new ArrayList<>();
        try (Stream<Path> files = Files.list(TestKernels.repo().resolve("notebooks"))) {
            files.filter(p -> p.toString().endsWith(".ipynb"))
                    .filter(p -> all || DEFAULT.contains(p.getFileName().toString()))
                    .filter(p -> p.getFileName().toString().contains(only)).sorted()
                    .forEach(p -> notebooks.add(p.toString()));
        }
        if (only.isEmpty() && !all) {
            assertEquals(DEFAULT.size(), notebooks.size(), notebooks.toString());
        }
        assertTrue(!notebooks.isEmpty(), "no notebooks selected");
        Path executed = Files.createDirectories(Path.of("target", "executed-notebooks-cluster").toAbsolutePath());
        List<String> args = new ArrayList<>(List.of("run_notebooks.py"));
        args.addAll(notebooks);
        Python.Result r = Python.run(args,
                Map.of("JUPYTER_PATH", TestKernels.kernelsDir().getParent().toString(),
                        "WORKBENCH_SPARK_MASTER", SharedCluster.masterUrl(),
                        "KAFKA_BOOTSTRAP_SERVERS", SharedCluster.bootstrapServers(),
                        "WORKBENCH_STREAMING_CHECKPOINT_DIR",
                        Files.createTempDirectory("cluster-notebook-checkpoints").toString(),
                        "EXECUTED_NOTEBOOKS_DIR", executed.toString()),
                TestKernels.repo().resolve("kernel/src/test/python"), Duration.ofMinutes(all ? 30 : 15));
        System.out.println(r.output());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains(notebooks.size() + " of " + notebooks.size() + " notebooks passed"), r.output());
    }
}
