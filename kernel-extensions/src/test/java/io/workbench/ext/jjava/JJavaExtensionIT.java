package io.workbench.ext.jjava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.workbench.config.KafkaKeys;
import io.workbench.config.Settings;
import io.workbench.ext.NotebookRuntime;
import io.workbench.ext.display.MimeBundle;
import io.workbench.protocol.ConnectionInfo;
import io.workbench.protocol.Json;
import io.workbench.protocol.Message;
import io.workbench.protocol.client.Execution;
import io.workbench.protocol.client.KernelClient;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JJava extension in a kernel built on JJava's real BaseKernel ({@link JShellTestKernel}), loaded as a stock
 * JJava 1.0-M3 kernel loads what {@code %maven} brings: the jars join the cells' class path, then JJava's
 * ExtensionLoader finds WorkbenchExtension in META-INF/services. Our classes are not on the kernel's own class
 * path, so the extension's copy of them is not the cells' copy, as in JJava. Cells go over ZeroMQ through our
 * Jupyter client. Spark runs in this JVM; no Kafka broker is needed.
 */
class JJavaExtensionIT {
    private static final Duration CELL_TIMEOUT = Duration.ofMinutes(3);

    private static JShellTestKernel kernel;
    private static JupyterConnection connection;
    private static KernelClient client;

    @BeforeAll
    static void startKernelAndLoadTheExtension() throws Exception {
        JupyterSocket.JUPYTER_LOGGER.setLevel(Level.WARNING);
        List<Path> jars = List.of(codeSource(NotebookRuntime.class), codeSource(Settings.class));
        kernel = new JShellTestKernel(jars);
        ConnectionInfo info = ConnectionInfo.allocate("jjava-test");
        connection = new JupyterConnection(KernelConnectionProperties.parse(Json.MAPPER.writeValueAsString(info)));
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        client = KernelClient.connect(info);

        Execution load = run("%jars " + jars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        assertEquals("ok", load.status(), () -> "loading the extension failed: " + load.iopub());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (client != null) {
                // The runtime belongs to the cells' copy of our classes, so a cell closes it; that stops Spark.
                run("io.workbench.ext.NotebookRuntime.current().close()");
                client.close();
            }
        } finally {
            if (connection != null) {
                connection.close();
                connection.waitUntilClose();
            }
            if (kernel != null) {
                kernel.close();
            }
        }
    }

    @Test
    void sparkCountsThroughTheKernel() throws Exception {
        assertEquals("5", result("spark.range(5).count()"));
    }

    @Test
    void aLambdaWrittenInACellRunsInsideSparkTasks() throws Exception {
        assertEquals("60", result("spark.range(1, 4).map((MapFunction<Long, Long>) x -> x * 10, Encoders.LONG())"
                + ".reduce((ReduceFunction<Long>) Long::sum)"));
    }

    @Test
    void kafkaUsesTheConfiguredBootstrapServers() throws Exception {
        assertEquals(KafkaKeys.bootstrapServers(Settings.load()), result("kafka.bootstrapServers()"));
    }

    @Test
    void displaySendsOurHtmlTableWithItsDisplayId() throws Exception {
        Execution e = ok(run("display(spark.range(3)).id()"));
        JsonNode shown = only(e.iopub("display_data")).content();
        assertTrue(shown.path("data").path(MimeBundle.HTML).asText().contains("<table"), shown::toString);
        assertEquals(e.resultText(), shown.path("transient").path("display_id").asText());
    }

    @Test
    void updateReplacesTheOutputWithTheSameDisplayId() throws Exception {
        Execution e = ok(run("""
                var shown = display(Table.builder("t").column("n", "int").row(1).build());
                shown.update(Table.builder("t").column("n", "int").row(2).build());
                """));
        JsonNode shown = only(e.iopub("display_data")).content();
        JsonNode updated = only(e.iopub("update_display_data")).content();
        assertEquals(shown.path("transient").path("display_id"), updated.path("transient").path("display_id"));
        assertTrue(updated.path("data").path(MimeBundle.HTML).asText().contains("<td>2</td>"), updated::toString);
    }

    @Test
    void aDatasetAsTheCellsValueShowsAsOurTable() throws Exception {
        JsonNode data = only(ok(run("spark.range(3).toDF(\"n\")")).iopub("execute_result")).content().path("data");
        assertTrue(data.path(MimeBundle.HTML).asText().contains("<table"), data::toString);
        assertTrue(data.path(MimeBundle.HTML).asText().contains("<td>2</td>"), data::toString);
        assertTrue(data.has(MimeBundle.TABLE_JSON), data::toString);
        assertTrue(data.path(MimeBundle.TEXT).asText().contains("3 rows"), data::toString);
    }

    @Test
    void aTableAsTheCellsValueShowsAsHtml() throws Exception {
        JsonNode data = only(ok(run("Table.builder(\"t\").column(\"n\", \"int\").row(7).build()"))
                .iopub("execute_result")).content().path("data");
        assertTrue(data.path(MimeBundle.HTML).asText().contains("<td>7</td>"), data::toString);
    }

    @Test
    void clearOutputSaysOnceThatJJavaCannotDoIt() throws Exception {
        Execution e = ok(run("clearOutput(); clearOutput();"));
        String stderr = e.stream("stderr");
        assertTrue(stderr.contains("clearOutput() has no effect in a JJava kernel"), stderr);
        assertEquals(stderr.indexOf("clearOutput()"), stderr.lastIndexOf("clearOutput()"), stderr);
    }

    @Test
    void theRuntimeLivesInTheCellsCopyOfOurClasses() {
        assertThrows(IllegalStateException.class, NotebookRuntime::current);
    }

    @Test
    void installingAgainFromACellReusesTheRuntime() throws Exception {
        String before = result("System.identityHashCode(spark)");
        ok(run("new io.workbench.ext.jjava.WorkbenchExtension().install(getKernelInstance())"));
        assertEquals(before, result("System.identityHashCode(spark)"));
        assertEquals("5", result("spark.range(5).count()"));
    }

    private static Execution run(String code) throws Exception {
        return Execution.start(client, code).await(CELL_TIMEOUT);
    }

    private static Execution ok(Execution e) {
        assertEquals("ok", e.status(), () -> "the cell failed: " + e.iopub());
        return e;
    }

    private static String result(String code) throws Exception {
        Execution e = ok(run(code));
        assertFalse(e.iopub("execute_result").isEmpty(), () -> "no result: " + e.iopub());
        return e.resultText();
    }

    private static Message only(List<Message> messages) {
        assertEquals(1, messages.size(), messages::toString);
        return messages.get(0);
    }

    private static Path codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
