package io.workbench.ext.live;

import io.workbench.ext.display.DisplaySink;
import io.workbench.ext.display.Table;
import io.workbench.ext.query.QueryRegistry;
import io.workbench.ext.query.QuerySnapshot;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The live outputs of the queries of a runtime, kept up to date from the query registry's events: each view
 * hears of its query's progress and end. A query started with {@code writeStream()...start()} gets a status line in
 * the cell that started it; a query started by {@code display(...)} shows the view that started it.
 *
 * <p>Thread-safe. Registry events arrive on Spark's threads; views send at most 4 updates a second each, from a
 * timer thread of their own when they must wait.
 */
public final class LiveViews implements QueryRegistry.Listener, AutoCloseable {
    private final DisplaySink sink;
    private final QueryRegistry registry;
    private final Map<UUID, List<LiveView>> views = new ConcurrentHashMap<>();
    private final Set<String> startingLive = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "live-view-refresh");
        t.setDaemon(true);
        return t;
    });

    public LiveViews(DisplaySink sink, QueryRegistry registry) {
        this.sink = sink;
        this.registry = registry;
        registry.addListener(this);
    }

    DisplaySink sink() {
        return sink;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    String timeZone() {
        return registry.timeZone();
    }

    /** A query named {@code name} is about to start behind a view of its own: no status line for it. */
    void expect(String name) {
        startingLive.add(name);
    }

    void forget(String name) {
        startingLive.remove(name);
    }

    /** Adds a view of a query and shows it. */
    void show(UUID queryId, LiveView view) {
        views.computeIfAbsent(queryId, k -> new CopyOnWriteArrayList<>()).add(view);
        view.show();
    }

    /** The views of a query. */
    List<LiveView> of(UUID queryId) {
        return views.getOrDefault(queryId, List.of());
    }

    /**
     * The rows the query's live view shows now, as a table, for checks in a cell.
     *
     * @throws IllegalArgumentException when the query has no view with a table
     */
    public Table table(String nameOrId) {
        QuerySnapshot q = registry.snapshot(nameOrId);
        for (LiveView v : of(q.id())) {
            Table t = v.table();
            if (t != null) {
                return t;
            }
        }
        throw new IllegalArgumentException("Query " + q.name() + " has no live table: display(dataset) shows one.");
    }

    @Override
    public void onStarted(QuerySnapshot query, StreamingQuery handle) {
        List<LiveView> existing = of(query.id());
        if (!startingLive.remove(query.name()) && existing.isEmpty()) {
            // A query from writeStream().start(): a compact live status line in the cell that started it.
            show(query.id(), new LiveView(this, query, null, null));
        } else {
            existing.forEach(v -> {
                v.query(query);
                v.refresh(true);
            });
        }
    }

    @Override
    public void onProgress(QuerySnapshot query) {
        of(query.id()).forEach(v -> {
            v.query(query);
            v.refresh(false);
        });
    }

    @Override
    public void onTerminated(QuerySnapshot query) {
        of(query.id()).forEach(v -> {
            v.query(query);
            v.refresh(true);
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
