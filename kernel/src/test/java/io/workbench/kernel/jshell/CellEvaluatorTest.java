package io.workbench.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.protocol.messages.ErrorContent;
import java.io.PrintStream;
import java.io.OutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** JShell evaluation in this JVM: splitting, values, and errors mapped to the cell's own lines. */
class CellEvaluatorTest {
    private static CellEvaluator evaluator;
    private static Tracebacks tracebacks;

    @BeforeAll
    static void start() {
        evaluator = new CellEvaluator(CellEvaluatorTest.class.getClassLoader(), null, new PrintStream(OutputStream.nullOutputStream()));
        tracebacks = new Tracebacks(evaluator.origins(), Runtime.getRuntime().maxMemory());
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    @Test
    void anInterruptWhileTheCellIsStillCompilingStopsItBeforeItsCodeRuns() {
        evaluator.newCell();
        evaluator.interrupt(); // arrives before any of the cell's code has started
        assertInstanceOf(CellOutcome.Interrupted.class, evaluator.execute("int ranAfterStop = 1;\nwhile (true) { }", "[s1]"));
        evaluator.newCell(); // the next cell runs normally
        CellOutcome.Ok ok = assertInstanceOf(CellOutcome.Ok.class, evaluator.execute("40 + 2", "[s2]"));
        assertEquals(42, ok.value());
    }

    @Test
    void aCellWithSeveralSnippetsYieldsTheLastExpression() {
        CellOutcome.Ok ok = assertInstanceOf(CellOutcome.Ok.class, evaluator.execute("int a = 1; int b = 2;\n// sum\na + b", "[1]"));
        assertTrue(ok.hasValue());
        assertEquals(3, ok.value());
    }

    @Test
    void aStatementHasNoValue() {
        CellOutcome.Ok ok = assertInstanceOf(CellOutcome.Ok.class, evaluator.execute("int c = 5;\nc++;\nif (c > 0) { c--; }", "[2]"));
        assertTrue(!ok.hasValue());
    }

    @Test
    void runtimeErrorLinesCountFromTheCellEvenAfterCommentsAndBlankLines() {
        String cell = "int q = 0;\n\n// a comment line\nif (q == 0) {\n  int z = 5 / q;\n}";
        CellOutcome.RuntimeError e = assertInstanceOf(CellOutcome.RuntimeError.class, evaluator.execute(cell, "[3]"));
        ErrorContent error = tracebacks.runtimeError(e.exception());
        assertEquals("java.lang.ArithmeticException", error.ename());
        assertTrue(error.traceback().contains("    at cell [3], line 5"), error.traceback().toString());
    }

    @Test
    void compileErrorsAreReportedAtTheCellLineAndColumn() {
        String cell = "int fine = 1;\n\n   String wrong = fine;";
        CellOutcome.CompileError e = assertInstanceOf(CellOutcome.CompileError.class, evaluator.execute(cell, "[4]"));
        CellOutcome.Problem p = e.problems().get(0);
        assertEquals(3, p.line());
        assertEquals(19, p.column());
        assertEquals("   String wrong = fine;", p.sourceLine());
        assertTrue(p.message().contains("incompatible types"), p.message());
    }

    @Test
    void aCompileErrorInAFluentChainIsAtTheTokenJavacNames() {
        String cell = "java.util.stream.Stream.of(1, 2, 3)\n    .filter(x -> x > 1)\n    .selectz(x -> x)";
        CellOutcome.CompileError e = assertInstanceOf(CellOutcome.CompileError.class, evaluator.execute(cell, "[f]"));
        CellOutcome.Problem p = e.problems().get(0);
        assertEquals(3, p.line(), "javac's preferred position, not the start of the whole expression: " + p);
        assertEquals("    .selectz(x -> x)", p.sourceLine());
        assertEquals(5, p.column(), "the member select's dot");
    }

    @Test
    void libraryAndWorkbenchFramesFoldAroundTheCellFrameWhichIsNeverCutOff() {
        evaluator.execute("int marker = 1;", "[9]");
        String id = evaluator.origins().entrySet().stream().filter(en -> en.getValue().cell().equals("[9]"))
                .findFirst().orElseThrow().getKey();
        java.util.List<StackTraceElement> frames = new java.util.ArrayList<>();
        frames.add(new StackTraceElement("io.workbench.ext.Notebook", "display", "Notebook.java", 40));
        for (int i = 0; i < 60; i++) {
            frames.add(new StackTraceElement("org.apache.spark.sql.Dataset", "f" + i, "Dataset.scala", i));
        }
        frames.add(new StackTraceElement("REPL.$JShell$" + id, "do_it$", "#" + id, 1));
        frames.add(new StackTraceElement("io.workbench.kernel.jshell.CellThreads", "run", "CellThreads.java", 80));
        IllegalStateException thrown = new IllegalStateException("[STREAMING_OUTPUT_MODE] Invalid output mode;\n"
                + "Aggregate [event_type#40], [count(1) AS count#88L]\n+- Project [event#26.event_id AS event_id#39]");
        thrown.setStackTrace(frames.toArray(StackTraceElement[]::new));

        ErrorContent error = tracebacks.runtimeError(thrown);
        assertEquals("[STREAMING_OUTPUT_MODE] Invalid output mode;", error.evalue(), "the headline has no plan");
        java.util.List<String> tb = error.traceback();
        assertTrue(tb.contains("    … 61 frames in the workbench, Spark"), tb.toString());
        assertTrue(tb.contains("    at REPL.$JShell$" + id + ".do_it$(cell [9], line 1)"), tb.toString());
        assertTrue(tb.stream().noneMatch(l -> l.contains("Aggregate [") || l.contains("CellThreads")), tb.toString());
        String details = tracebacks.details(thrown);
        assertTrue(details.contains("+- Project [event#26.event_id") && details.contains("Dataset.f59"), details);
    }

    @Test
    void aShortErrorInCellCodeHasNothingLeftOut() {
        CellOutcome.RuntimeError e = assertInstanceOf(CellOutcome.RuntimeError.class,
                evaluator.execute("int[] none = null;\nint n = none.length;", "[10]"));
        assertEquals(NullPointerException.class, e.thrown().getClass(), "the exception the code threw is kept");
        assertEquals(null, tracebacks.details(e.exception(), e.thrown()));
        assertTrue(tracebacks.runtimeError(e.exception(), e.thrown()).traceback().contains("    at cell [10], line 2"));
    }

    @Test
    void anIncompleteCellIsACompileErrorNotAHang() {
        CellOutcome.CompileError e = assertInstanceOf(CellOutcome.CompileError.class, evaluator.execute("int broken = (1 + 2;", "[5]"));
        assertEquals(1, e.problems().get(0).line());
    }

    @Test
    void methodsThatCannotRunYetAreNoted() {
        CellOutcome.Ok ok = assertInstanceOf(CellOutcome.Ok.class, evaluator.execute("int usesMissing() { return Missing.VALUE; }", "[6]"));
        assertEquals(1, ok.notes().size());
        assertTrue(ok.notes().get(0).contains("Missing"), ok.notes().toString());
    }

    @Test
    void aVariableNamedAloneIsTheValueItself() {
        evaluator.execute("StringBuilder sb = new StringBuilder(\"x\");", "[7]");
        CellOutcome.Ok ok = assertInstanceOf(CellOutcome.Ok.class, evaluator.execute("sb", "[8]"));
        assertInstanceOf(StringBuilder.class, ok.value(), "the object, not its toString()");
    }
}
