package io.workbench.jobs.analysis;

import java.util.ArrayList;
import java.util.List;

/** Offsets in a cell to 1-based lines and columns, and the text of a line (as the kernel's LineMap). */
public final class LineMap {
    private final String text;
    private final List<Integer> starts = new ArrayList<>();

    public LineMap(String text) {
        this.text = text;
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
    }

    public int length() {
        return text.length();
    }

    public int line(int offset) {
        int lo = 0;
        int hi = starts.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts.get(mid) <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    public int column(int offset) {
        return offset - starts.get(line(offset) - 1) + 1;
    }

    /** The text of the line holding {@code offset}, without its line break. */
    public String text(int offset) {
        int start = starts.get(line(offset) - 1);
        int end = text.indexOf('\n', start);
        return text.substring(start, end < 0 ? text.length() : end);
    }
}
