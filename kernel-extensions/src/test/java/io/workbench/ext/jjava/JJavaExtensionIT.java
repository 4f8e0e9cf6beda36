package io.workbench.ext.jjava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.workbench.config.KafkaKeys;
import io.workbench.config.Settings;
import io.workbench.ext.runtime.NotebookRuntime;
import io.workbench.ext.display.MimeBundle;
import io.workbench.protocol.ConnectionInfo;
import io.workbench.protocol.Json;
import io.workbench.protocol.Message;
import io.workbench.protocol.client.Execution;
import io.workbench.protocol.client.KernelClient;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JJava extension in a kernel built on JJava's real BaseKernel from jjava-jupyter ({@link JShellTestKernel}),
 * started as JJava 1.0-a6 and 1.0-a7 start with {@code JJAVA_CLASSPATH}: BaseKernel's onStartup, then the jars join
 * the cells' class path and BaseKernel's installExtensions finds WorkbenchExtension in META-INF/services, all
 * before the kernel connects. Our classes are not on the kernel's own class path, so the test's copy of them is
 * not the cells' copy, as in JJava. Cells go over ZeroMQ through our Jupyter client; display output goes through
 * JJava's DisplayStream and IOPub. Spark runs in this JVM; no Kafka broker is needed.
 */
class JJavaExtensionIT {
    private static final Duration CELL_TIMEOUT = Duration.ofMinutes(3);
    private static final String LIVE_JSON = "application/vnd.workbench.live+json";

    private static Path home;
    private static JShellTestKernel kernel;
    private static JupyterConnection connection;
    private static KernelClient client;

    @BeforeAll
    static void startKernelWithTheRuntimeOnItsClassPath() throws Exception {
        // Checkpoints and Spark's warehouse go under the workbench home: a fresh one, so no query resumes.
        home = Files.createTempDirectory("jjava-extension-it");
        System.setProperty("workbench.home", home.toString());
        List<Path> jars = List.of(codeSource(NotebookRuntime.class), codeSource(Settings.class));
        kernel = new JShellTestKernel(jars);
        kernel.onStartup();
        kernel.addToClasspath(jars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));

        ConnectionInfo info = ConnectionInfo.allocate("jjava-test");
        connection = new JupyterConnection(KernelConnectionProperties.parse(Json.MAPPER.writeValueAsString(info)));
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        client = KernelClient.connect(info);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (client != null) {
                // The runtime belongs to the cells' copy of our classes, so a cell closes it; that stops Spark.
                run("io.workbench.ext.runtime.NotebookRuntime.current().close()");
                client.close();
            }
        } finally {
            if (connection != null) {
                closeWithin(connection, Duration.ofSeconds(20));
            }
            if (kernel != null) {
                kernel.onShutdown(false);
                kernel.close();
            }
            System.clearProperty("workbench.home");
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Closes JJava's connection, giving up after {@code limit}: JeroMQ's I/O thread can die of one of its own
     * assertions ({@code SessionBase.pipeTerminated}, with -ea) while sockets close, and then terminating its
     * context waits forever. The tests are over by then; a hung teardown must not hold up the whole build.
     */
    private static void closeWithin(JupyterConnection c, Duration limit) throws InterruptedException {
        Thread closer = new Thread(() -> {
            try {
                c.close();
                c.waitUntilClose();
            } catch (Exception e) {
                System.err.println("JJavaExtensionIT: closing JJava's connection failed: " + e);
            }
        }, "jjava-connection-close");
        closer.setDaemon(true);
        closer.start();
        closer.join(limit.toMillis());
        if (closer.isAlive()) {
            System.err.println("JJavaExtensionIT: JJava's connection did not close within " + limit + "; left to exit with the JVM");
        }
    }

    @Test
    void jjavasServiceLoaderInstalledTheCellsCopyOfTheExtension() {
        Extension extension = kernel.installedExtensions().get(WorkbenchExtension.class.getName());
        assertTrue(extension != null, () -> "installed: " + kernel.installedExtensions().keySet());
        assertSame(kernel.getClassLoader(), extension.getClass().getClassLoader());
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

    /**
     * A streaming Dataset's live view: one display_data, then update_display_data with the same display_id as
     * micro-batches arrive, all through JJava's display stream. JJava only publishes while a cell runs, so the
     * cell waits on its query.
     */
    @Test
    void aLiveViewUpdatesWhileItsCellRuns() throws Exception {
        Execution e = ok(run("""
                var live = display(spark.readStream().format("rate").option("rowsPerSecond", "20").load(), "jjava_rate");
                // Wait for batches with rows, not for a fixed time: a loaded machine starts Spark's first batch late.
                long until = System.currentTimeMillis() + 120_000;
                while (java.util.Arrays.stream(live.query().recentProgress()).filter(p -> p.numInputRows() > 0).count() < 4
                        && System.currentTimeMillis() < until) Thread.sleep(200);
                Thread.sleep(600); // the view's trailing update (at most four a second)
                live.stop();
                """));
        JsonNode shown = only(e.iopub("display_data")).content();
        String id = shown.path("transient").path("display_id").asText();
        assertFalse(id.isEmpty(), shown::toString);
        assertTrue(shown.path("data").has(LIVE_JSON), shown::toString);

        List<Long> rows = new ArrayList<>();
        for (Message m : e.iopub("update_display_data")) {
            assertEquals(id, m.content().path("transient").path("display_id").asText(), m::toString);
            rows.add(m.content().path("data").path(LIVE_JSON).path("totalRows").asLong());
        }
        assertTrue(rows.size() >= 3, () -> "updates (total rows of each): " + rows);
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i) >= rows.get(i - 1), () -> "the view lost rows: " + rows);
        }
        assertTrue(rows.stream().distinct().count() >= 3, () -> "the view did not grow batch by batch: " + rows);
        JsonNode last = e.iopub("update_display_data").get(rows.size() - 1).content().path("data");
        assertTrue(last.path(MimeBundle.HTML).asText().contains("jjava_rate"), last::toString);
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
        ok(run("new io.workbench.ext.jjava.WorkbenchExtension().install(kernel())"));
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
