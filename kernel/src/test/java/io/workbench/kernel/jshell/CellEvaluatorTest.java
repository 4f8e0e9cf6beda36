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
