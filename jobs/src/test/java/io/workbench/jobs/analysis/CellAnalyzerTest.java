package io.workbench.jobs.analysis;

import static io.workbench.jobs.TestNotebooks.code;
import static io.workbench.jobs.TestNotebooks.notebook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.jobs.CellReport;
import io.workbench.jobs.ExportProblem;
import io.workbench.jobs.RuntimeClasspath;
import io.workbench.jobs.TestRuntime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cells taken apart by a JShell session on the JDK alone. The session is shared by the tests (each starts in about a
 * second), so each test declares names of its own.
 */
class CellAnalyzerTest {
    private static AnalysisShell shell;

    @BeforeAll
    static void start() {
        shell = new AnalysisShell(new RuntimeClasspath(List.of()), TestRuntime.JDK_IMPORTS);
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    static NotebookPlan plan(ObjectNode... cells) {
        return new CellAnalyzer(shell, TestRuntime.JDK_IMPORTS, "TestJob").analyze(notebook(cells));
    }

    @Test
    void sortsEachSnippetByItsKindAndKeepsItsLines() {
        NotebookPlan plan = plan(code("c1", """
                import java.nio.file.*;
                /** Doubles. */
                int twice(int x) { return 2 * x; }
                record Point(int x, int y) {}
                class Counter { int n; }
                int k1a = twice(2);
                System.out.println(k1a);
                k1a"""), code("c2", "import java.nio.file.*;\nimport java.util.*;"));
        assertEquals(List.of(), plan.problems());
        assertEquals(List.of("import java.util.*;", "import java.time.*;", "import java.nio.file.*;"), plan.imports());
        NotebookPlan.CellCode c1 = plan.cells().get(0);
        assertEquals(List.of("/** Doubles. */\nstatic int twice(int x) { return 2 * x; }", "record Point(int x, int y) {}",
                "static class Counter { int n; }"), c1.members().stream().map(Fragment::text).toList());
        assertEquals(List.of(2, 4, 5), c1.members().stream().map(Fragment::firstLine).toList());
        assertEquals(List.of("k1a = twice(2);", "System.out.println(k1a);"), c1.run().stream().map(Fragment::text).toList());
        assertEquals(List.of(6, 7), c1.run().stream().map(Fragment::firstLine).toList());
        assertEquals(List.of(new NotebookPlan.Field("k1a", "int", "c1", 6)), plan.fields());
        CellReport r1 = plan.report().build().get(0);
        assertEquals(CellReport.Disposition.CHANGED, r1.disposition());
        assertEquals(List.of("line 8: only shows a value (`k1a`): left out"), r1.notes());
        assertEquals(CellReport.Disposition.KEPT, plan.report().build().get(1).disposition());
    }

    @Test
    void variablesBecomeFieldsOfTheTypesJShellInfers() {
        NotebookPlan plan = plan(code("c1", """
                var k2m = new HashMap<Integer, Long>();
                var k2l = List.of("a");
                var k2d = Duration.ofSeconds(1);
                LocalDate k2date = LocalDate.EPOCH;
                var k2arr = new String[] {"x"};"""));
        assertEquals(List.of(), plan.problems());
        assertEquals(List.of("HashMap<Integer,Long> k2m", "List<String> k2l", "Duration k2d", "LocalDate k2date",
                "String[] k2arr"), plan.fields().stream().map(f -> f.type() + " " + f.name()).toList());
        assertEquals("k2m = new HashMap<Integer, Long>();", plan.cells().get(0).run().get(0).text());
    }

    @Test
    void aTypeJavaCannotWriteIsAnErrorAtItsCellAndLine() {
        NotebookPlan plan = plan(code("c1", "int k3a = 1;\nvar k3x = true ? 1 : \"s\";"),
                code("c2", "\n\nvar k3o = new Object() { int n; };"));
        assertEquals(List.of("c1:2", "c2:3"), where(plan.problems()));
        assertTrue(plan.problems().get(0).message().contains("the type of `k3x` cannot be written in Java"),
                plan.problems().get(0).message());
        assertTrue(plan.problems().get(1).message().endsWith("give it an explicit type."), plan.problems().get(1).message());
    }

    @Test
    void aVariableDeclaredAgainWithItsTypeIsAssigned() {
        NotebookPlan plan = plan(code("c1", "String k4 = \"a\";"), code("c2", "// again\nString k4 = \"b\";"));
        assertEquals(List.of(), plan.problems());
        assertEquals(1, plan.fields().size());
        assertEquals("// again\nk4 = \"b\";", plan.cells().get(1).run().get(0).text());
        assertEquals(List.of("line 2: `k4` declared again with the same type (String): an assignment"),
                plan.report().build().get(1).notes());
    }

    @Test
    void aVariableDeclaredAgainWithAnotherTypeIsAnError() {
        NotebookPlan plan = plan(code("c1", "String k5 = \"a\";"), code("c2", "int x5 = 0;\nint k5 = 3;"));
        assertEquals(List.of("c2:2"), where(plan.problems()));
        assertTrue(plan.problems().get(0).message().startsWith("`k5` was declared as String in cell c1 (line 1) and is"
                + " declared again as int"), plan.problems().get(0).message());
    }

    @Test
    void aMethodDefinedAgainIsAnErrorButAnOverloadIsNot() {
        NotebookPlan plan = plan(code("c1", "int k6(int a) { return a; }\nint k6(String s) { return 1; }"),
                code("c2", "\nint k6(int b) { return b + 1; }"));
        assertEquals(List.of("c2:2"), where(plan.problems()));
        assertTrue(plan.problems().get(0).message().startsWith("method k6(int) was defined in cell c1 (line 1)"),
                plan.problems().get(0).message());
    }

    @Test
    void magicsAndCommandsAreErrors() {
        NotebookPlan plan = plan(code("c1", "int k7 = 1;\n%maven org.example:lib:1.0"), code("c2", "// list them\n/vars"));
        assertEquals(List.of("c1:2", "c2:2"), where(plan.problems()));
        assertTrue(plan.problems().get(0).message().startsWith("`%maven org.example:lib:1.0` is a magic"));
        assertTrue(plan.problems().get(1).message().startsWith("`/vars` is a JShell command"));
    }

    @Test
    void explorationCellsAreLeftOutAndNotSeenByLaterCells() {
        NotebookPlan plan = plan(code("c1", "int k8hidden = 1;", "exploration"), code("c2", "int k8 = 0;\nk8 = k8hidden + 1;"));
        assertEquals(CellReport.Disposition.LEFT_OUT, plan.report().build().get(0).disposition());
        assertEquals(List.of("tagged exploration"), plan.report().build().get(0).notes());
        assertEquals(List.of("c2:2"), where(plan.problems()));
        assertTrue(plan.problems().get(0).message().contains("cannot find symbol"), plan.problems().get(0).message());
    }

    @Test
    void declarationsBecomeAssignmentsOnTheirOwnLines() {
        NotebookPlan plan = plan(code("c1", """
                long k9a = 1, k9b = 2;
                int[] k9arr = {1, 2};
                Duration k9d =
                    Duration.ofSeconds(3);
                long k9none;"""));
        assertEquals(List.of(), plan.problems());
        assertEquals(List.of("k9a = 1; k9b = 2;", "k9arr = new int[] {1, 2};", "\nk9d = Duration.ofSeconds(3);"),
                plan.cells().get(0).run().stream().map(Fragment::text).toList());
        assertEquals(List.of("k9a", "k9b", "k9arr", "k9d", "k9none"), plan.fields().stream().map(NotebookPlan.Field::name).toList());
    }

    @Test
    void expressionsThatOnlyShowValuesAreLeftOutAndCallsRun() {
        NotebookPlan plan = plan(code("c1", "int k10 = 1;\nk10 + 1;\nString.valueOf(k10)"));
        assertEquals(List.of("k10 = 1;", "String.valueOf(k10);"), plan.cells().get(0).run().stream().map(Fragment::text).toList());
        assertEquals(List.of("line 2: an expression with no effect (`k10 + 1;`): left out",
                "line 3: `String.valueOf(k10)` runs, but the value it shows in the notebook is not shown in a job"),
                plan.report().build().get(0).notes());
    }

    @Test
    void namesTheJobClassUsesAreRefused() {
        NotebookPlan plan = plan(code("c1", "int job = 1;"), code("c2", "void run() {}"), code("c3", "record Params(int a) {}"),
                code("c4", "class TestJob {}"));
        assertEquals(List.of("c1:1", "c2:1", "c3:1", "c4:1"), where(plan.problems()));
    }

    @Test
    void aCellWithNothingToRunIsLeftOut() {
        NotebookPlan plan = plan(code("c1", "// just a note"), code("c2", "int k11 = 1;"));
        assertEquals(CellReport.Disposition.LEFT_OUT, plan.report().build().get(0).disposition());
        assertTrue(plan.hasCodeToRun());
        assertTrue(!plan(code("c3", "int k12;")).hasCodeToRun());
    }

    static List<String> where(List<ExportProblem> problems) {
        return problems.stream().map(p -> p.cellId() + ":" + p.line()).toList();
    }
}
