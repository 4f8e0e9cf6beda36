package io.workbench.kernel.jshell;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/**
 * Completion, inspection and completeness of cell code, with JShell's SourceCodeAnalysis applied to the
 * snippet under the cursor. Cursor positions are in Unicode code points, as Jupyter counts them.
 */
public final class CodeAnalysis {
    /** Completion matches replacing the code points from {@code start} to {@code end}. */
    public record Completions(List<String> matches, int start, int end) {
    }

    private final SourceCodeAnalysis analysis;

    public CodeAnalysis(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    public Completions complete(String code, int cursorCodePoints) {
        int cursor = toCharIndex(code, cursorCodePoints);
        Segment seg = segmentAt(code, cursor);
        int local = cursor - seg.start();
        String source = code.substring(seg.start(), Math.min(code.length(), seg.start() + Math.max(local, 0)));
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(source, source.length(), anchor);
        Set<String> matches = new LinkedHashSet<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType)
                .forEach(s -> matches.add(s.continuation()));
        suggestions.forEach(s -> matches.add(s.continuation()));
        int start = seg.start() + anchor[0];
        return new Completions(new ArrayList<>(matches), code.codePointCount(0, start), cursorCodePoints);
    }

    /** Signatures and javadoc of what is under the cursor, or an empty string. */
    public String inspect(String code, int cursorCodePoints) {
        int cursor = toCharIndex(code, cursorCodePoints);
        Segment seg = segmentAt(code, cursor);
        String source = code.substring(seg.start(), Math.min(code.length(), seg.end(code)));
        int local = Math.max(0, Math.min(source.length(), cursor - seg.start()));
        local = extendToIdentifierEnd(source, local);
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(source, local, true);
        if (docs.isEmpty() && (local >= source.length() || source.charAt(local) != '(')) {
            // JShell documents a method once it sees the call's parenthesis: "String.valueOf" -> "String.valueOf(".
            docs = analysis.documentation(source.substring(0, local) + "(", local + 1, true);
        }
        StringBuilder sb = new StringBuilder();
        for (SourceCodeAnalysis.Documentation d : docs) {
            if (sb.length() > 0) {
                sb.append("\n\n");
            }
            sb.append(d.signature());
            if (d.javadoc() != null && !d.javadoc().isBlank()) {
                sb.append("\n\n").append(d.javadoc().strip());
            }
        }
        return sb.toString();
    }

    /** complete, incomplete or invalid, as is_complete_reply says it. */
    public String completeness(String code) {
        if (code.isBlank()) {
            return "complete";
        }
        for (Segment s : Segment.split(analysis, code)) {
            Completeness c = s.completeness();
            if (c == Completeness.DEFINITELY_INCOMPLETE || c == Completeness.CONSIDERED_INCOMPLETE) {
                return "incomplete";
            }
            if (c == Completeness.UNKNOWN) {
                return "invalid";
            }
        }
        return "complete";
    }

    private Segment segmentAt(String code, int cursor) {
        List<Segment> segments = Segment.split(analysis, code.substring(0, Math.min(cursor, code.length())));
        if (segments.isEmpty()) {
            return new Segment(0, "", Completeness.EMPTY);
        }
        Segment last = segments.get(segments.size() - 1);
        // The cursor sits in the last snippet before it, unless that snippet is complete and ends before it.
        if (last.isComplete() && last.end(code) < cursor && code.substring(last.end(code), cursor).isBlank()) {
            return new Segment(cursor, "", Completeness.EMPTY);
        }
        return last;
    }

    /** Documentation wants the cursor on or after the name, so move it to the end of the identifier. */
    private static int extendToIdentifierEnd(String s, int i) {
        while (i < s.length() && Character.isJavaIdentifierPart(s.charAt(i))) {
            i++;
        }
        return i;
    }

    static int toCharIndex(String s, int codePoints) {
        try {
            return s.offsetByCodePoints(0, Math.max(0, Math.min(codePoints, s.codePointCount(0, s.length()))));
        } catch (IndexOutOfBoundsException e) {
            return s.length();
        }
    }
}
