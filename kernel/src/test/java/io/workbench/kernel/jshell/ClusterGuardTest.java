package io.workbench.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.ext.cluster.ClosureCheckException;
import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClusterGuardTest {
    private CellEvaluator evaluator;
    private Tracebacks tracebacks;

    @BeforeEach
    void setUp() {
        evaluator = new CellEvaluator(ClusterGuardTest.class.getClassLoader(), null, new PrintStream(OutputStream.nullOutputStream()));
        evaluator.checkForCluster("spark://cluster:7077");
        tracebacks = new Tracebacks(evaluator.origins(), Runtime.getRuntime().maxMemory());
        evaluator.preload(java.util.List.of("import java.util.function.*;", "import java.io.Serializable;"));
    }

    @AfterEach
    void tearDown() {
        evaluator.close();
    }

    private CellOutcome run(String code, String label) {
        evaluator.newCell();
        return evaluator.execute(code, label);
    }

    @Test
    void refusesAFunctionThatReadsACellVariableAndSaysWhere() {
        assertInstanceOf(CellOutcome.Ok.class, run("int unused = 1;\nint k = 7;", "[1]"));
        CellOutcome out = run("int base = 2;\nIntUnaryOperator f = (IntUnaryOperator & Serializable) x ->\n    x * k;", "[2]");
        CellOutcome.RuntimeError error = assertInstanceOf(CellOutcome.RuntimeError.class, out);
        ClosureCheckException thrown = assertInstanceOf(ClosureCheckException.class, error.thrown());
        String message = thrown.getMessage();
        assertTrue(message.contains("`k` (declared in cell [1])"), message);
        assertTrue(message.contains("`k` = 0"), message);
        assertTrue(String.join("\n", tracebacks.runtimeError(error.exception(), error.thrown()).traceback()).contains("cell [2], line 3"));
    }

    @Test
    void followsCellMethodsAndSerializableClassesToTheRead() {
        run("long k = 3;", "[1]");
        run("long scaled(long x) {\n    return x * k;\n}", "[2]");
        CellOutcome out = run("LongUnaryOperator f = (LongUnaryOperator & Serializable) x -> scaled(x);", "[3]");
        ClosureCheckException e = assertInstanceOf(ClosureCheckException.class, ((CellOutcome.RuntimeError) out).thrown());
        assertEquals("scaled", e.reads().get(0).readerMethod());
        assertTrue(String.join("\n", tracebacks.runtimeError(((CellOutcome.RuntimeError) out).exception(), e).traceback())
                .contains("scaled(cell [2], line 2)"));

        out = run("class Shift implements org.apache.spark.api.java.function.MapFunction<Long, Long> {\n"
                + "    public Long call(Long x) { return x + k; }\n}\nvar shift = new Shift();", "[4]");
        e = assertInstanceOf(ClosureCheckException.class, ((CellOutcome.RuntimeError) out).thrown());
        assertEquals("k", e.reads().get(0).field());
    }

    @Test
    void leavesDriverCodeAndConstantsAlone() {
        run("long k = 3;\nenum Mode { FAST, SLOW }\nclass Limits { static final java.util.List<Long> MAX = java.util.List.of(9L); }", "[1]");
        // Read on the driver: in the cell itself, in a plain (not serializable) lambda, in foreachBatch's function.
        assertInstanceOf(CellOutcome.Ok.class, run("long twice = k * 2;", "[2]"));
        assertInstanceOf(CellOutcome.Ok.class, run("LongSupplier s = () -> k; s.getAsLong()", "[3]"));
        assertInstanceOf(CellOutcome.Ok.class, run("org.apache.spark.api.java.function.VoidFunction2<Long, Long> batch ="
                + " (a, b) -> System.out.println(a + b + k);", "[4]"));
        // Executor code reading what executors compute the same way: enum constants, static finals, captured locals.
        assertInstanceOf(CellOutcome.Ok.class, run("LongUnaryOperator g = (LongUnaryOperator & Serializable) x ->"
                + " x + Mode.SLOW.ordinal() + Limits.MAX.get(0);", "[5]"));
        assertInstanceOf(CellOutcome.Ok.class, run("{ long kLocal = k; LongUnaryOperator h = (LongUnaryOperator & Serializable) x -> x * kLocal; }", "[6]"));
    }

    @Test
    void aLocalMasterChecksNothing() {
        try (CellEvaluator plain = new CellEvaluator(ClusterGuardTest.class.getClassLoader(), null,
                new PrintStream(OutputStream.nullOutputStream()))) {
            plain.preload(java.util.List.of("import java.util.function.*;", "import java.io.Serializable;"));
            plain.newCell();
            plain.execute("long k = 3;", "[1]");
            plain.newCell();
            assertInstanceOf(CellOutcome.Ok.class, plain.execute("LongUnaryOperator f = (LongUnaryOperator & Serializable) x -> x * k;", "[2]"));
        }
    }
}
