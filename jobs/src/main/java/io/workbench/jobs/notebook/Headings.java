package io.workbench.jobs.notebook;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The markdown heading each cell sits under: the nearest ATX heading ({@code # …} to {@code ###### …}) in a
 * markdown cell above it, which names the cell in the generated code's comments and the report.
 */
public final class Headings {
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}[ \\t]+(.+?)(?:[ \\t]+#+)?[ \\t]*$", Pattern.MULTILINE);

    private final Map<String, String> byCell = new HashMap<>();
    private final String title;

    private Headings(Notebook notebook) {
        String current = "";
        String first = null;
        for (NotebookCell cell : notebook.cells()) {
            byCell.put(cell.id(), current);
            if (cell.type() == NotebookCell.Type.MARKDOWN) {
                Matcher m = HEADING.matcher(cell.source());
                while (m.find()) {
                    current = m.group(1).strip();
                    first = first == null ? current : first;
                }
            }
        }
        this.title = first;
    }

    public static Headings of(Notebook notebook) {
        return new Headings(notebook);
    }

    /** The heading above a cell, or an empty string when none is. */
    public String above(String cellId) {
        return byCell.getOrDefault(cellId, "");
    }

    /** The notebook's first heading, or null when it has none. */
    public String title() {
        return title;
    }
}
