package io.workbench.kernel.jshell;

import io.workbench.protocol.messages.ErrorContent;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.EvalException;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Turns cell failures into Jupyter error content. Compile errors point at the cell's line and column with a
 * caret. A runtime error reads as its headline (the first line of its message; for a Spark analysis error its
 * message without the query plan) and its stack with every frame of cell code as "cell [3], line 2"; each run of
 * library or workbench frames between them is folded into one line, and the kernel's own frames below the cell
 * are left out. What is cut (a long message, a plan, an Avro schema, the whole stack) is kept by
 * {@link #details(Throwable)}, for a front end to show one click away.
 *
 * <p>Stateless apart from the snippet origins it reads; safe from any thread.
 */
public final class Tracebacks {
    private static final String RED = "\u001b[0;31m";
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";
    private static final Pattern SNIPPET_FILE = Pattern.compile("#(\\d+)");
    /** A headline longer than this is cut; the whole message is in the details. */
    static final int MAX_HEADLINE = 1000;
    /** The title under which a front end shows {@link #details}. */
    public static final String DETAILS_TITLE = "Full error";
    private static final String FOLD = "    … ";

    private final Map<String, CellEvaluator.Origin> origins;
    private final long maxHeapBytes;

    public Tracebacks(Map<String, CellEvaluator.Origin> origins, long maxHeapBytes) {
        this.origins = origins;
        this.maxHeapBytes = maxHeapBytes;
    }

    public ErrorContent compileError(List<CellOutcome.Problem> problems) {
        List<String> tb = new ArrayList<>();
        for (CellOutcome.Problem p : problems) {
            tb.add(RED + "Compile error" + RESET + " at line " + p.line() + ", column " + p.column() + ":");
            tb.add("    " + p.sourceLine());
            tb.add("    " + " ".repeat(Math.max(0, p.column() - 1)) + "^");
            tb.add(p.message());
        }
        CellOutcome.Problem first = problems.get(0);
        return new ErrorContent("CompileError",
                "line " + first.line() + ", column " + first.column() + ": " + first.message().lines().findFirst().orElse(""),
                tb);
    }

    public ErrorContent runtimeError(Throwable e) {
        return runtimeError(e, null);
    }

    /**
     * The error of cell code that threw.
     *
     * @param e        the exception with the stack to show: JShell's account, whose frames name snippets
     * @param original the exception object the code threw, when known; its message is preferred for the headline
     *                 (a Spark analysis error's message without its plan), or null
     */
    public ErrorContent runtimeError(Throwable e, Throwable original) {
        if (e instanceof UnresolvedReferenceException u) {
            String what = u.getSnippet().source().lines().findFirst().orElse("").trim();
            String msg = "'" + what + "' cannot run until what it uses is declared";
            return new ErrorContent("UnresolvedReference", msg, List.of(RED + "UnresolvedReference" + RESET + ": " + msg));
        }
        List<String> tb = new ArrayList<>();
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        StackTraceElement[] enclosing = null;
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            String h = t == e ? headline(e, original) : headline(t);
            String header = className(t) + (h.isEmpty() ? "" : ": " + h);
            tb.add(enclosing == null ? RED + BOLD + header + RESET : "Caused by: " + header);
            appendFrames(tb, t.getStackTrace(), enclosing);
            enclosing = t.getStackTrace();
        }
        String ename = className(e);
        if (ename.equals(OutOfMemoryError.class.getName())) {
            tb.add("");
            tb.add("The cell ran out of memory. The kernel heap is " + (maxHeapBytes >> 20) + " MiB; the kernel is"
                    + " still running. Free memory by dropping large values, or raise WORKBENCH_KERNEL_HEAP and"
                    + " restart the kernel.");
        }
        if (messageCut(e, original) || tb.stream().anyMatch(l -> l.startsWith(FOLD))) {
            tb.add("(The full message and every frame are one click away, under \"" + DETAILS_TITLE + "\".)");
        }
        return new ErrorContent(ename, headline(e, original), tb);
    }

    public ErrorContent interrupted() {
        return new ErrorContent("Interrupted", "The cell was interrupted; the kernel kept its state.",
                List.of(RED + "Interrupted" + RESET + ": the cell was stopped; variables keep the values they had."));
    }

    /**
     * What {@link #runtimeError} leaves out, as plain text: every message in full and every stack frame, cell frames
     * as cell lines; null when nothing was left out (one-line messages, only cell frames).
     */
    public String details(Throwable e, Throwable original) {
        if (e instanceof UnresolvedReferenceException) {
            return null;
        }
        if (!messageCut(e, original) && runtimeError(e, original).traceback().stream().noneMatch(l -> l.startsWith(FOLD))) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            out.append(t == e ? "" : "Caused by: ").append(className(t));
            if (t.getMessage() != null) {
                out.append(": ").append(t.getMessage());
            }
            out.append('\n');
            for (StackTraceElement f : t.getStackTrace()) {
                out.append("\tat ").append(snippetId(f) != null ? frame(f) : f.toString()).append('\n');
            }
        }
        return out.toString();
    }

    public String details(Throwable e) {
        return details(e, null);
    }

    private static boolean messageCut(Throwable e, Throwable original) {
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            String m = t.getMessage();
            String shown = t == e ? headline(e, original) : headline(t);
            if (m != null && !m.strip().equals(shown)) {
                return true;
            }
        }
        return false;
    }

    private static String headline(Throwable e, Throwable original) {
        return original != null ? headline(original) : headline(e);
    }

    /**
     * The first line of an exception's message, without a Spark analysis error's plan (its "simple message"),
     * cut at {@value #MAX_HEADLINE} characters.
     */
    static String headline(Throwable t) {
        String m = t.getMessage();
        if (m == null) {
            return "";
        }
        String simple = simpleMessage(t);
        String first = (simple != null ? simple : m).strip().lines().findFirst().orElse("").strip();
        return first.length() > MAX_HEADLINE ? first.substring(0, MAX_HEADLINE) + "…" : first;
    }

    /** Spark's AnalysisException keeps its message apart from the plan it appends; read it by name, not by type. */
    private static String simpleMessage(Throwable t) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("org.apache.spark.sql.AnalysisException")) {
                try {
                    return (String) c.getMethod("getSimpleMessage").invoke(t);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * Frames down to the last frame of cell code (below it are the kernel's cell threads and reflection), each
     * cell frame shown and each run of other frames folded. A cause's frames stop where they join the enclosing
     * trace, as Java's own "... n more" does.
     */
    private void appendFrames(List<String> tb, StackTraceElement[] frames, StackTraceElement[] enclosing) {
        int end = frames.length;
        if (enclosing != null) {
            int m = frames.length - 1;
            int n = enclosing.length - 1;
            while (m >= 0 && n >= 0 && frames[m].equals(enclosing[n])) {
                m--;
                n--;
            }
            end = m + 1;
        }
        int lastCell = -1;
        for (int i = end - 1; i >= 0; i--) {
            if (snippetId(frames[i]) != null) {
                lastCell = i;
                break;
            }
        }
        if (enclosing == null && lastCell >= 0) {
            end = lastCell + 1;
        }
        List<StackTraceElement> folded = new ArrayList<>();
        for (int i = 0; i < end; i++) {
            if (snippetId(frames[i]) != null) {
                fold(tb, folded);
                tb.add("    at " + frame(frames[i]));
            } else {
                folded.add(frames[i]);
            }
        }
        fold(tb, folded);
    }

    private static void fold(List<String> tb, List<StackTraceElement> run) {
        if (run.isEmpty()) {
            return;
        }
        Set<String> owners = new LinkedHashSet<>();
        for (StackTraceElement f : run) {
            owners.add(owner(f.getClassName()));
        }
        tb.add(FOLD + run.size() + (run.size() == 1 ? " frame" : " frames") + " in " + String.join(", ", owners));
        run.clear();
    }

    /** Who a frame belongs to, in words: the workbench, Spark, Kafka, the JDK, or its package. */
    static String owner(String className) {
        if (className.startsWith("io.workbench.")) {
            return "the workbench";
        }
        if (className.startsWith("org.apache.spark.") || className.startsWith("scala.")) {
            return "Spark";
        }
        if (className.startsWith("org.apache.kafka.")) {
            return "Kafka";
        }
        if (className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.")) {
            return "the JDK";
        }
        String[] parts = className.split("\\.");
        return parts.length > 2 ? parts[0] + "." + parts[1] + "." + parts[2] : className;
    }

    private String frame(StackTraceElement f) {
        String id = snippetId(f);
        CellEvaluator.Origin o = origins.get(id);
        String where = o == null ? "snippet " + id + ", line " + f.getLineNumber()
                : ("preload".equals(o.cell()) ? "preloaded code" : "cell " + o.cell() + ", line "
                        + (o.firstLine() + Math.max(1, f.getLineNumber()) - 1));
        String method = f.getMethodName();
        String cls = f.getClassName();
        if (method.isEmpty()) {
            return where;
        }
        return (cls.isEmpty() ? "" : cls + ".") + method + "(" + where + ")";
    }

    private static String snippetId(StackTraceElement f) {
        if (f.getFileName() == null) {
            return null;
        }
        Matcher m = SNIPPET_FILE.matcher(f.getFileName());
        return m.matches() ? m.group(1) : null;
    }

    private static String className(Throwable t) {
        return t instanceof EvalException ee ? ee.getExceptionClassName() : t.getClass().getName();
    }
}
