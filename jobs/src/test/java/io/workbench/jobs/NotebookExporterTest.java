package io.workbench.jobs;

import static io.workbench.jobs.TestNotebooks.code;
import static io.workbench.jobs.TestNotebooks.markdown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.jobs.notebook.NotebookReader;
import io.workbench.jobs.notebook.Revision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole exports against the real job runtime: JShell with the notebook's imports, javac on Spark's jars. */
class NotebookExporterTest {
    private static final NotebookExporter EXPORTER = NotebookExporter.create(TestRuntime.jobRuntime());

    @TempDir
    Path tmp;

    @Test
    void exportsAProjectThatCompilesAndSaysWhatBecameOfEachCell() throws Exception {
        Path nb = TestNotebooks.write(tmp, "kitchen-sink.ipynb",
                markdown("m0", "# Kitchen sink\n"),
                code("p", """
                        String topic = "events"; // the topic to read
                        int partitions = 4;
                        Duration window = Duration.ofMinutes(5); // the window
                        String out = topic + "-copy";""", "parameters"),
                code("x", "events.start(ProducerSettings.defaults().topic(topic));", "exploration"),
                markdown("m1", "## Queries"),
                code("q1", """
                        var counts = kafka.events(topic).groupBy(col("event_type")).count();
                        var live = display(counts, "counts");
                        display(live.query());"""),
                code("q2", """
                        StreamingQuery startCopy() throws java.util.concurrent.TimeoutException {
                            return kafka.events(topic).writeStream().format("noop").queryName("copy")
                                    .start();
                        }
                        var copy = startCopy();
                        kafka.events(topic).writeStream().format("noop").toTable(out);"""));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("job.json"), "{}");
        Files.writeString(out.resolve("stale.txt"), "from an earlier export");

        ExportResult r = EXPORTER.export(new ExportRequest(nb, out, null));

        assertEquals(List.of(), r.errors());
        assertEquals(out.toAbsolutePath(), r.project());
        assertEquals("kitchen-sink", r.jobName());
        assertEquals("jobs.KitchenSinkJob", r.mainClass());
        assertEquals(Revision.of(NotebookReader.read(nb)), r.revision());
        assertFalse(Files.exists(out.resolve("stale.txt")), "the earlier export is replaced whole");

        String source = Files.readString(out.resolve("src/main/java/jobs/KitchenSinkJob.java"));
        assertTrue(source.contains("public record Params(String topic, int partitions, Duration window, String out) {"), source);
        assertTrue(source.contains("    static LiveHandle live;\n"), source);
        assertTrue(source.contains("        return job.start(kafka.events(topic).writeStream().format(\"noop\").queryName(\"copy\")\n"), source);
        assertTrue(source.contains("        job.toTable(kafka.events(topic).writeStream().format(\"noop\"), out);\n"), source);
        assertTrue(source.contains("        // cell q1 · Queries\n        counts = kafka.events(topic)"), source);
        assertFalse(source.contains("ProducerSettings"), "the exploration cell is not in the job");

        assertEquals(List.of("p changed", "x left out", "q1 changed", "q2 changed"), r.cells().stream()
                .map(c -> c.cellId() + " " + c.disposition().name().toLowerCase().replace('_', ' ')).toList());
        assertEquals(List.of("line 3: `display(live.query())` shows a StreamingQuery, not a streaming Dataset: left out"),
                r.cells().get(2).notes());
        assertEquals(List.of("line 6: `kafka.events(topic).writeStream().format(\"noop\").toTable(…` runs, but the value"
                        + " it shows in the notebook is not shown in a job",
                "line 3: `writer.start()` becomes `job.start(writer)`, so the run's trigger and checkpoint directory apply",
                "line 6: `writer.toTable(table)` becomes `job.toTable(writer, table)`, so the run's trigger and checkpoint"
                        + " directory apply"), r.cells().get(3).notes());

        JsonNode job = new ObjectMapper().readTree(out.resolve("job.json").toFile());
        assertEquals(r.revision(), job.get("revision").asText());
        assertEquals("jobs.KitchenSinkJob", job.get("mainClass").asText());
        assertEquals(nb.toString(), job.get("notebook").asText());
        JsonNode params = job.get("parameters");
        assertEquals("topic", params.get(0).get("name").asText());
        assertEquals("events", params.get(0).get("default").asText());
        assertEquals("the topic to read", params.get(0).get("doc").asText());
        assertEquals(4, params.get(1).get("default").asInt());
        assertTrue(params.get(2).get("default").isNull());
        assertEquals("Duration.ofMinutes(5)", params.get(2).get("defaultCode").asText());
        assertFalse(job.get("cells").get(1).get("kept").asBoolean());
        assertEquals("tagged exploration", job.get("cells").get(1).get("reason").asText());

