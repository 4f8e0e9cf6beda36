package io.workbench.jobs.analysis;

import static io.workbench.jobs.TestNotebooks.code;
import static io.workbench.jobs.TestNotebooks.notebook;
import static io.workbench.jobs.analysis.CellAnalyzerTest.where;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.jobs.RuntimeClasspath;
import io.workbench.jobs.TestRuntime;
import io.workbench.jobs.source.JobClassWriter;
import io.workbench.jobs.source.JobSource;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cell tagged parameters, its record and its errors. Each test declares names of its own (one JShell). */
class ParametersTest {
    private static AnalysisShell shell;

    @BeforeAll
    static void start() {
        shell = new AnalysisShell(new RuntimeClasspath(List.of()), TestRuntime.JDK_IMPORTS);
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    private static NotebookPlan plan(ObjectNode... cells) {
        return new CellAnalyzer(shell, TestRuntime.JDK_IMPORTS, "TestJob").analyze(notebook(cells));
    }

    @Test
    void theDeclarationsAreTheParametersAndTheirInitializersTheDefaults() {
        NotebookPlan plan = plan(code("p", """
                String p1topic = "events"; // the topic to read
                int p1partitions = 4;
                long p1max = -5L;
                double p1share = 0.5;
                boolean p1dry = true;
                Integer p1boxed = 3;
                Duration p1window =
                    Duration.ofMinutes(5); // window size
                Instant p1from = Instant.EPOCH;
                LocalDate p1day = LocalDate.of(2026, 1, 1);
                String p1derived = p1topic + "-out";""", "parameters"), code("c", "System.out.println(p1derived);"));
        assertEquals(List.of(), plan.problems());
        NotebookPlan.Params params = plan.params();
        assertEquals("p", params.cellId());
        assertEquals(List.of("String p1topic", "int p1partitions", "long p1max", "double p1share", "boolean p1dry",
                "Integer p1boxed", "Duration p1window", "Instant p1from", "LocalDate p1day", "String p1derived"),
                params.list().stream().map(p -> p.type() + " " + p.name()).toList());
        assertEquals(Arrays.asList("events", 4, -5L, 0.5, true, 3, null, null, null, null),
                params.list().stream().map(NotebookPlan.Param::literal).toList());
        assertEquals("the topic to read", params.list().get(0).doc());
        assertEquals("window size", params.list().get(6).doc());
        assertEquals("", params.list().get(1).doc());
        assertEquals(new Fragment("p", 8, "Duration.ofMinutes(5)"), params.list().get(6).initializer());
        assertEquals(10, plan.fields().size(), "parameters are top-level variables too");

        JobSource source = JobClassWriter.write(plan, "TestJob", "Test", "nb.ipynb", "0123456789ab");
        String text = source.text();
        assertTrue(text.contains("    public record Params(String p1topic, int p1partitions, long p1max, double p1share,"
                + " boolean p1dry, Integer p1boxed, Duration p1window, Instant p1from, LocalDate p1day, String p1derived) {"), text);
        // A parameter given to the run is taken as given; the others' defaults see the given values.
        assertTrue(text.contains("            String p1derived = given.containsKey(\"p1derived\") ? (String) given.get(\"p1derived\")"
                + " : p1topic + \"-out\";\n            return new Params(p1topic,"), text);
        assertTrue(text.contains("        public static Params defaults() {\n            return defaults(java.util.Map.of());"), text);
        assertTrue(text.contains("     * @param p1topic the topic to read\n"), text);
        assertTrue(text.contains("        TestJob.job = job;\n        p1topic = params.p1topic();\n"), text);
        int line = lineOf(text, "            Duration p1window = given.containsKey(\"p1window\") ? (Duration) given.get(\"p1window\")"
                + " : Duration.ofMinutes(5);");
        assertEquals(new JobSource.Origin("p", 8), source.origin(line));
    }

    @Test
    void aParameterOfAnotherTypeIsAnError() {
        NotebookPlan plan = plan(code("p", "String p2 = \"a\";\nList<String> p2list = List.of();", "parameters"));
        assertEquals(List.of("p:2"), where(plan.problems()));
        assertTrue(plan.problems().get(0).message().contains("a parameter can be a String, int, long, double, boolean"),
                plan.problems().get(0).message());
    }

    @Test
    void anythingButDeclarationsIsAnError() {
        NotebookPlan plan = plan(code("p", """
                String p3 = "a";
                System.out.println(p3);
                void p3m() {}
                int p3none;""", "parameters"));
        assertEquals(List.of("p:2", "p:3", "p:4"), where(plan.problems()));
        assertTrue(plan.problems().get(0).message().startsWith("the parameters cell holds declarations only"));
        assertTrue(plan.problems().get(2).message().contains("has no value"), plan.problems().get(2).message());
    }

    @Test
    void aNotebookHasOneParametersCellAndKeepsIt() {
        NotebookPlan plan = plan(code("p", "int p4 = 1;", "parameters"), code("q", "int p4b = 1;", "parameters"),
                code("r", "int p4c = 1;", "parameters", "exploration"));
        assertEquals(List.of("q:0", "r:0"), where(plan.problems()));
        assertTrue(plan.problems().get(0).message().contains("a second cell tagged parameters (the first is p)"));
        assertTrue(plan.problems().get(1).message().startsWith("tagged both parameters and exploration"));
    }

    @Test
    void withoutAParametersCellTheRecordIsEmpty() {
        NotebookPlan plan = plan(code("c", "int p5 = 1;"));
        String text = JobClassWriter.write(plan, "TestJob", null, "nb.ipynb", "0123456789ab").text();
        assertTrue(text.contains("    public record Params() {\n        public static Params defaults() {\n"
                + "            return new Params();"), text);
        assertTrue(text.contains("/** TestJob. Exported from nb.ipynb, revision 0123456789ab. */"), text);
    }

    private static int lineOf(String text, String line) {
        List<String> lines = text.lines().toList();
        int i = lines.indexOf(line);
        assertTrue(i >= 0, () -> "no line \"" + line + "\" in\n" + text);
        return i + 1;
    }
}
