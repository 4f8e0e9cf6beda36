package io.workbench.jobs.source;

import java.util.ArrayList;
import java.util.List;

/**
 * The generated class's source, with the notebook cell and line each of its lines came from (none for lines the
 * exporter wrote itself), so that a compile error names the cell. Immutable.
 */
public final class JobSource {
    private static final Origin NONE = new Origin(null, 0);

    /** A line of a notebook cell, counted from 1. */
    public record Origin(String cellId, int line) {
    }

    private final String qualifiedName;
    private final String text;
    private final List<Origin> origins;

    /**
     * @param origins for each line of {@code text}, where it came from, or null for a line the exporter wrote
     */
    public JobSource(String qualifiedName, String text, List<Origin> origins) {
        this.qualifiedName = qualifiedName;
        this.text = text;
        this.origins = origins.stream().map(o -> o == null ? NONE : o).toList();
    }

    /** {@code jobs.SalesPerWindowJob}. */
    public String qualifiedName() {
        return qualifiedName;
    }

    public String simpleName() {
        return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    }

    /** The path of the source file in a project, {@code src/main/java/jobs/SalesPerWindowJob.java}. */
    public String path() {
        return "src/main/java/" + qualifiedName.replace('.', '/') + ".java";
    }

    public String text() {
        return text;
    }

    /** Where line {@code line} (from 1) of the class came from, or null when the exporter wrote it. */
    public Origin origin(long line) {
        if (line < 1 || line > origins.size()) {
            return null;
        }
        Origin o = origins.get((int) line - 1);
        return o == NONE ? null : o;
    }

    /** The same class with its text rewritten, keeping every line where it was. */
    public JobSource withText(String rewritten) {
        if (rewritten.lines().count() != text.lines().count()) {
            throw new IllegalArgumentException("a rewrite moved lines of " + qualifiedName);
        }
        return new JobSource(qualifiedName, rewritten, new ArrayList<>(origins));
    }
}
