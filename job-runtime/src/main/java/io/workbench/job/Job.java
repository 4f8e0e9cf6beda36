package io.workbench.job;

import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * One run of an exported job, as its generated class sees it (docs/jobs.md). {@link #main} parses the run's
 * options and parameters, installs the notebook runtime with a headless host, runs the job's body, waits for its
 * queries as the run mode says, and exits with a code the supervisor acts on.
 *
 * <p>In a job, {@code display(streamingDataset, name)} starts its query writing to the Kafka topic
 * {@code <job>.<name>}; other displays go to the log. Every query the job starts is checked against its checkpoint
 * before its first batch. The body runs on the main thread; the methods of this class may be called from any.
 */
public final class Job {
    /** How the run's queries are triggered and when it ends. */
    public enum Mode {
        /** Until stopped (SIGTERM) or a query fails; queries keep their code's trigger, else a micro-batch per interval. */
        CONTINUOUS,
        /** One run of a schedule: every query processes what its sources hold at start (Trigger.AvailableNow), then the run ends. */
        SCHEDULED,
        /** As {@link #SCHEDULED}, started by hand. */
        ONCE
    }

    /** The body of an exported job: its cells, in order. */
    @FunctionalInterface
    public interface Body<P extends Record> {
        void run(Job job, P params) throws Exception;
    }

    private final RunOptions options;
    private final QueryStarts starts;

    Job(RunOptions options, QueryStarts starts) {
        this.options = options;
        this.starts = starts;
    }

    /**
     * Runs the job and exits the JVM with its exit code: 0 done or stopped, 1 failed, 2 a parameter or setting is
     * wrong, 3 a checkpoint belongs to a different query, 4 Kafka data loss. Never returns.
     *
     * @param args   the run's options (docs/jobs.md, "A job run"); {@code --help} lists them
     * @param params the job's parameters record, with a static {@code defaults()} method
     * @param body   the job's code
     */
    public static <P extends Record> void main(String[] args, Class<P> params, Body<P> body) {
        JobRun.main(args, params, body);
    }

    /** The job's name ({@code --job}): its Kafka topics are {@code <name>.<query>}. */
    public String name() {
        return options.job();
    }

    /** This run's id ({@code --run-id}). */
    public String runId() {
        return options.runId();
    }

    /** How this run triggers its queries and when it ends ({@code --mode}). */
    public Mode mode() {
        return options.mode();
    }

    /**
     * Starts a query its code set up with {@code writeStream()}, with the run's trigger and its checkpoint under the
     * run's checkpoint directory ({@code DIR/<query name>}, whatever {@code checkpointLocation} the code set).
     *
     * @throws IllegalArgumentException when the query has no {@code queryName}: a job's query must resume by name
     */
    public StreamingQuery start(DataStreamWriter<?> writer) throws TimeoutException {
        return starts.start(writer, DataStreamWriter::start);
    }

    /** {@link #start(DataStreamWriter)} for {@code writeStream()...start(path)}. */
    public StreamingQuery start(DataStreamWriter<?> writer, String path) throws TimeoutException {
        return starts.start(writer, w -> w.start(path));
    }

    /** {@link #start} for {@code writeStream().toTable(table)}. */
    public StreamingQuery toTable(DataStreamWriter<?> writer, String table) throws TimeoutException {
        return starts.start(writer, w -> w.toTable(table));
    }
}
