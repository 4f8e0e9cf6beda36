package io.workbench.ext.query;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every streaming query of a Spark session, whatever started it and whatever variable (if any) holds it: a Spark
 * listener registers each query as it starts, tagged with its owner (who is starting queries now, as the
 * {@code owner} supplier says: a notebook cell, a job) and keeps its progress and how it ended. A query that ends
 * with an error stays listed as failed, with a {@link QueryFailure} a user can act on, until its owner forgets it.
 * Queries Spark refused to start are listed as failed too. Listeners (live views, metrics) hear of every change.
 *
 * <p>This layer knows nothing of cells or displays. Thread-safe: callers, Spark's listener bus and a kernel's
 * control thread all call in. Listeners are called on Spark's threads and must not block.
 */
public final class QueryRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueryRegistry.class);

    /** Hears of queries starting, making progress and ending. Called on Spark's threads; must not block. */
    public interface Listener {
        /** A query started (on its own thread, before its first batch); {@code query} is Spark's handle. */
        default void onStarted(QuerySnapshot query, StreamingQuery handle) {
        }

        default void onProgress(QuerySnapshot query) {
        }

        /**
         * A query reported a trigger; {@code progress} is Spark's whole report of it (the sink's output rows, every
         * source), for listeners that need more than the snapshot's figures. By default {@link #onProgress(QuerySnapshot)}.
         */
        default void onProgress(QuerySnapshot query, StreamingQueryProgress progress) {
            onProgress(query);
        }

        /** A query stopped or failed, or was refused; also when its owner stopped it. */
        default void onTerminated(QuerySnapshot query) {
        }
    }

    /** The registry's own record of a query; only the registry writes it. */
    private static final class Entry {
        final UUID id;
        final String name;
        final String owner;
        final String notebook;
        final Instant startedAt = Instant.now();
        volatile UUID runId;
        volatile StreamingQuery query;
        volatile QuerySnapshot.Status status = QuerySnapshot.Status.RUNNING;
        volatile QueryFailure failure;
        volatile StreamingQueryProgress progress;
        volatile Supplier<StreamingQuery> restart;

        Entry(UUID id, UUID runId, String name, String owner, String notebook) {
            this.id = id;
            this.runId = runId;
            this.name = name;
            this.owner = owner;
            this.notebook = notebook;
        }

        QuerySnapshot snapshot() {
            QueryFailure f = failure;
            return new QuerySnapshot(id, runId, name, owner, notebook, status, f == null ? null : f.message(),
                    f == null ? null : f.kind(), restart != null, startedAt, QueryProgress.of(progress));
        }
    }

    private final Map<UUID, Entry> queries = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Checkpoints checkpoints;
    private final Supplier<String> owner;
    private final Supplier<String> notebook;
    private volatile SparkSession spark;

    /**
     * @param owner    who owns a query that starts now
     * @param notebook the notebook or job whose checkpoints a query that starts now uses, or null
     */
    public QueryRegistry(Checkpoints checkpoints, Supplier<String> owner, Supplier<String> notebook) {
        this.checkpoints = checkpoints;
        this.owner = owner;
        this.notebook = notebook;
    }

    /** Starts tracking the queries of {@code session}; named queries check-point under the current scope. */
    public void attach(SparkSession session) {
        this.spark = session;
        session.streams().addListener(new SparkListener());
        defaultCheckpoints();
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public SparkSession spark() {
        return spark;
    }

    public Checkpoints checkpoints() {
        return checkpoints;
    }

    /**
     * Moves the scope (a notebook's or job's checkpoint directory) to {@code scope}. Queries started with
     * {@code writeStream()} without a {@code checkpointLocation} check-point under it too (Spark appends the
     * query name), so they resume when started again.
     */
    public void useScope(String scope) {
        if (checkpoints.scope(scope)) {
            defaultCheckpoints();
        }
    }

    /** {@link #useScope} with the scope's directory named outright: a job's {@code --checkpoint-dir}. */
    public void useCheckpointDir(Path dir) {
        if (checkpoints.directory(dir)) {
            defaultCheckpoints();
        }
    }

    private void defaultCheckpoints() {
        SparkSession s = spark;
        if (s != null) {
            s.conf().set("spark.sql.streaming.checkpointLocation", checkpoints.scopeDir().toString());
        }
    }

    /** The session time zone, in which outputs show times; "UTC" before Spark has started. */
    public String timeZone() {
        SparkSession s = spark;
        return s == null ? "UTC" : s.conf().get("spark.sql.session.timeZone", "UTC");
    }

    /**
     * Lists a query that could not start (Spark refused it, or its checkpoint belongs to another query) as failed,
     * with its reason, under the current owner.
     */
    public QuerySnapshot refused(String name, Throwable error) {
        Entry e = new Entry(UUID.randomUUID(), null, name, owner.get(), notebook.get());
        e.status = QuerySnapshot.Status.FAILED;
        e.failure = QueryFailure.of(error, name);
        queries.put(e.id, e);
        QuerySnapshot s = e.snapshot();
        listeners.forEach(l -> l.onTerminated(s));
        return s;
    }

    /** Lets a query be started again from its definition (the panel's restart); {@code start} returns the new run. */
    public void restartableBy(UUID id, Supplier<StreamingQuery> start) {
        Entry e = queries.get(id);
        if (e != null) {
            e.restart = start;
        }
    }

    /** Stops the queries an owner started and forgets them, including those that already ended. */
    public void stopOwnedBy(String ownerId) {
        for (Entry e : new ArrayList<>(queries.values())) {
            if (e.owner.equals(ownerId)) {
                queries.remove(e.id);
                stopQuietly(e);
                // Spark tells listeners later, when the entry is gone: say it now.
                if (e.status == QuerySnapshot.Status.RUNNING) {
                    e.status = QuerySnapshot.Status.STOPPED;
                }
                QuerySnapshot s = e.snapshot();
                listeners.forEach(l -> l.onTerminated(s));
            }
        }
    }

    /** Every query, oldest first. */
    public List<QuerySnapshot> snapshots() {
        return entries().stream().map(Entry::snapshot).toList();
    }

    /** The query with this name or id. @throws IllegalArgumentException if there is none */
    public QuerySnapshot snapshot(String nameOrId) {
        return find(nameOrId).snapshot();
    }

    /** The running (or last) Spark query with this name or id. */
    public StreamingQuery query(String nameOrId) {
        Entry e = find(nameOrId);
        if (e.query == null) {
            throw new IllegalStateException("Query " + e.name + " has not started" + (e.failure == null ? "."
                    : ": " + e.failure.headline()));
        }
        return e.query;
    }

    /** Stops the query with this name or id. */
    public void stop(String nameOrId) {
        stopQuietly(find(nameOrId));
    }

    /**
     * Stops the query and starts it again from its definition.
     *
     * @throws IllegalArgumentException when only its owner can start it again
     */
    public void restart(String nameOrId) {
        Entry e = find(nameOrId);
        Supplier<StreamingQuery> start = e.restart;
        if (start == null) {
            throw new IllegalArgumentException("Query " + e.name + " was started by writeStream() in " + e.owner
                    + "; run that again to restart it.");
        }
        stopQuietly(e);
        start.get();
    }

    /**
     * Waits until the query has processed everything its sources held when the call was made: until a trigger that
     * began after the call has completed (a batch plans up to the latest offsets there are when it starts; an idle
     * query reports a trigger every second, as the runtime configures Spark). Unlike
     * StreamingQuery.processAllAvailable, it returns while a producer keeps adding data.
     *
     * @throws IllegalStateException when the query fails meanwhile (with its failure) or the time runs out
     */
    public void awaitProcessed(String nameOrId, Duration timeout) throws InterruptedException {
        Entry e = find(nameOrId);
        StreamingQuery q = query(nameOrId);
        Instant called = Instant.now();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!q.isActive()) {
                if (q.exception().isDefined()) {
                    throw new IllegalStateException("Query " + e.name + " failed: " + QueryFailure.of(q.exception().get(), e.name).message());
                }
                return;
            }
            StreamingQueryProgress p = q.lastProgress();
            if (p != null && Instant.parse(p.timestamp()).isAfter(called)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Query " + e.name + " did not complete a trigger within " + timeout + ": " + q.status());
    }

    /** Deletes the checkpoint of query {@code name}; refused while it runs. */
    public boolean discardCheckpoint(String name) throws IOException {
        requireStopped(name);
        return checkpoints.discard(name);
    }

    /** Moves the checkpoint of query {@code name} aside (see {@link Checkpoints#archive}); refused while it runs. */
    public Path archiveCheckpoint(String name) throws IOException {
        requireStopped(name);
        return checkpoints.archive(name);
    }

    private void requireStopped(String name) {
        for (Entry e : queries.values()) {
            if (name.equals(e.name) && e.status == QuerySnapshot.Status.RUNNING) {
                throw new IllegalStateException("Query " + name + " is running: stop it first (streams.stop(\"" + name
                        + "\")).");
            }
        }
    }

    private Entry find(String nameOrId) {
        Entry byName = null;
        for (Entry e : entries()) {
            if (e.id.toString().equals(nameOrId)) {
                return e;
            }
            if (nameOrId.equals(e.name)) {
                byName = e;
            }
        }
        if (byName == null) {
            throw new IllegalArgumentException("No streaming query " + nameOrId + " here; streams.list() shows them.");
        }
        return byName;
    }

    private List<Entry> entries() {
        List<Entry> all = new ArrayList<>(queries.values());
        all.sort(Comparator.comparing((Entry e) -> e.startedAt));
        return all;
    }

    private static void stopQuietly(Entry e) {
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

    /** Stops every query; returns how many were running. */
    public int stopAll() {
        int running = 0;
        for (Entry e : queries.values()) {
            if (e.query != null && e.query.isActive()) {
                stopQuietly(e);
                running++;
            }
        }
        return running;
    }

    @Override
    public void close() {
        stopAll();
    }

    private final class SparkListener extends StreamingQueryListener {
        @Override
        public void onQueryStarted(QueryStartedEvent event) {
            SparkSession s = spark;
            StreamingQuery q = s == null ? null : s.streams().get(event.id());
            String name = event.name() == null ? "query-" + event.id().toString().substring(0, 8) : event.name();
            Entry e = queries.get(event.id());
            if (e == null) {
                e = new Entry(event.id(), event.runId(), name, owner.get(), notebook.get());
                queries.put(e.id, e);
            } else {
                e.runId = event.runId();
            }
            e.query = q;
            e.status = QuerySnapshot.Status.RUNNING;
            e.failure = null;
            e.progress = null;
            QuerySnapshot snap = e.snapshot();
            listeners.forEach(l -> l.onStarted(snap, q));
        }

        @Override
        public void onQueryProgress(QueryProgressEvent event) {
            Entry e = queries.get(event.progress().id());
            if (e != null) {
                e.progress = event.progress();
                QuerySnapshot snap = e.snapshot();
                listeners.forEach(l -> l.onProgress(snap, event.progress()));
            }
        }

        @Override
        public void onQueryTerminated(QueryTerminatedEvent event) {
            Entry e = queries.get(event.id());
            if (e == null) {
                return;
            }
            if (event.exception().isDefined()) {
                StreamingQuery q = e.query;
                e.failure = q != null && q.exception().isDefined()
                        ? QueryFailure.of(q.exception().get(), e.name) : QueryFailure.ofText(event.exception().get(), e.name);
                e.status = QuerySnapshot.Status.FAILED;
                LOG.warn("Streaming query {} failed: {}", e.name, e.failure.headline());
            } else {
                e.status = QuerySnapshot.Status.STOPPED;
            }
            QuerySnapshot snap = e.snapshot();
            listeners.forEach(l -> l.onTerminated(snap));
        }
    }
}
