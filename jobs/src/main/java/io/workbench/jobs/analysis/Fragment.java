package io.workbench.jobs.analysis;

/**
 * Code that comes from a notebook cell, as it goes into the generated class: its first line is line
 * {@code firstLine} of cell {@code cellId}, and each line after it the next line of that cell. Rewrites keep the
 * number of lines, so a compile error in the generated class maps back to the cell's own line.
 */
public record Fragment(String cellId, int firstLine, String text) {
    static int lineBreaks(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
