package io.workbench.ext.streaming;

import io.workbench.config.ConfigKey;
import io.workbench.config.Settings;
import io.workbench.ext.display.DisplaySink;
import io.workbench.ext.display.Table;
import io.workbench.ext.query.QueryFailure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every streaming query of the kernel's Spark session, by the notebook cell that started it, whatever variable
 * (if any) holds it. A Spark listener sees each query start on the query's own thread while {@code start()}
 * still waits, which is while its cell runs: that cell owns it. Running the cell again stops what it owned;
 * closing the registry (kernel shutdown or restart) stops everything. A query that ends with an error stays
 * listed as failed, with the error shown in its views, until its cell runs again.
 *
 * <p>Thread-safe: cells, Spark's listener thread and the kernel's control thread all call in.
 */
public final class StreamRegistry implements AutoCloseable {
    public static final ConfigKey<Path> CHECKPOINTS = ConfigKey.path("streaming.checkpoint-dir", "data/checkpoints",
            "Where queries started by display(...) keep their checkpoints, one directory per notebook and query,"
                    + " so that a restarted query resumes where it stopped.");

    private static final Logger LOG = LoggerFactory.getLogger(StreamRegistry.class);

    private final Map<UUID, QueryEntry> queries = new ConcurrentHashMap<>();
    private final Set<String> liveNames = ConcurrentHashMap.newKeySet();
    private final Producers producers;
    private final DisplaySink sink;
    private final Path checkpointRoot;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "live-view-refresh");
        t.setDaemon(true);
        return t;
    });
    private volatile CellOwner current = CellOwner.BACKGROUND;
    /** The notebook's checkpoint directory name: from the last cell that named its notebook. */
    private volatile String notebookDir = CellOwner.BACKGROUND.notebookDir();
    private volatile SparkSession spark;

    public StreamRegistry(DisplaySink sink, Settings settings, String bootstrapServers) {
        this.sink = sink;
        this.checkpointRoot = settings.resolve(CHECKPOINTS);
        this.producers = new Producers(this, bootstrapServers);
    }

    /** Starts tracking the queries of {@code session}. */
    public void attach(SparkSession session) {
        this.spark = session;
        session.streams().addListener(new Listener());
        defaultCheckpoints();
    }

    /**
     * Named queries started with writeStream() without a checkpointLocation check-point under the notebook's
     * directory too (Spark appends the query name), so they resume when started again.
     */
    private void defaultCheckpoints() {
        SparkSession s = spark;
        if (s != null) {
            s.conf().set("spark.sql.streaming.checkpointLocation", checkpointRoot.resolve(notebookDir).toString());
        }
    }

    public Producers producers() {
        return producers;
    }

    /**
     * A cell starts: what it started the last time it ran is stopped, and what it starts now is its own.
     * Called on the kernel's shell thread before the cell's code runs.
     */
    public void beginCell(CellOwner owner) {
        stopOwnedBy(owner.cellId());
        current = owner;
        if (owner.notebook() != null && !owner.notebookDir().equals(notebookDir)) {
            notebookDir = owner.notebookDir();
            defaultCheckpoints();
        }
    }

    public void endCell() {
        current = CellOwner.BACKGROUND;
    }

    /**
     * The session time zone, in which outputs show times ({@code spark.sql.session.timeZone}); "UTC" before Spark
     * has started.
     */
    public String timeZone() {
        SparkSession s = spark;
        return s == null ? "UTC" : s.conf().get("spark.sql.session.timeZone", "UTC");
    }

    /** The cell that owns what starts now. */
    public CellOwner current() {
        return current;
    }

    SparkSession spark() {
        return spark;
    }

    DisplaySink sink() {
        return sink;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /** The checkpoint directory of a query of the current notebook. */
    Path checkpoint(String queryName) {
        if (!queryName.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,199}")) {
            throw new IllegalArgumentException("A query name is letters, digits, '_', '.' and '-' (it names its"
                    + " checkpoint directory), not '" + queryName + "'.");
        }
        return checkpointRoot.resolve(notebookDir).resolve(queryName);
    }

    /**
     * Lists a query that could not start (Spark refused it, or its checkpoint belongs to another query) as failed,
     * with its reason, under the running cell; running the cell again removes it.
     */
    public void refused(String name, Throwable error) {
        QueryFailure f = QueryFailure.of(error, name);
        QueryEntry e = new QueryEntry(UUID.randomUUID(), null, name, current);
        e.status = QueryEntry.Status.FAILED;
        e.error = f.message();
        e.failureKind = f.kind();
        queries.put(e.id, e);
    }

    /** Marks a query name as started by a live view, which shows it itself (no separate status line). */
    void expectLive(String name) {
        liveNames.add(name);
    }

    void forgetLive(String name) {
        liveNames.remove(name);
    }

    QueryEntry entry(UUID id) {
        return queries.get(id);
    }

    /** Stops the queries and producers a cell started, and forgets those that already ended. */
    public void stopOwnedBy(String cellId) {
        for (QueryEntry e : new ArrayList<>(queries.values())) {
            if (e.owner.cellId().equals(cellId)) {
                queries.remove(e.id);
                stopQuietly(e);
                // Spark tells listeners later, when the entry is gone: say it in the cell's views now.
                if (e.status == QueryEntry.Status.RUNNING) {
                    e.status = QueryEntry.Status.STOPPED;
                }
                e.views.forEach(v -> v.refresh(true));
            }
        }
        producers.stopOwnedBy(cellId);
    }

    /** The queries, newest last, as a table for a cell. */
    public Table list() {
        Table.Builder t = Table.builder("Streaming queries").column("name", "string").column("cell", "string")
                .column("status", "string").column("input rows/s", "double").column("processed rows/s", "double")
                .column("batch", "long").column("error", "string");
        for (QueryEntry e : sorted()) {
            Map<String, Object> p = ProgressFacts.of(e.progress);
            t.row(e.name, e.owner.cellId(), e.status.name().toLowerCase(), p.get("inputRowsPerSecond"),
                    p.get("processedRowsPerSecond"), p.get("batchId"), e.error);
        }
        return t.build();
    }

    /**
     * Waits until the query has processed everything its sources held when the call was made: until a trigger that
     * began after the call has completed (a batch plans up to the latest offsets there are when it starts; an idle
     * query reports a trigger every second). Unlike StreamingQuery.processAllAvailable, it returns while a producer
     * keeps adding data. Up to 5 minutes; a query that fails meanwhile throws its error.
     */
    public void awaitProcessed(String nameOrId) throws InterruptedException {
        awaitProcessed(nameOrId, java.time.Duration.ofMinutes(5));
    }

    public void awaitProcessed(String nameOrId, java.time.Duration timeout) throws InterruptedException {
        QueryEntry e = find(nameOrId);
        StreamingQuery q = e.query;
        if (q == null) {
            throw new IllegalStateException("query " + e.name + " has not started");
        }
        java.time.Instant called = java.time.Instant.now();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!q.isActive()) {
                if (q.exception().isDefined()) {
                    throw new IllegalStateException("query " + e.name + " failed: " + QueryFailure.of(q.exception().get(), e.name).message());
                }
                return;
            }
            org.apache.spark.sql.streaming.StreamingQueryProgress p = q.lastProgress();
            if (p != null && java.time.Instant.parse(p.timestamp()).isAfter(called)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("query " + e.name + " did not complete a trigger within " + timeout
                + ": " + q.status());
    }

    /** The rows the query's live view shows now, as a table; for checks in a cell. */
    public Table table(String nameOrId) {
        QueryEntry e = find(nameOrId);
        for (LiveView v : e.views) {
            Table t = v.table();
            if (t != null) {
                return t;
            }
        }
        throw new IllegalArgumentException("Query " + e.name + " has no live table: display(dataset) shows one.");
    }

    /**
     * Deletes the checkpoint (and saved live view) of this notebook's query {@code name}, so that the next
     * {@code display(..., name)} starts it from the beginning of its sources instead of resuming it. Refused
     * while a query of that name runs.
     */
    public boolean discardCheckpoint(String name) throws java.io.IOException {
        requireStopped(name);
        Path dir = checkpoint(name);
        boolean existed = java.nio.file.Files.exists(dir);
        if (existed) {
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(f);
                }
            }
        }
        java.nio.file.Files.deleteIfExists(dir.resolveSibling(name + ".view.json"));
        return existed;
    }

    /**
     * Moves the checkpoint (and saved live view) of this notebook's query {@code name} aside, to
     * {@code <name>.archived-<UTC time>} in the same directory, so that the next {@code display(..., name)} starts
     * from a fresh checkpoint while the old state stays on disk. Refused while a query of that name runs.
     *
     * @return the directory the checkpoint now lives in, or null when there was none
     */
    public Path archiveCheckpoint(String name) throws java.io.IOException {
        requireStopped(name);
        Path dir = checkpoint(name);
        if (!java.nio.file.Files.exists(dir)) {
            return null;
        }
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now());
        Path target = dir.resolveSibling(name + ".archived-" + stamp);
        for (int n = 2; java.nio.file.Files.exists(target); n++) {
            target = dir.resolveSibling(name + ".archived-" + stamp + "-" + n);
        }
        java.nio.file.Files.move(dir, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Path view = dir.resolveSibling(name + ".view.json");
        if (java.nio.file.Files.exists(view)) {
            java.nio.file.Files.move(view, target.resolve("workbench-view.json"));
        }
        return target;
    }

    private void requireStopped(String name) {
        for (QueryEntry e : queries.values()) {
            if (name.equals(e.name) && e.status == QueryEntry.Status.RUNNING) {
                throw new IllegalStateException("Query " + name + " is running: stop it first (streams.stop(\"" + name
                        + "\")).");
            }
        }
    }

    /** The running (or last) Spark query with this name or id, for its progress and status. */
    public org.apache.spark.sql.streaming.StreamingQuery query(String nameOrId) {
        QueryEntry e = find(nameOrId);
        if (e.query == null) {
            throw new IllegalStateException("query " + e.name + " has not started");
        }
        return e.query;
    }

    /** Stops the query with this name or id. */
    public void stop(String nameOrId) {
        QueryEntry e = find(nameOrId);
        stopQuietly(e);
    }

    /** What the queries panel shows: every query and producer, as JSON-ready maps. */
    public Map<String, Object> state() {
        List<Map<String, Object>> qs = new ArrayList<>();
        for (QueryEntry e : sorted()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id.toString());
            m.put("runId", e.runId == null ? null : e.runId.toString());
            m.put("name", e.name);
            m.put("cellId", e.owner.cellId());
            m.put("notebook", e.owner.notebook());
            m.put("status", e.status.name().toLowerCase());
            m.put("error", e.error);
            m.put("failure", e.failureKind == null ? null : e.failureKind.name().toLowerCase(java.util.Locale.ROOT));
            m.put("restartable", e.restart != null);
            m.put("startedAt", e.startedAt.toString());
            m.put("progress", ProgressFacts.of(e.progress));
            qs.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("queries", qs);
        out.put("producers", producers.state());
        out.put("timeZone", timeZone());
        return out;
    }

    /**
     * Acts on a query ({@code stop}, {@code restart}) or a producer ({@code stop}, {@code pause},
     * {@code resume}, {@code rate}). Throws {@link IllegalArgumentException} with a message for the user.
     */
    public void act(String kind, String id, String action, Double rate) {
        if ("producer".equals(kind)) {
            producers.act(id, action, rate);
            return;
        }
        if (!"query".equals(kind)) {
            throw new IllegalArgumentException("kind must be query or producer, not " + kind);
        }
        QueryEntry e = find(id);
        switch (action) {
            case "stop" -> stopQuietly(e);
            case "restart" -> {
                Supplier<StreamingQuery> restart = e.restart;
                if (restart == null) {
                    throw new IllegalArgumentException("Query " + e.name + " was started by writeStream() in cell "
                            + e.owner.cellId() + "; run that cell again to restart it.");
                }
                stopQuietly(e);
                restart.get();
            }
            default -> throw new IllegalArgumentException("a query can be stopped or restarted, not " + action);
        }
    }

    private QueryEntry find(String nameOrId) {
        for (QueryEntry e : queries.values()) {
            if (e.id.toString().equals(nameOrId) || nameOrId.equals(e.name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("No streaming query " + nameOrId + " in this kernel; streams.list() shows"
                + " them.");
    }

    private List<QueryEntry> sorted() {
        List<QueryEntry> all = new ArrayList<>(queries.values());
        all.sort((a, b) -> a.startedAt.compareTo(b.startedAt));
        return all;
    }

    private static void stopQuietly(QueryEntry e) {
        StreamingQuery q = e.query;
        if (q == null || !q.isActive()) {
            return;
        }
        try {
            q.stop();
        } catch (Exception ex) {
            LOG.warn("Stopping query {} failed: {}", e.name, ex.toString());
        }
    }

    /** Stops every query and producer: the kernel is shutting down or restarting. */
    @Override
    public void close() {
        int producerCount = producers.close();
        int queryCount = 0;
        for (QueryEntry e : queries.values()) {
            if (e.query != null && e.query.isActive()) {
                stopQuietly(e);
                queryCount++;
            }
        }
        timer.shutdownNow();
        LOG.info("Stopped {} streaming quer{} and {} producer{}", queryCount, queryCount == 1 ? "y" : "ies",
                producerCount, producerCount == 1 ? "" : "s");
    }

    private final class Listener extends StreamingQueryListener {
        @Override
        public void onQueryStarted(QueryStartedEvent event) {
            SparkSession s = spark;
            StreamingQuery q = s == null ? null : s.streams().get(event.id());
            String name = event.name() == null ? "query-" + event.id().toString().substring(0, 8) : event.name();
            QueryEntry e = queries.get(event.id());
            if (e == null) {
                e = new QueryEntry(event.id(), event.runId(), name, current);
                queries.put(e.id, e);
            } else {
                e.runId = event.runId();
            }
            e.query = q;
            e.status = QueryEntry.Status.RUNNING;
            e.error = null;
            e.failureKind = null;
            e.progress = null;
            if (!liveNames.remove(name) && e.views.isEmpty()) {
                // A query from writeStream().start(): a compact live status line in the cell that started it.
                LiveView view = new LiveView(StreamRegistry.this, e, null, null);
                e.views.add(view);
                view.show();
            } else {
                e.views.forEach(v -> v.refresh(true));
            }
        }

        @Override
        public void onQueryProgress(QueryProgressEvent event) {
            QueryEntry e = queries.get(event.progress().id());
            if (e != null) {
                e.progress = event.progress();
                e.views.forEach(v -> v.refresh(false));
            }
        }

        @Override
        public void onQueryTerminated(QueryTerminatedEvent event) {
            QueryEntry e = queries.get(event.id());
            if (e == null) {
                return;
            }
            if (event.exception().isDefined()) {
                StreamingQuery q = e.query;
                QueryFailure f = q != null && q.exception().isDefined()
                        ? QueryFailure.of(q.exception().get(), e.name) : QueryFailure.ofText(event.exception().get(), e.name);
                e.status = QueryEntry.Status.FAILED;
                e.error = f.message();
                e.failureKind = f.kind();
                LOG.warn("Streaming query {} failed: {}", e.name, f.headline());
            } else {
                e.status = QueryEntry.Status.STOPPED;
            }
            e.views.forEach(v -> v.refresh(true));
        }
    }
}
