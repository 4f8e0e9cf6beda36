package io.workbench.job;

import io.workbench.ext.query.QueryRegistry;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a job starts its queries: with the run's trigger ({@code Trigger.AvailableNow} for scheduled and once runs;
 * for continuous runs the code's own trigger, else a micro-batch every {@code --trigger-interval}), a name, and a
 * checkpoint under the run's checkpoint directory, so that the next run resumes where this one stopped. A query
 * Spark refuses to start is listed as failed in the registry (and so in the status file) before the error goes on.
 */
final class QueryStarts {
    private static final Logger LOG = LoggerFactory.getLogger(QueryStarts.class);

    /** What starts a prepared writer: {@code DataStreamWriter::start}, or a {@code toTable} call. */
    @FunctionalInterface
    interface Starter {
        StreamingQuery start(DataStreamWriter<?> writer) throws TimeoutException;
    }

    private final Job.Mode mode;
    private final Duration interval;
    private final Supplier<QueryRegistry> registries;

    /** @param registries the registry of the runtime, asked for when a query starts (the runtime comes later) */
    QueryStarts(Job.Mode mode, Duration interval, Supplier<QueryRegistry> registries) {
        this.mode = mode;
        this.interval = interval;
        this.registries = registries;
    }

    /** The trigger of a query of this run whose code asked for {@code own} (null: none). */
    Trigger trigger(Trigger own) {
        if (mode != Job.Mode.CONTINUOUS) {
            return Trigger.AvailableNow();
        }
        return own != null ? own : Trigger.ProcessingTime(interval.toMillis());
    }

    /**
     * Starts the query a job's code set up.
     *
     * @throws IllegalArgumentException when the query has no name: without one it could not resume
     * @throws TimeoutException         as {@link DataStreamWriter#start()} does
     */
    StreamingQuery start(DataStreamWriter<?> writer, Starter start) throws TimeoutException {
        QueryRegistry registry = registries.get();
        WriterFields own = WriterFields.of(writer);
        String name = own.queryName();
        if (!own.known()) {
            LOG.warn("Cannot read the trigger and options this Spark version's DataStreamWriter was given: the query"
                    + " runs with the run's default trigger and checks-point under the job's directory by its name.");
        } else if (name == null) {
            IllegalArgumentException e = new IllegalArgumentException("A job's streaming query needs a name, so that"
                    + " the next run resumes it from its checkpoint: add .queryName(\"...\") to its writeStream().");
            registry.refused("writeStream() without a name", e);
            throw e;
        } else {
            String dir = registry.checkpoints().dir(name).toString();
            if (own.checkpointLocation() != null && !own.checkpointLocation().equals(dir)) {
                LOG.info("Query {} check-points in {} in this job, not in {} as its code says", name, dir,
                        own.checkpointLocation());
            }
            writer.option("checkpointLocation", dir);
        }
        Trigger trigger = trigger(own.trigger());
        writer.trigger(trigger);
        try {
            StreamingQuery q = start.start(writer);
            LOG.info("Started query {} with trigger {}", q.name(), trigger);
            return q;
        } catch (RuntimeException | TimeoutException e) {
            registry.refused(name != null ? name : "writeStream()", e);
            throw e;
        }
    }
}
