package io.workbench.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.server.launcher.JupyterConfig;
import io.workbench.server.launcher.JupyterNotebookServer;
import io.workbench.testkit.SharedBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Stock Jupyter Notebook (Debian's classic Notebook 6), started as {@code ./workbench jupyter} starts it, runs a
 * notebook on our kernel in a real Chromium, and the live view of a streaming query keeps updating in Jupyter's
 * own page after its cell has finished (web/test-jupyter/live-view.test.mjs says how exactly).
 */
class JupyterLiveViewIT {
    private static final String KERNEL_MAIN = "io.workbench.kernel.KernelMain";

    @Test
    void aLiveViewKeepsUpdatingInJupyterNotebooksOwnPage() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "Chromium is missing: ./workbench test installs it");
        Path home = Files.createTempDirectory("jupyter-live-it");
        Path notebooks = Files.createDirectories(home.resolve("notebooks"));
        TestServers.installKernelspec(home);
        String topic = "jupyter-live-" + UUID.randomUUID().toString().substring(0, 8);
        Files.writeString(notebooks.resolve("live.ipynb"), notebook(topic));
        String token = UUID.randomUUID().toString().replace("-", "");

        JupyterNotebookServer jupyter = JupyterNotebookServer.start(new JupyterConfig(0, notebooks, home, token, "jupyter-notebook"),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", SharedBroker.bootstrapServers(),
                        "WORKBENCH_STREAMING_CHECKPOINT_DIR", home.resolve("checkpoints").toString()));
        List<ProcessHandle> kernels = new ArrayList<>();
        try {
            String output = NodeTests.run(List.of("test-jupyter/live-view.test.mjs"), Map.of(
                    "JUPYTER_URL", jupyter.url().substring(0, jupyter.url().indexOf("/tree")), "JUPYTER_TOKEN", token,
                    "NOTEBOOK", "live.ipynb"));
            assertTrue(output.contains("# fail 0") && output.contains("# pass 3"), output);
        } finally {
            // Jupyter keeps the notebook's kernel running until it stops itself.
            jupyter.process().descendants().filter(h -> commandLine(h).contains(KERNEL_MAIN)).forEach(kernels::add);
            jupyter.close();
            for (ProcessHandle kernel : kernels) {
                try {
                    kernel.onExit().get(30, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    // reported below, unless the test already failed
                }
            }
        }
        assertFalse(kernels.isEmpty(), "Jupyter ran the notebook on a workbench kernel JVM");
        assertTrue(kernels.stream().noneMatch(ProcessHandle::isAlive), "kernel JVMs survived Jupyter");
    }

    /** Cells as the browser test expects them: a producer, the live view of a windowed count, a 30 s sleep. */
    private static String notebook(String topic) throws java.io.IOException {
        List<String> sources = List.of(
                "var p = events.start(ProducerSettings.defaults().topic(\"" + topic + "\").partitions(1).rate(200).seed(3));",
                "display(kafka.events(\"" + topic + "\").groupBy(window(col(\"timestamp\"), \"10 seconds\"), col(\"event_type\"))"
                        + ".count(), \"jupyter_live\");",
                "Thread.sleep(30_000);");
        ObjectMapper json = new ObjectMapper();
        ObjectNode nb = json.createObjectNode().put("nbformat", 4).put("nbformat_minor", 5);
        nb.putObject("metadata").putObject("kernelspec").put("name", "workbench-java")
                .put("display_name", "Java (Spark + Kafka)").put("language", "java");
        ArrayNode cells = nb.putArray("cells");
        for (int i = 0; i < sources.size(); i++) {
            ObjectNode cell = cells.addObject().put("id", "cell-" + i).put("cell_type", "code").put("source", sources.get(i));
            cell.putObject("metadata");
            cell.putArray("outputs");
            cell.putNull("execution_count");
        }
        return json.writeValueAsString(nb);
    }

    /** The whole command line; ProcessHandle.Info leaves out long argument lists. */
    private static String commandLine(ProcessHandle h) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + h.pid() + "/cmdline"))).replace('\0', ' ');
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
