package io.workbench.ext.display;

/** How much of a value to show: the row limit for tables and datasets, and the width of text cells. */
public record RenderOptions(int maxRows, int maxCellChars) {
    public static final RenderOptions DEFAULT = new RenderOptions(20, 200);
}