        assertTrue(Files.readString(out.resolve("EXPORT.md")).contains("| `x` | Kitchen sink | left out | tagged exploration |"));
        String readme = Files.readString(out.resolve("README.md"));
        assertTrue(readme.contains("| `topic` | String | `\"events\"` | the topic to read |"), readme);
        assertTrue(readme.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), readme);
        String pom = Files.readString(out.resolve("pom.xml"));
        assertTrue(pom.contains("<version>" + r.revision() + "</version>"), pom);
    }

    @Test
    void aCompileErrorNamesTheCellAndLineAndNothingIsWritten() throws Exception {
        Path nb = TestNotebooks.write(tmp, "broken.ipynb",
                code("x", "int hidden = 1;", "exploration"),
                code("k", "int visible = 2;\nint twice() {\n    return hidden * 2;\n}\nSystem.out.println(twice());"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("job.json"), "{\"earlier\": true}");

        ExportResult r = EXPORTER.export(new ExportRequest(nb, out, null));

        // JShell accepts the method until `hidden` exists; javac, compiling the class, does not.
        assertEquals(1, r.errors().size(), r.errors().toString());
        ExportProblem p = r.errors().get(0);
        assertEquals("k", p.cellId());
        assertEquals(3, p.line());
        assertTrue(p.message().startsWith("cannot find symbol\n  symbol:   variable hidden"), p.message());
        assertNull(r.project());
        assertEquals("{\"earlier\": true}", Files.readString(out.resolve("job.json")));
        assertEquals(List.of("broken.ipynb", "out"), names(tmp), "no temporary directory left");
    }

    @Test
    void aNotebookWithNoCodeToRunIsAnError() throws Exception {
        Path onlyExploration = TestNotebooks.write(tmp, "a.ipynb", code("p", "String t = \"x\";", "parameters"),
                code("x", "System.out.println(t);", "exploration"));
        Path onlyDisplays = TestNotebooks.write(tmp, "b.ipynb", code("k", "display(\"only a value\");"));
        for (Path nb : List.of(onlyExploration, onlyDisplays)) {
            ExportResult r = EXPORTER.export(new ExportRequest(nb, tmp.resolve("out"), null));
            assertEquals(1, r.errors().size(), r.errors().toString());
            assertTrue(r.errors().get(0).message().contains("has no code to run"), r.errors().get(0).message());
            assertFalse(Files.exists(tmp.resolve("out")));
        }
    }

    @Test
    void invalidNotebooksAreErrorsAndNothingIsWritten() throws Exception {
        Path out = tmp.resolve("out");
        for (String text : List.of("not json", "{\"nbformat\": 4, \"nbformat_minor\": 5}",
                "{\"nbformat\": 4, \"nbformat_minor\": 5, \"cells\": [{\"id\": \"a\", \"cell_type\": \"code\"}]}")) {
            Path nb = Files.writeString(tmp.resolve("bad.ipynb"), text);
            ExportResult r = EXPORTER.export(new ExportRequest(nb, out, null));
            assertFalse(r.ok());
            assertNull(r.revision());
            assertTrue(r.errors().get(0).message().startsWith(nb.toString()), r.errors().get(0).message());
            assertFalse(Files.exists(out));
        }
        ExportResult missing = EXPORTER.export(new ExportRequest(tmp.resolve("nope.ipynb"), out, null));
        assertTrue(missing.errors().get(0).message().startsWith("Cannot read the notebook"));
        ExportResult badName = EXPORTER.export(new ExportRequest(TestNotebooks.write(tmp, "ok.ipynb", code("a", "1")), out,
                "no/slashes"));
        assertTrue(badName.errors().get(0).message().startsWith("A job's name is"));
        assertFalse(Files.exists(out));
    }

    /** The notebooks a new user has open first: each one graduates to a job without edits. */
    @Test
    void everyShippedNotebookExports() throws Exception {
        Path notebooks = Path.of(System.getProperty("workbench.repo", "..")).resolve("notebooks");
        List<Path> shipped;
        try (Stream<Path> s = Files.list(notebooks)) {
            shipped = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertTrue(shipped.size() >= 6, shipped.toString());
        for (Path nb : shipped) {
            Path out = tmp.resolve("out-" + nb.getFileName());
            ExportResult r = EXPORTER.export(new ExportRequest(nb, out, null));
            assertEquals(List.of(), r.errors(), nb.getFileName().toString());
            assertTrue(Files.isRegularFile(out.resolve("pom.xml")), nb.getFileName().toString());
            assertTrue(r.cells().stream().anyMatch(c -> c.kept()), nb.getFileName() + ": " + r.cells());
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
