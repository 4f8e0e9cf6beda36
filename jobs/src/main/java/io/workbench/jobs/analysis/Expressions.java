package io.workbench.jobs.analysis;

/**
 * Expression snippets. A call, an object creation, an assignment or an increment can stand as a statement and runs
 * in the job; any other expression (a name, a string, arithmetic) only shows its value in a notebook and is left out.
 * A job shows nothing, so the value a cell's last expression shows in the notebook is not shown; the report says so
 * (except for {@code display} calls, which the compiled class's rewrite judges by the displayed value's type).
 */
final class Expressions {
    private Expressions() {
    }

    static void expression(CellWork work, Segment seg, int at, boolean last, boolean variableName) {
        String src = seg.source();
        int end = variableName ? -1 : SnippetTrees.statementExpressionEnd(src);
        String shown = abbreviate(src.substring(Sources.firstCode(src)).strip());
        if (end < 0) {
            work.dropped(at, (last ? "only shows a value" : "an expression with no effect") + " (`" + shown
                    + "`): left out");
            return;
        }
        String text = src.substring(end).stripLeading().startsWith(";") ? src
                : src.substring(0, end) + ";" + src.substring(end);
        work.keep(work.fragment(seg, text), false);
        if (last && !shown.startsWith("display(") && !shown.startsWith("clearOutput(")) {
            work.changed(at, "`" + shown + "` runs, but the value it shows in the notebook is not shown in a job");
        }
    }

    /** The first line of an expression, cut at 60 characters, for the report. */
    static String abbreviate(String code) {
        String first = code.lines().findFirst().orElse("");
        boolean more = first.length() < code.length();
        if (first.length() > 60) {
            return first.substring(0, 57) + "…";
        }
        return more ? first + " …" : first;
    }
}
