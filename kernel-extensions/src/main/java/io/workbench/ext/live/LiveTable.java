package io.workbench.ext.live;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.workbench.ext.query.ResultMode;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The rows of a live view, combined from micro-batches as the query's {@link ResultMode} says: by key in update
 * mode (a batch's row replaces the row with the same key, so a window is never shown twice however often it is
 * updated), the whole result in complete mode (each batch replaces everything, in Spark's order), or newest first
 * for appended rows and for updates that cannot be keyed. At most {@link #MAX_KEYED_ROWS} rows by key or of a
 * whole result (enough for a day of 1-minute windows of a dozen groups, and what {@code streams.table(name)}
 * returns), or {@link #SHOWN_ROWS} appended rows: the oldest updated go first. A view shows the newest
 * {@link #SHOWN_ROWS}. Thread-safe.
 */
final class LiveTable {
    static final int SHOWN_ROWS = 200;
    static final int MAX_KEYED_ROWS = 20_000;

    /** A column as the view shows it. */
    record Column(String name, String type, boolean numeric) {
    }

    private final List<Column> columns = new ArrayList<>();
    private final int[] key;
    private final ResultMode.Rows kind;
    private final Map<List<Object>, List<Object>> rows = new LinkedHashMap<>();
    private long sequence;
    private long updates;

    /**
     * @param kind what each batch holds
     * @param key  the columns that identify a row, for {@link ResultMode.Rows#BY_KEY}
     */
    LiveTable(StructType schema, ResultMode.Rows kind, int[] key) {
        for (StructField f : schema.fields()) {
            DataType t = f.dataType();
            columns.add(new Column(f.name(), t.simpleString(), t instanceof NumericType));
        }
        this.kind = kind;
        this.key = kind == ResultMode.Rows.BY_KEY ? key.clone() : new int[0];
    }

    List<Column> columns() {
        return columns;
    }

    List<String> keyNames() {
        List<String> out = new ArrayList<>();
        for (int i : key) {
            out.add(columns.get(i).name());
        }
        return out;
    }

    boolean keyed() {
        return key.length > 0;
    }

    ResultMode.Rows kind() {
        return kind;
    }

    /** Merges one micro-batch. */
    synchronized void merge(List<Row> batch) {
        if (kind == ResultMode.Rows.WHOLE) {
            rows.clear();
        }
        for (Row r : batch) {
            List<Object> values = new ArrayList<>(r.size());
            for (int i = 0; i < r.size(); i++) {
                values.add(plain(r.get(i)));
            }
            List<Object> k;
            if (key.length > 0) {
                k = new ArrayList<>(key.length);
                for (int i : key) {
                    k.add(values.get(i));
                }
            } else {
                k = List.of(sequence++);
            }
            rows.remove(k);
            rows.put(k, values);
            updates++;
        }
        for (Iterator<List<Object>> it = rows.keySet().iterator(); rows.size() > maxRows() && it.hasNext(); ) {
            it.next();
            it.remove();
        }
    }

    /**
     * Writes the rows next to the query's checkpoint, so that a resumed query (whose state comes from the
     * checkpoint, and which then only emits the keys it updates) still shows the rows of its earlier runs.
     */
    void save(java.nio.file.Path file) throws java.io.IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        synchronized (this) {
            doc.put("columns", columns.stream().map(Column::name).toList());
            doc.put("rows", new ArrayList<>(rows.values()));
        }
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), doc);
        java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Restores rows saved by {@link #save}; a snapshot of other columns (another query) is ignored. */
    boolean load(java.nio.file.Path file) throws java.io.IOException {
        if (!java.nio.file.Files.isRegularFile(file)) {
            return false;
        }
        Map<?, ?> doc = JSON.readValue(file.toFile(), Map.class);
        if (!columns.stream().map(Column::name).toList().equals(doc.get("columns"))) {
            return false;
        }
        List<Row> restored = new ArrayList<>();
        for (Object r : (List<?>) doc.get("rows")) {
            restored.add(org.apache.spark.sql.RowFactory.create(((List<?>) r).toArray()));
        }
        merge(restored);
        synchronized (this) {
            updates = 0;
        }
        return true;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_LONG_FOR_INTS);

    private int maxRows() {
        return kind == ResultMode.Rows.BY_KEY || kind == ResultMode.Rows.WHOLE ? MAX_KEYED_ROWS : SHOWN_ROWS;
    }

    /** How many row updates the view has received. */
    synchronized long updates() {
        return updates;
    }

    /**
     * The rows to show: a whole result in Spark's order; rows by key by window start, newest first, when there is a
     * window column; otherwise newest first.
     */
    synchronized List<List<Object>> snapshot() {
        List<List<Object>> out = new ArrayList<>(rows.values());
        if (kind == ResultMode.Rows.WHOLE) {
            return out;
        }
        java.util.Collections.reverse(out);
        int w = windowColumn();
        if (w >= 0) {
            Comparator<List<Object>> byStart = Comparator.comparing(r -> String.valueOf(start(r.get(w))));
            out.sort(byStart.reversed());
        }
        return out;
    }

    /** The index of a column named "window" holding a {start, end} struct, or -1. */
    int windowColumn() {
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (c.name().equals("window") && c.type().startsWith("struct<start:timestamp")) {
                return i;
            }
        }
        return -1;
    }

    static Object start(Object window) {
        return window instanceof Map<?, ?> m ? m.get("start") : window;
    }

    /** A Spark value as plain JSON-ready Java: strings, numbers, booleans, maps and lists. */
    static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof Double) {
            return v;
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            return v;
        }
        if (v instanceof Number n) {
            return v instanceof BigDecimal || v instanceof Float ? (Object) n.doubleValue() : (Object) n.longValue();
        }
        if (v instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (v instanceof Date d) {
            return d.toLocalDate().toString();
        }
        if (v instanceof java.time.Instant i) {
            return i.toString();
        }
        if (v instanceof Row r) {
            Map<String, Object> m = new LinkedHashMap<>();
            String[] names = r.schema() == null ? null : r.schema().fieldNames();
            for (int i = 0; i < r.size(); i++) {
                m.put(names == null ? "_" + (i + 1) : names[i], plain(r.get(i)));
            }
            return m;
        }
        if (v instanceof scala.collection.Seq<?> s) {
            List<Object> l = new ArrayList<>();
            scala.collection.JavaConverters.seqAsJavaList(s).forEach(x -> l.add(plain(x)));
            return l;
        }
        if (v instanceof byte[] b) {
            return "<" + b.length + " bytes>";
        }
        return v.toString();
    }
}
