package io.workbench.job;

import io.workbench.ext.query.QueryFailure;
import io.workbench.ext.query.QueryRegistry;
import io.workbench.ext.query.QuerySnapshot;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status of a run as docs/jobs.md describes it: the run's state and outcome, and per query its status, last
 * batch, the input rows it read in this run (every batch's {@code numInputRows}, added up), the rows its sink wrote
 * when the sink reports them, its watermark and when it last reported progress. Kept up to date from the query
 * registry's events and written to the {@link StatusFile} after every change (at least once per micro-batch), or
 * nowhere when the run has no status file.
 *
 * <p>Thread-safe: the main thread, Spark's listener threads and a stop thread all report here. Once the run has
 * ended its state and outcome stay, while its queries' entries still follow them stopping.
 */
final class RunStatus implements QueryRegistry.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(RunStatus.class);

    /** Where a run is in its life. */
    enum State { STARTING, RUNNING, SUCCEEDED, FAILED, STOPPED }

    private static final class QueryEntry {
        String name;
        UUID id;
        String status = "running";
        Long batchId;
        long inputRows;
        Long outputRows;
        String watermark;
        String lastProgressAt;
        /** Batches that read rows, the milliseconds they took (Spark's triggerExecution), and when the first began. */
        long batchesWithRows;
        long processingMs;
        String firstBatchAt;
    }

    private final String job;
    private final String runId;
    private final StatusFile file;
    private final String startedAt = Instant.now().toString();
    private final Map<UUID, QueryEntry> queries = new LinkedHashMap<>();
    private State state = State.STARTING;
    private String endedAt;
    private Integer exitCode;
    private String error;
    private String failure;
    private Map<String, String> params;

    /** @param file where to write, or null for nowhere */
    RunStatus(String job, String runId, StatusFile file) {
        this.job = job;
        this.runId = runId;
        this.file = file;
    }

    /** Writes the status as it is now (at the start: starting). */
    synchronized void publish() {
        write();
    }

    synchronized void running() {
        if (state == State.STARTING) {
            state = State.RUNNING;
            write();
        }
    }

    /** The run ended; the first outcome reported is kept. */
    synchronized void ended(State end, ExitCode code, String errorText, QueryFailure.Kind kind) {
        if (exitCode != null) {
            return;
        }
        state = end;
        endedAt = Instant.now().toString();
        exitCode = code.status;
        error = errorText;
        failure = kind == null ? null : kind.name().toLowerCase(Locale.ROOT);
        write();
    }

    /**
     * The parameters the run bound, each as text that {@code --param} reads back to the same value: a restart of a
     * continuous job passes them again, so that a default computed at run time (a name with the time in it) is the
     * one its checkpoints were written with (docs/jobs.md).
     */
    synchronized void params(Map<String, String> values) {
        params = Map.copyOf(values);
        write();
    }

    /** The exit code of the run once it has ended, else null. */
    synchronized Integer exitCode() {
        return exitCode;
    }

    /** A query was refused before its first batch; Spark will not tell, since the JVM ends first. */
    synchronized void queryFailed(QuerySnapshot query) {
        entry(query).status = "failed";
        write();
    }

    @Override
    public synchronized void onStarted(QuerySnapshot query, StreamingQuery handle) {
        QueryEntry e = entry(query);
        e.status = query.statusName();
        write();
    }

    @Override
    public synchronized void onProgress(QuerySnapshot query, StreamingQueryProgress progress) {
        QueryEntry e = entry(query);
        e.batchId = progress.batchId();
        e.inputRows += progress.numInputRows();
        long written = progress.sink() == null ? -1 : progress.sink().numOutputRows();
        if (written >= 0) {
            e.outputRows = (e.outputRows == null ? 0 : e.outputRows) + written;
        }
        e.watermark = progress.eventTime().get("watermark");
        e.lastProgressAt = progress.timestamp();
        if (progress.numInputRows() > 0) {
            e.batchesWithRows++;
            Long ms = progress.durationMs().get("triggerExecution");
            e.processingMs += ms == null ? 0 : ms;
            if (e.firstBatchAt == null) {
                e.firstBatchAt = progress.timestamp();
            }
        }
        write();
    }

    @Override
    public synchronized void onTerminated(QuerySnapshot query) {
        entry(query).status = query.statusName();
        write();
    }

    private QueryEntry entry(QuerySnapshot query) {
        QueryEntry e = queries.computeIfAbsent(query.id(), id -> new QueryEntry());
        e.id = query.id();
        e.name = query.name();
        return e;
    }

    /** The status as docs/jobs.md shows it. */
    synchronized Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job", job);
        m.put("runId", runId);
        m.put("pid", ProcessHandle.current().pid());
        m.put("state", state.name().toLowerCase(Locale.ROOT));
        m.put("startedAt", startedAt);
        m.put("endedAt", endedAt);
        m.put("exitCode", exitCode);
        m.put("error", error);
        m.put("failure", failure);
        m.put("params", params == null ? null : new java.util.TreeMap<>(params));
        List<Map<String, Object>> qs = new ArrayList<>();
        for (QueryEntry e : queries.values()) {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("name", e.name);
            q.put("id", e.id.toString());
            q.put("status", e.status);
            q.put("batchId", e.batchId);
            q.put("inputRows", e.inputRows);
            q.put("outputRows", e.outputRows);
            q.put("watermark", e.watermark);
            q.put("lastProgressAt", e.lastProgressAt);
            q.put("batchesWithRows", e.batchesWithRows);
            q.put("processingMs", e.processingMs);
            q.put("firstBatchAt", e.firstBatchAt);
            qs.add(q);
        }
        m.put("queries", qs);
        return m;
    }

    private void write() {
        if (file == null) {
            return;
        }
        try {
            file.write(toJson());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot write the status file {}: {}", file.path(), e.toString());
        }
    }
}
