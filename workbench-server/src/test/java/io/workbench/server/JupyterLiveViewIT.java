package io.workbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.server.jupyter.JupyterConfig;
import io.workbench.server.jupyter.JupyterProvisioner;
import io.workbench.testkit.SharedBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stock Jupyter Notebook (Debian's jupyter-notebook) runs a notebook on our kernel in a real Chromium, and the
 * live view of a streaming query keeps updating in Jupyter's own page after its cell has finished
 * (web/test-jupyter/live-view.test.mjs).
 */
class JupyterLiveViewIT {
    @Test
    void aLiveViewUpdatesInJupyterNotebooksOwnPage() throws Exception {
        Path web = Path.of(System.getProperty("workbench.repo", "..")).resolve("web").toAbsolutePath().normalize();
        Path home = Files.createTempDirectory("jupyter-live");
        Path notebooks = Files.createDirectories(home.resolve("notebooks"));
        TestServers.installKernelspec(home);
        String topic = "jupyter-live-" + UUID.randomUUID().toString().substring(0, 8);
        Files.writeString(notebooks.resolve("live.ipynb"), """
                {"nbformat": 4, "nbformat_minor": 5,
                 "metadata": {"kernelspec": {"name": "workbench-java", "display_name": "Java (Spark + Kafka)", "language": "java"}},
                 "cells": [
                  {"id": "producer", "cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null,
                   "source": "var p = events.start(ProducerSettings.defaults().topic(\\"%s\\").partitions(1).rate(200).seed(3));\\np.stats().topic()"},
                  {"id": "live", "cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null,
                   "source": "display(kafka.events(\\"%s\\").groupBy(window(col(\\"timestamp\\"), \\"10 seconds\\"), col(\\"event_type\\")).count(), \\"jupyter_live\\");"}
                 ]}
                """.formatted(topic, topic));
        String token = UUID.randomUUID().toString().replace("-", "");
        JupyterConfig config = new JupyterConfig(0, notebooks, home, token, "jupyter-notebook");
        try (JupyterProvisioner jupyter = JupyterProvisioner.start(config, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", SharedBroker.bootstrapServers(),
                "WORKBENCH_STREAMING_CHECKPOINT_DIR", home.resolve("checkpoints").toString()))) {
            String base = jupyter.url().substring(0, jupyter.url().indexOf("/tree"));
            Path log = Files.createTempFile("jupyter-live", ".log");
            ProcessBuilder pb = new ProcessBuilder("node", "--test", "test-jupyter/live-view.test.mjs")
                    .directory(web.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("JUPYTER_URL", base);
            pb.environment().put("JUPYTER_TOKEN", token);
            pb.environment().put("NOTEBOOK", "live.ipynb");
            Process p = pb.start();
            boolean finished = p.waitFor(10, TimeUnit.MINUTES);
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            String output = Files.readString(log);
            System.out.println(output);
            assertTrue(finished, "the Jupyter browser test did not finish in 10 minutes");
            assertEquals(0, p.exitValue(), output);
            assertTrue(output.contains("# fail 0") && output.contains("# pass 2"), output);
        }
    }
}
