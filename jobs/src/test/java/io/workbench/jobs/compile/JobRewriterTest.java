package io.workbench.jobs.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.jobs.CellReport;
import io.workbench.jobs.ExportProblem;
import io.workbench.jobs.TestRuntime;
import io.workbench.jobs.analysis.ReportBuilder;
import io.workbench.jobs.source.JobSource;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rewrites of a compiled job class, against the real job runtime (javac resolves Spark's types from its jars). */
class JobRewriterTest {
    private static JobCompiler javac;

    @BeforeAll
    static void start() {
        javac = new JobCompiler(TestRuntime.jobRuntime());
    }

    @AfterAll
    static void stop() {
        javac.close();
    }

    private static TestSource head() {
        return new TestSource().generated("package jobs;", "import java.util.*;", "import org.apache.spark.sql.*;",
                "import org.apache.spark.sql.streaming.*;", "import static io.workbench.ext.Notebook.*;", "",
                "public final class T {", "    public record Params() {", "        public static Params defaults() {",
                "            return new Params();", "        }", "    }",
                "    private static io.workbench.job.Job job;", "    static Dataset<Row> ds;");
    }

    private static JobRewriter.Result rewrite(JobSource source, ReportBuilder report) {
        JobCompiler.Analyzed analyzed = javac.analyze(source);
        assertEquals(List.of(), analyzed.errors());
        JobRewriter.Result r = JobRewriter.rewrite(source, analyzed, report);
        assertEquals(List.of(), javac.compile(r.source()), () -> "the rewritten class compiles:\n" + r.source().text());
        return r;
    }

    @Test
    void streamingWritersStartThroughTheJob() {
        ReportBuilder report = new ReportBuilder();
        report.cell("c1", "Queries");
        report.cell("c2", "More");
        JobSource source = head()
                .cell("c1", 1, """
                        static StreamingQuery startIt() throws Exception {
                            return ds.writeStream()
                                    .format("noop")
                                    .start();
                        }""")
                .generated("    static void run(io.workbench.job.Job job, Params params) throws Exception {")
                .cell("c2", 1, """
                        ds.writeStream().format("parquet").start("/tmp/out");
                        var q = ds.writeStream().toTable("t");
                        Thread t = new Thread(() -> { });
                        t.start();""")
                .generated("    }", "}").build();
        for (int i = 0; i < 5; i++) {
            report.kept(i < 1 ? "c1" : "c2");
        }
        JobRewriter.Result r = rewrite(source, report);
        String text = r.source().text();
        assertTrue(text.contains("    return job.start(ds.writeStream()\n            .format(\"noop\")\n            );\n"), text);
        assertTrue(text.contains("job.start(ds.writeStream().format(\"parquet\").option(\"path\", \"/tmp/out\"));"), text);
        assertTrue(text.contains("var q = job.toTable(ds.writeStream(), \"t\");"), text);
        assertTrue(text.contains("t.start();"), "a Thread's start() is no writer's: " + text);
        assertEquals(source.text().lines().count(), text.lines().count());
        List<CellReport> cells = report.build();
        assertEquals(List.of("line 4: `writer.start()` becomes `job.start(writer)`, so the run's trigger and checkpoint"
                + " directory apply"), cells.get(0).notes());
        assertEquals(2, cells.get(1).notes().size());
        assertTrue(cells.get(1).notes().get(0).startsWith("line 1: `writer.start(path)` becomes"));
        assertTrue(cells.get(1).notes().get(1).startsWith("line 2: `writer.toTable(table)` becomes"));
    }

    @Test
    void statementsThatOnlyDisplaySomethingButADatasetAreLeftOut() {
        ReportBuilder report = new ReportBuilder();
        report.cell("c1", "");
        JobSource source = head()
                .generated("    static void run(io.workbench.job.Job job, Params params) throws Exception {")
                .cell("c1", 1, """
                        var h = display(ds, "counts");
                        display(h.query());
                        display("a text");
                        display(ds);
                        display(ds, "named");
                        clearOutput();
                        for (int i = 0; i < 1; i++) display("inside");""")
                .generated("    }", "}").build();
        for (int i = 0; i < 7; i++) {
            report.kept("c1");
        }
        JobRewriter.Result r = rewrite(source, report);
        List<String> lines = r.source().text().lines().map(String::strip).toList();
        assertTrue(lines.contains("var h = display(ds, \"counts\");"));
        assertTrue(lines.contains("// left out of the job: `display(h.query())` shows a StreamingQuery, not a streaming Dataset"),
                r.source().text());
        assertTrue(lines.contains("// left out of the job: `display(\"a text\")` shows a String, not a streaming Dataset"));
        assertTrue(lines.contains("display(ds);"), "a Dataset may be a streaming one: kept");
        assertTrue(lines.contains("display(ds, \"named\");"));
        assertTrue(lines.contains("// left out of the job: `clearOutput()` only clears the notebook's output"));
        assertTrue(lines.contains("for (int i = 0; i < 1; i++) display(\"inside\");"), "only a cell's own statements");
        assertEquals(4, r.runStatements());
        CellReport c1 = report.build().get(0);
        assertEquals(CellReport.Disposition.CHANGED, c1.disposition());
        assertEquals(List.of("line 2", "line 3", "line 6"), c1.notes().stream().map(n -> n.substring(0, 6)).toList());
    }

    @Test
    void aDefaultThatReadsAnotherCellsVariableIsAnError() {
        JobSource source = new TestSource().generated("package jobs;", "public final class T {",
                        "    public record Params(String a, String b) {", "        public static Params defaults() {")
                .cell("p", 1, "            String a = other + \"x\";\n            String b = a + \"y\";")
                .generated("            return new Params(a, b);", "        }", "    }", "    static String other;", "}")
                .build();
        JobRewriter.Result r = JobRewriter.rewrite(source, javac.analyze(source), new ReportBuilder());
        assertEquals(1, r.problems().size(), r.problems().toString());
        ExportProblem p = r.problems().get(0);
        assertEquals("p", p.cellId());
        assertEquals(1, p.line());
        assertTrue(p.message().startsWith("a parameter's default reads `other`, a variable of another cell"), p.message());
    }
}
