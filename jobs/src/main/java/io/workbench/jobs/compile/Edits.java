package io.workbench.jobs.compile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replacements of character ranges in a source, applied together. Every replacement keeps the line breaks of the
 * text it replaces (white space in front of the removed text stays in front; missing line breaks follow), so no
 * line of the source moves. Ranges must not overlap. Not thread-safe.
 */
final class Edits {
    private record Edit(int start, int end, String text, int order) {
    }

    private final String source;
    private final List<Edit> edits = new ArrayList<>();

    Edits(String source) {
        this.source = source;
    }

    void insert(int at, String text) {
        replace(at, at, text);
    }

    void replace(int start, int end, String text) {
        String removed = source.substring(start, end);
        int lead = 0;
        while (lead < removed.length() && Character.isWhitespace(removed.charAt(lead))) {
            lead++;
        }
        String leading = removed.substring(0, lead);
        int missing = breaks(removed) - breaks(leading) - breaks(text);
        edits.add(new Edit(start, end, leading + text + "\n".repeat(Math.max(0, missing)), edits.size()));
    }

    boolean isEmpty() {
        return edits.isEmpty();
    }

    String apply() {
        StringBuilder out = new StringBuilder(source);
        List<Edit> sorted = new ArrayList<>(edits);
        // From the end, so earlier positions stay valid; of two at one place, the later-made goes in first.
        sorted.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::order).reversed());
        for (Edit e : sorted) {
            out.replace(e.start(), e.end(), e.text());
        }
        return out.toString();
    }

    private static int breaks(String s) {
        return (int) s.chars().filter(c -> c == '\n').count();
    }
}
