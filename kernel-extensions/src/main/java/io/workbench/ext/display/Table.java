package io.workbench.ext.display;

import java.util.ArrayList;
import java.util.List;

/**
 * A small in-memory table: named, typed columns and rows. Kafka helpers return these, datasets are shown
 * through them, and they render as an HTML table with a plain-text fallback.
 *
 * @param truncated true when the source had more rows than are held here
 */
public record Table(String title, List<Column> columns, List<List<Object>> rows, boolean truncated) implements Renderable {

    public record Column(String name, String type) {
    }

    public Table {
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new ArrayList<>(r))).toList();
    }

    public static Builder builder(String title) {
        return new Builder(title);
    }

    public int size() {
        return rows.size();
    }

    /** The values of one column, by name. */
    public List<Object> column(String name) {
        int i = indexOf(name);
        return rows.stream().map(r -> r.get(i)).toList();
    }

    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name + " in " + columns.stream().map(Column::name).toList());
    }

    @Override
    public MimeBundle toMimeBundle() {
        return TableRenderer.render(this, RenderOptions.DEFAULT);
    }

    @Override
    public String toString() {
        return TableRenderer.text(this, RenderOptions.DEFAULT);
    }

    /** Builds a table row by row. */
    public static final class Builder {
        private final String title;
        private final List<Column> columns = new ArrayList<>();
        private final List<List<Object>> rows = new ArrayList<>();
        private boolean truncated;

        private Builder(String title) {
            this.title = title;
        }

        public Builder column(String name, String type) {
            columns.add(new Column(name, type));
            return this;
        }

        public Builder row(Object... values) {
            if (values.length != columns.size()) {
                throw new IllegalArgumentException("expected " + columns.size() + " values, got " + values.length);
            }
            rows.add(java.util.Arrays.asList(values));
            return this;
        }

        public Builder truncated(boolean truncated) {
            this.truncated = truncated;
            return this;
        }

        public Table build() {
            return new Table(title, columns, rows, truncated);
        }
    }
}
