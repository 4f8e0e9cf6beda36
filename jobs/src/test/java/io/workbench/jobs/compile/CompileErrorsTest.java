package io.workbench.jobs.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.jobs.ExportProblem;
import io.workbench.jobs.RuntimeClasspath;
import java.util.List;
import org.junit.jupiter.api.Test;

/** javac's errors in a generated class come back at the notebook cell and line that wrote the code. */
class CompileErrorsTest {
    @Test
    void anErrorInACellsCodeNamesTheCellAndItsLine() {
        try (JobCompiler javac = new JobCompiler(new RuntimeClasspath(List.of()))) {
            List<ExportProblem> errors = javac.compile(new TestSource()
                    .generated("package jobs;", "", "public final class T {", "    static void run() {")
                    .cell("sw-05", 7, "        int a = 1;\n        String b = a;\n        System.out.println(b);")
                    .generated("    }", "    static int f() { return \"x\"; }", "}")
                    .build());
            assertEquals(2, errors.size(), errors.toString());
            assertEquals("sw-05", errors.get(0).cellId());
            assertEquals(8, errors.get(0).line());
            assertTrue(errors.get(0).message().startsWith("incompatible types: int cannot be converted to"),
                    errors.get(0).message());
            assertTrue(errors.get(0).describe().startsWith("cell sw-05, line 8: incompatible types"));
            assertNull(errors.get(1).cellId());
            assertTrue(errors.get(1).message().startsWith("in code the exporter generated (src/main/java/jobs/T.java,"
                    + " line 9: static int f() { return \"x\"; }): incompatible types"), errors.get(1).message());
        }
    }

    @Test
    void analyzeReportsTheSameErrorsWithoutWritingClasses() {
        try (JobCompiler javac = new JobCompiler(new RuntimeClasspath(List.of()))) {
            JobCompiler.Analyzed a = javac.analyze(new TestSource().generated("package jobs;", "final class T {")
                    .cell("c", 3, "  void f() { undefined(); }").generated("}").build());
            assertEquals(List.of(ExportProblem.at("c", 3, "cannot find symbol\n  symbol:   method undefined()")),
                    a.errors());
        }
    }
}
