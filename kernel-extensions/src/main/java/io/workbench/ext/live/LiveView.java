package io.workbench.ext.live;

import io.workbench.ext.display.MimeBundle;
import io.workbench.ext.query.QuerySnapshot;
import io.workbench.ext.query.ResultMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One live output of a query: a display_data with a display_id, then an update_display_data per micro-batch,
 * at most one every {@value #MIN_INTERVAL_MS} ms (a trailing update always follows the last change). Each bundle
 * holds the workbench's rich view as JSON, HTML with an inline SVG chart (stock Jupyter), and plain text.
 * Without a table it is the query's status line: name, state, progress figures and, if it failed, the error.
 */
final class LiveView {
    static final String MIME = "application/vnd.workbench.live+json";
    static final long MIN_INTERVAL_MS = 250;
    private static final int TEXT_ROWS = 20;

    private final LiveViews views;
    private volatile QuerySnapshot query;
    private volatile LiveTable table;
    /** The output mode and what a batch holds; null for a status line or a memory sink's rows. */
    private final ResultMode result;
    /** Fills the table before each update (a memory sink's rows); null when batches fill it. */
    private volatile Runnable reload;
    private final String displayId = UUID.randomUUID().toString();
    private long lastSentNanos;
    private boolean scheduled;

    LiveView(LiveViews views, QuerySnapshot query, LiveTable table, ResultMode result) {
        this.views = views;
        this.query = query;
        this.table = table;
        this.result = result;
    }

    /** The query as it is now; the view shows it at its next update. */
    void query(QuerySnapshot now) {
        this.query = now;
    }

    String displayId() {
        return displayId;
    }

    boolean hasTable() {
        return table != null;
    }

    /** Turns a status line into a view of rows that {@code reload} fetches before each update. */
    void showRows(LiveTable rows, Runnable reloadRows) {
        this.table = rows;
        this.reload = reloadRows;
    }

    /** The rows shown now as a table (window structs as maps), or null for a status line. */
    io.workbench.ext.display.Table table() {
        if (table == null) {
            return null;
        }
        io.workbench.ext.display.Table.Builder b = io.workbench.ext.display.Table.builder(query.name());
        table.columns().forEach(c -> b.column(c.name(), c.type()));
        table.snapshot().forEach(r -> b.row(r.toArray()));
        return b.build();
    }

    synchronized void show() {
        views.sink().display(bundle(), displayId);
        lastSentNanos = System.nanoTime();
    }

    /** Sends the current state, now if {@code force} or if the last update is old enough, else a bit later. */
    void refresh(boolean force) {
        long waitMs;
        synchronized (this) {
            waitMs = MIN_INTERVAL_MS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastSentNanos);
            // Reloading rows runs a Spark job: never on Spark's listener thread, always on the view timer.
            if (reload != null || (!force && waitMs > 0)) {
                if (!scheduled) {
                    try {
                        views.timer().schedule(this::trailing, force ? 0 : Math.max(0, waitMs), TimeUnit.MILLISECONDS);
                        scheduled = true;
                    } catch (java.util.concurrent.RejectedExecutionException e) {
                        // The kernel is shutting down: Spark's last events about its queries arrive after the timer stopped.
                    }
                }
                return;
            }
        }
        send();
    }

    private void trailing() {
        synchronized (this) {
            scheduled = false;
        }
        send();
    }

    private synchronized void send() {
        Runnable r = reload;
        if (r != null) {
            try {
                r.run();
            } catch (RuntimeException e) {
                // The table of a stopped query can be gone; the status line still says how it ended.
                org.slf4j.LoggerFactory.getLogger(LiveView.class).debug("reloading rows of {}: {}", query.name(), e.toString());
            }
        }
        views.sink().update(bundle(), displayId);
        lastSentNanos = System.nanoTime();
    }

    MimeBundle bundle() {
        Map<String, Object> json = json();
        return MimeBundle.builder().put(MIME, json).put(MimeBundle.HTML, LiveHtml.html(json))
                .put(MimeBundle.TEXT, text(json)).build();
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "query");
        QuerySnapshot q = query;
        m.put("query", q.toViewJson());
        if (result != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("outputMode", result.modeName());
            r.put("rows", result.rows().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            r.put("description", result.rows().description());
            m.put("result", r);
        }
        if (table != null) {
            List<Map<String, Object>> cols = new ArrayList<>();
            for (LiveTable.Column c : table.columns()) {
                cols.add(Map.of("name", c.name(), "type", c.type()));
            }
            m.put("columns", cols);
            m.put("key", table.keyNames());
            List<List<Object>> rows = table.snapshot();
            m.put("rows", rows.subList(0, Math.min(rows.size(), LiveTable.SHOWN_ROWS)));
            m.put("totalRows", rows.size());
            Map<String, Object> chart = chart();
            if (chart != null) {
                m.put("chart", chart);
            }
        }
        m.put("progress", q.progress() == null ? Map.of() : q.progress().toJson());
        m.put("timeZone", views.timeZone());
        return m;
    }

    /**
     * A chart of the first measure over time, one line per value of the first other key column: the x axis is the
     * window's start, or a timestamp key column (a window flattened to its start).
     */
    private Map<String, Object> chart() {
        String x = null;
        int w = table.windowColumn();
        if (w >= 0) {
            x = table.columns().get(w).name();
        } else {
            for (String k : table.keyNames()) {
                if (table.columns().stream().anyMatch(c -> c.name().equals(k) && c.type().equals("timestamp"))) {
                    x = k;
                    break;
                }
            }
        }
        if (x == null) {
            return null;
        }
        String y = null;
        for (LiveTable.Column c : table.columns()) {
            if (c.numeric() && !table.keyNames().contains(c.name())) {
                y = c.name();
                break;
            }
        }
        if (y == null) {
            return null;
        }
        String series = null;
        for (String k : table.keyNames()) {
            if (!k.equals(x)) {
                series = k;
                break;
            }
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("x", x);
        c.put("y", y);
        c.put("series", series);
        return c;
    }

    @SuppressWarnings("unchecked")
    private static String text(Map<String, Object> json) {
        StringBuilder out = new StringBuilder(LiveHtml.statusLine(json));
        Object error = ((Map<String, Object>) json.get("query")).get("error");
        if (error != null) {
            out.append("\n").append(error);
        }
        List<Map<String, Object>> cols = (List<Map<String, Object>>) json.get("columns");
        if (cols != null) {
            List<List<Object>> rows = (List<List<Object>>) json.get("rows");
            out.append("\n");
            java.time.ZoneId zone = LiveHtml.zone(json);
            List<String> names = cols.stream().map(c -> LiveHtml.header(c, zone)).toList();
            out.append(String.join(" | ", names));
            for (int i = 0; i < rows.size() && i < TEXT_ROWS; i++) {
                out.append("\n");
                List<String> cells = new ArrayList<>();
                for (Object v : rows.get(i)) {
                    cells.add(LiveHtml.cell(v, zone));
                }
                out.append(String.join(" | ", cells));
            }
            if (rows.size() > TEXT_ROWS) {
                out.append("\n… ").append(rows.size() - TEXT_ROWS).append(" more rows");
            }
        }
        return out.toString();
    }
}
