package io.workbench.kernel.jshell;

import io.workbench.protocol.messages.ErrorContent;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.EvalException;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Turns cell failures into Jupyter error content. Compile errors point at the cell's line and column with a
 * caret; stack frames of cell code read "cell [3], line 2" instead of JShell's snippet numbers; the kernel's
 * own frames (reflection, cell threads) are left out.
 */
public final class Tracebacks {
    private static final String RED = "\u001b[0;31m";
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";
    private static final Pattern SNIPPET_FILE = Pattern.compile("#(\\d+)");
    private static final int MAX_FRAMES = 40;

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
        if (e instanceof UnresolvedReferenceException u) {
            String what = u.getSnippet().source().lines().findFirst().orElse("").trim();
            String msg = "'" + what + "' cannot run until what it uses is declared";
            return new ErrorContent("UnresolvedReference", msg, List.of(RED + "UnresolvedReference" + RESET + ": " + msg));
        }
        List<String> tb = new ArrayList<>();
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        boolean first = true;
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            String header = className(t) + (t.getMessage() == null ? "" : ": " + t.getMessage());
            tb.add(first ? RED + BOLD + header + RESET : "Caused by: " + header);
            appendFrames(tb, t.getStackTrace(), first);
            first = false;
        }
        String ename = className(e);
        if (ename.equals(OutOfMemoryError.class.getName())) {
            tb.add("");
            tb.add("The cell ran out of memory. The kernel heap is " + (maxHeapBytes >> 20) + " MiB; the kernel is"
                    + " still running. Free memory by dropping large values, or raise WORKBENCH_KERNEL_HEAP and"
                    + " restart the kernel.");
        }
        return new ErrorContent(ename, e.getMessage() == null ? "" : e.getMessage(), tb);
    }

    public ErrorContent interrupted() {
        return new ErrorContent("Interrupted", "The cell was interrupted; the kernel kept its state.",
                List.of(RED + "Interrupted" + RESET + ": the cell was stopped; variables keep the values they had."));
    }

    private void appendFrames(List<String> tb, StackTraceElement[] frames, boolean outermost) {
        int end = frames.length;
        if (outermost) {
            for (int i = frames.length - 1; i >= 0; i--) {
                if (snippetId(frames[i]) != null) {
                    end = i + 1;
                    break;
                }
            }
        }
        int shown = Math.min(end, MAX_FRAMES);
        for (int i = 0; i < shown; i++) {
            tb.add("    at " + frame(frames[i]));
        }
        if (shown < end) {
            tb.add("    … " + (end - shown) + " more");
        }
    }

    private String frame(StackTraceElement f) {
        String id = snippetId(f);
        if (id == null) {
            return f.toString();
        }
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
