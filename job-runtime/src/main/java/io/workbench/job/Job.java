package io.workbench.job;

import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * One run of an exported job, as its generated class sees it (docs/jobs.md). {@link #main} parses the run's
 * options and parameters, installs the notebook runtime with a headless host, runs the job's body, waits for its
 * queries as the run mode says, and exits with a code the supervisor acts on.
 */
public final class Job {
    /** How the run's queries are triggered and when it ends. */
    public enum Mode { CONTINUOUS, SCHEDULED, ONCE }

    /** The body of an exported job: its cells, in order. */
    @FunctionalInterface
    public interface Body<P extends Record> {
        void run(Job job, P params) throws Exception;
    }

    private Job() {
    }

    /**
     * Runs the job and exits the JVM with its exit code: 0 done or stopped, 1 failed, 2 a parameter or setting is
     * wrong, 3 a checkpoint belongs to a different query, 4 Kafka data loss. Never returns.
     *
     * @param params the job's parameters record, with a static {@code defaults()} method
     */
    public static <P extends Record> void main(String[] args, Class<P> params, Body<P> body) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Starts a query its code set up with {@code writeStream()}, with the run's trigger and checkpoint directory. */
    public StreamingQuery start(DataStreamWriter<?> writer) throws TimeoutException {
        throw new UnsupportedOperationException("not yet");
    }

    /** {@link #start} for {@code writeStream().toTable(table)}. */
    public StreamingQuery toTable(DataStreamWriter<?> writer, String table) throws TimeoutException {
        throw new UnsupportedOperationException("not yet");
    }
}
