package io.workbench.jobs.analysis;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/**
 * One snippet of a cell: its source as JShell will see it, and where that source starts in the cell. A cell
 * holds any number of snippets; JShell evaluates one at a time.
 *
 * <p>A copy of the kernel's {@code io.workbench.kernel.jshell.Segment}, so that a cell splits here exactly as the
 * kernel splits it, without this module depending on the kernel (and, through it, on Spark).
 */
public record Segment(int start, String source, Completeness completeness) {

    public boolean isComplete() {
        return completeness == Completeness.COMPLETE || completeness == Completeness.COMPLETE_WITH_SEMI;
    }

    /** The end of this segment in the cell, not counting a semicolon JShell added. */
    public int end(String cell) {
        int len = completeness == Completeness.COMPLETE_WITH_SEMI ? source.length() - 1 : source.length();
        return Math.min(cell.length(), start + len);
    }

    /**
     * Drops leading whitespace, which JShell ignores when it numbers a snippet's lines, so that line 1 of the
     * snippet is the line {@link #start} is on.
     */
    private static Segment trimmed(int offset, String source, Completeness c) {
        int skip = 0;
        while (skip < source.length() && Character.isWhitespace(source.charAt(skip))) {
            skip++;
        }
        return new Segment(offset + skip, source.substring(skip), c);
    }

    /**
     * Splits a cell into snippets with JShell's own parser. Leading comments stay with the snippet that
     * follows them, so positions inside a snippet map to the cell by adding {@link #start}. An
     * incomplete or unparsable tail becomes one last segment, whose evaluation reports the error.
     */
    public static List<Segment> split(SourceCodeAnalysis analysis, String cell) {
        List<Segment> out = new ArrayList<>();
        int offset = 0;
        String rest = cell;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness c = info.completeness();
            if (c == Completeness.EMPTY) {
                break;
            }
            if (!c.isComplete() || info.source() == null) {
                out.add(trimmed(offset, rest, c));
                break;
            }
            int consumed = rest.length() - info.remaining().length();
            if (consumed <= 0) {
                out.add(trimmed(offset, rest, c));
                break;
            }
            out.add(trimmed(offset, info.source(), c));
            offset += consumed;
            rest = info.remaining();
        }
        return out;
    }
}
