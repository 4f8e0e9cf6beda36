package io.workbench.jobs.analysis;

import io.workbench.jobs.RuntimeClasspath;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

/**
 * A JShell session that compiles cells without running them ({@link NoExecutionControl}), on the job runtime's class
 * path and with the notebook's default imports preloaded, as the kernel's CellEvaluator sets up its own: the same
 * compiler options, the same snippet splitting, so a variable's type is inferred here as in the kernel.
 *
 * <p>Not thread-safe: one export uses one session from one thread. Closing it ends the session.
 */
public final class AnalysisShell implements AutoCloseable {
    private final JShell jshell;

    /**
     * @throws IllegalStateException when a preloaded import does not compile: the class path is not the runtime's
     */
    public AnalysisShell(RuntimeClasspath classpath, List<String> preloadedImports) {
        PrintStream nowhere = new PrintStream(java.io.OutputStream.nullOutputStream());
        this.jshell = JShell.builder()
                .executionEngine(NoExecutionControl.provider(), java.util.Map.of())
                .in(InputStream.nullInputStream())
                .out(nowhere)
                .err(nowhere)
                .compilerOptions("-Xlint:none", "-proc:none")
                .build();
        if (!classpath.entries().isEmpty()) {
            jshell.addToClasspath(classpath.toString());
        }
        List<String> failed = new ArrayList<>();
        for (String s : preloadedImports) {
            for (SnippetEvent e : jshell.eval(s)) {
                if (e.causeSnippet() == null && e.status() == Snippet.Status.REJECTED) {
                    failed.add(s + " (" + messages(e.snippet()) + ")");
                }
            }
        }
        if (!failed.isEmpty()) {
            jshell.close();
            throw new IllegalStateException("The notebook's default imports do not compile on the runtime class path "
                    + classpath.entries().size() + " entries: " + String.join("; ", failed));
        }
    }

    /** Splits a cell into snippets with JShell's parser, as the kernel does. */
    public List<Segment> split(String cell) {
        return Segment.split(jshell.sourceCodeAnalysis(), cell);
    }

    /** Compiles one snippet into the session; the events are JShell's, for the snippet and what it replaced. */
    public List<SnippetEvent> eval(String snippet) {
        return jshell.eval(snippet);
    }

    /** The errors of a snippet, without JShell's wrapper-class locations. */
    public List<Diag> errors(Snippet snippet) {
        return jshell.diagnostics(snippet).filter(Diag::isError).toList();
    }

    /** One error's message as the kernel shows it: the "location: class" line of JShell's wrapper dropped. */
    public static String message(Diag d) {
        return d.getMessage(Locale.ROOT).lines()
                .filter(l -> !l.trim().startsWith("location: class") && !l.trim().equals("location:"))
                .collect(Collectors.joining("\n"));
    }

    private String messages(Snippet snippet) {
        return errors(snippet).stream().map(AnalysisShell::message).collect(Collectors.joining("; "));
    }

    @Override
    public void close() {
        jshell.close();
    }
}
