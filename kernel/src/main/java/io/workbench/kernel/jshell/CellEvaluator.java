package io.workbench.kernel.jshell;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

/**
 * Runs cells with JShell. A cell is split into snippets, which are evaluated in order until one fails to
 * compile or throws. State lasts across cells. Remembers where every snippet came from, so that stack
 * traces and compile errors point at the cell's own lines.
 *
 * <p>Not thread-safe: the kernel calls it from the shell thread only, except {@link #interrupt()}.
 */
public final class CellEvaluator implements AutoCloseable {
    /** Where a snippet came from: the cell's label ("[3]") and the cell line its source starts on. */
    public record Origin(String cell, int firstLine) {
    }

    private final SnippetLoader loader;
    private final CellThreads threads;
    private final CellExecutionControl control;
    private final JShell jshell;
    private final Map<String, Origin> origins = new ConcurrentHashMap<>();

    /**
     * @param classOutputDir where every snippet class is also written, for executors to fetch through Spark's
     *                       {@code spark.repl.class.outputDir}; null to keep them in memory only (local masters)
     */
    public CellEvaluator(ClassLoader parent, Path classOutputDir, PrintStream diagnostics) {
        this.loader = new SnippetLoader(parent, classOutputDir);
        this.threads = new CellThreads(loader);
        this.control = new CellExecutionControl(loader, threads);
        this.jshell = JShell.builder()
                .executionEngine(CellExecutionControl.provider(control), Map.of())
                .in(InputStream.nullInputStream())
                .out(diagnostics)
                .err(diagnostics)
                .compilerOptions("-Xlint:none", "-proc:none")
                .build();
        jshell.addToClasspath(System.getProperty("java.class.path"));
    }

    /**
     * Refuses, from now on, snippets whose Spark functions would read cell variables on the executors of the
     * cluster at {@code master} ({@link ClusterGuard}). Call once, before cells run, when Spark's master is not local.
     */
    public void checkForCluster(String master) {
        control.guard(new ClusterGuard(loader, origins, master));
    }

    public ClassLoader snippetLoader() {
        return loader;
    }

    public CellThreads threads() {
        return threads;
    }

    public SourceCodeAnalysis analysis() {
        return jshell.sourceCodeAnalysis();
    }

    public Map<String, Origin> origins() {
        return origins;
    }

    /** Evaluates snippets that are not cells, such as the preloaded imports; returns the ones that failed. */
    public List<String> preload(List<String> snippets) {
        List<String> failed = new ArrayList<>();
        for (String s : snippets) {
            for (SnippetEvent e : jshell.eval(s)) {
                if (e.causeSnippet() == null && e.status() == Snippet.Status.REJECTED) {
                    failed.add(s + ": " + jshell.diagnostics(e.snippet()).map(d -> d.getMessage(Locale.ROOT))
                            .collect(Collectors.joining("; ")));
                }
                if (e.causeSnippet() == null) {
                    origins.put(e.snippet().id(), new Origin("preload", 1));
                }
            }
        }
        return failed;
    }

    /** Runs one cell. {@code label} names it in stack traces, for example "[3]". */
    public CellOutcome execute(String code, String label) {
        List<String> notes = new ArrayList<>();
        LineMap lines = new LineMap(code);
        SnippetEvent last = null;
        control.takeLastValue();
        control.takeLastFailure();
        for (Segment segment : Segment.split(jshell.sourceCodeAnalysis(), code)) {
            int firstLine = lines.line(segment.start());
            List<SnippetEvent> events = jshell.eval(segment.source());
            if (control.takeStopped()) {
                return new CellOutcome.Interrupted(notes);
            }
            for (SnippetEvent e : events) {
                if (e.causeSnippet() != null) {
                    continue;
                }
                Snippet snippet = e.snippet();
                origins.put(snippet.id(), new Origin(label, firstLine));
                if (e.status() == Snippet.Status.REJECTED) {
                    return new CellOutcome.CompileError(problems(snippet, segment, lines), notes);
                }
                if (e.exception() != null) {
                    Throwable thrown = control.takeLastFailure();
                    boolean same = thrown != null && e.exception() instanceof jdk.jshell.EvalException ee
                            && ee.getExceptionClassName().equals(thrown.getClass().getName());
                    return new CellOutcome.RuntimeError(e.exception(), same ? thrown : null, segment.source(), notes);
                }
                if (e.status() == Snippet.Status.RECOVERABLE_DEFINED || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                    notes.add(unresolvedNote((DeclarationSnippet) snippet));
                }
                last = e;
            }
        }
        if (last != null && producesValue(last.snippet())) {
            return new CellOutcome.Ok(control.takeLastValue(), true, notes);
        }
        return new CellOutcome.Ok(null, false, notes);
    }

    /**
     * Runs more code for the current cell, such as rendering its result, on a cell thread so that it can be
     * interrupted and its Spark jobs join the cell's group.
     */
    public Object runInCell(java.util.concurrent.Callable<Object> body) throws Exception {
        return threads.run(body);
    }

    /** Starts a new cell; call before the cell can be interrupted. */
    public void newCell() {
        threads.newCell();
    }

    /** Stops the running cell, if any. Safe from any thread. */
    public void interrupt() {
        threads.stop();
    }

    private boolean producesValue(Snippet s) {
        if (s.kind() == Snippet.Kind.EXPRESSION) {
            return !"void".equals(((jdk.jshell.ExpressionSnippet) s).typeName());
        }
        return s.kind() == Snippet.Kind.VAR && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                && !"void".equals(((VarSnippet) s).typeName());
    }

    private List<CellOutcome.Problem> problems(Snippet snippet, Segment segment, LineMap lines) {
        List<CellOutcome.Problem> out = new ArrayList<>();
        for (Diag d : jshell.diagnostics(snippet).toList()) {
            if (!d.isError()) {
                continue;
            }
            // javac's preferred position is the token it complains about (".selectz" on line 3 of a fluent chain);
            // the start position is where the whole expression begins.
            long pos = d.getPosition() >= 0 ? d.getPosition() : d.getStartPosition();
            int offset = segment.start() + (int) Math.max(0, Math.min(pos, segment.source().length()));
            offset = Math.min(offset, Math.max(0, lines.length() - 1));
            out.add(new CellOutcome.Problem(lines.line(offset), lines.column(offset), cleanMessage(d), lines.text(offset)));
        }
        if (out.isEmpty()) {
            int offset = segment.start();
            out.add(new CellOutcome.Problem(lines.line(offset), lines.column(offset),
                    "this code cannot be compiled", lines.text(offset)));
        }
        return out;
    }

    /** Drops the "location: class" line that names JShell's hidden wrapper class. */
    private static String cleanMessage(Diag d) {
        return d.getMessage(Locale.ROOT).lines()
                .filter(l -> !l.trim().startsWith("location: class") && !l.trim().equals("location:"))
                .collect(Collectors.joining("\n"));
    }

    private String unresolvedNote(DeclarationSnippet s) {
        String missing = String.join(", ", jshell.unresolvedDependencies(s).toList());
        return "created " + describe(s) + ", but it cannot be used until " + missing + " is declared";
    }

    private static String describe(Snippet s) {
        return switch (s.kind()) {
            case METHOD -> "method " + ((jdk.jshell.MethodSnippet) s).name() + "()";
            case TYPE_DECL -> "type " + ((jdk.jshell.TypeDeclSnippet) s).name();
            case VAR -> "variable " + ((VarSnippet) s).name();
            default -> "snippet";
        };
    }

    @Override
    public void close() {
        jshell.close();
    }
}
