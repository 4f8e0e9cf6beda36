package io.workbench.jobs.notebook;

import java.util.List;

/**
 * One cell of a notebook as the exporter sees it: nbformat's id (or {@code cell-N} in notebooks older than 4.5,
 * which have none), its type, its source as one string and the tags in {@code metadata.tags}.
 *
 * @param index    the cell's position in the notebook, from 0
 * @param tagsJson {@code metadata.tags} as compact JSON ({@code ["parameters"]}), or "" when the cell has none; the
 *                 revision hashes it as it is
 */
public record NotebookCell(int index, String id, Type type, String source, List<String> tags, String tagsJson) {
    /** The tag of the cell that holds a notebook's parameters (papermill's convention). */
    public static final String PARAMETERS = "parameters";
    /** The tag of a cell that only explores: an export leaves it out. */
    public static final String EXPLORATION = "exploration";

    /** nbformat's cell types. */
    public enum Type { CODE, MARKDOWN, RAW }

    public NotebookCell {
        tags = List.copyOf(tags);
    }

    public boolean isCode() {
        return type == Type.CODE;
    }

    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }
}
