package io.workbench.job;

import io.workbench.ext.query.QueryRegistry;
import io.workbench.ext.query.QuerySnapshot;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * How a run stops when asked to: SIGTERM (the supervisor) or SIGINT (Ctrl-C in a terminal) no longer end the JVM
 * at once, they start a stop that lets each query finish the batch it is running, then stops it, so that a
 * restarted run resumes from a committed batch; the run then exits 0. A JVM shutdown would instead run Spark's own
 * shutdown hook, which stops the SparkContext under the running batches. A watchdog halts the JVM if stopping takes
 * longer than {@link #LIMIT}.
 */
final class GracefulStop {
    /** How long stopping may take before the watchdog halts the JVM. */
    static final Duration LIMIT = Duration.ofSeconds(60);
    /** How long a stop waits for a query's running batch to end before it stops the query anyway. */
    static final Duration BATCH_WAIT = Duration.ofSeconds(40);
    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);

    private GracefulStop() {
    }

    /** Runs {@code stop} on a thread of its own for each SIGTERM or SIGINT the JVM gets. */
    static void onSignals(Runnable stop) {
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), s -> new Thread(stop, "job-stop-" + s.getName()).start());
            } catch (IllegalArgumentException e) {
                LOG.warn("Cannot handle SIG{} ({}): it ends the JVM without a graceful stop", name, e.getMessage());
            }
        }
    }

    /** Stops every running query of the registry, each between two of its batches if it can (see the class). */
    static void stopBetweenBatches(QueryRegistry registry) {
        long deadline = System.nanoTime() + BATCH_WAIT.toNanos();
        for (QuerySnapshot s : registry.snapshots()) {
            if (s.status() != QuerySnapshot.Status.RUNNING || s.runId() == null) {
                continue;
            }
            StreamingQuery q = registry.query(s.id().toString());
            try {
                while (q.isActive() && q.status().isTriggerActive() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                q.stop();
                LOG.info("Stopped query {}", s.name());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warn("Stopping query {} failed: {}", s.name(), e.toString());
            }
        }
    }

    /**
     * Starts a daemon thread that, unless the JVM has exited by then, calls {@code onTimeout} after {@link #LIMIT}
     * and halts the JVM with the status it returns.
     */
    static void watchdog(String what, IntSupplier onTimeout) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(LIMIT.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            LOG.error("{} took longer than {} s: halting the JVM", what, LIMIT.toSeconds());
            Runtime.getRuntime().halt(onTimeout.getAsInt());
        }, "job-exit-watchdog");
        t.setDaemon(true);
        t.start();
    }
}
