package io.workbench.ext.spark;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pays Spark's first-query costs in the background, right after the session has started, so that a user's first
 * query does not: class loading, planning and code generation, and on a local master the first job and shuffle.
 * Spark counts as ready before this starts; it only makes the first queries faster.
 *
 * <p>It never makes a cell wait behind it: while a cell runs, the warm-up's Spark jobs are cancelled (also one that
 * a step submits after the cell started) and no step starts; when the cell is done, the warm-up goes on, repeating
 * a step it had to cancel (once). It follows cells from its creation, before Spark is up, so the first cell, which
 * often waits for Spark, is never raced. Its jobs run in their own job group, so no cell's progress line counts
 * them. A failing step is logged (the kernel log), never shown in a cell. Thread-safe.
 */
public final class SparkWarmup {
    static final String GROUP = "workbench-warmup";
    private static final Logger LOG = LoggerFactory.getLogger(SparkWarmup.class);

    private final List<Step> steps;
    private final ClassLoader loader;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Object lock = new Object();
    private volatile SparkSession spark;
    private int cellsRunning;
    private boolean interrupted;
    private final SparkListener canceller = new SparkListener() {
        @Override
        public void onJobStart(SparkListenerJobStart job) {
            Properties p = job.properties();
            if (p != null && GROUP.equals(p.getProperty("spark.jobGroup.id")) && cellRunning()) {
                spark.sparkContext().cancelJob(job.jobId());
            }
        }
    };

    /** One thing to warm up, with a name for the log. */
    public record Step(String name, Consumer<SparkSession> action) {
    }

    /**
     * A warm-up of {@code steps}, to {@link #start} once Spark is up.
     *
     * @param loader the context class loader of the warm-up's thread (the snippet loader, as for Spark's start)
     */
    public SparkWarmup(List<Step> steps, ClassLoader loader) {
        this.steps = List.copyOf(steps);
        this.loader = loader;
    }

    /** Starts warming {@code session} up on a daemon thread; returns at once. */
    public void start(SparkSession session) {
        spark = session;
        session.sparkContext().addSparkListener(canceller);
        Thread t = new Thread(this::run, "spark-warmup");
        t.setContextClassLoader(loader);
        t.setDaemon(true);
        t.start();
    }

    /** Completes when every step has run (or was given up); never exceptionally. */
    public CompletableFuture<Void> done() {
        return done;
    }

    /** A cell starts: the warm-up's running job is cancelled, and no step starts until no cell runs. */
    public void cellStarted() {
        synchronized (lock) {
            cellsRunning++;
            if (done.isDone()) {
                return;
            }
            interrupted = true;
        }
        SparkSession s = spark;
        if (s != null && !s.sparkContext().isStopped()) {
            s.sparkContext().cancelJobGroup(GROUP);
        }
    }

    /** A cell has finished: the warm-up goes on once no cell runs. */
    public void cellFinished() {
        synchronized (lock) {
            cellsRunning = Math.max(0, cellsRunning - 1);
            lock.notifyAll();
        }
    }

    private void run() {
        long t0 = System.nanoTime();
        int stepsAside = 0;
        try {
            spark.sparkContext().setJobGroup(GROUP, "Warming Spark up for the first query", true);
            for (Step step : steps) {
                for (int attempt = 0; attempt < 2; attempt++) {
                    awaitNoCell();
                    try {
                        step.action().accept(spark);
                        break;
                    } catch (Exception e) {
                        // Spark throws SparkException (checked, undeclared) for a cancelled job.
                        if (spark.sparkContext().isStopped()) {
                            return;
                        }
                        if (!wasInterrupted()) {
                            LOG.warn("Spark warm-up step '{}' failed: {}", step.name(), e.toString());
                            break;
                        }
                        stepsAside++;
                    }
                }
            }
            LOG.info("Spark warmed up in {} ms (stepped aside for cells {} times)",
                    (System.nanoTime() - t0) / 1_000_000, stepsAside);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            // Logged, not thrown: an uncaught exception would be printed on System.err, which is a running cell's.
            LOG.warn("Spark warm-up stopped: {}", e.toString());
        } finally {
            if (!spark.sparkContext().isStopped()) {
                spark.sparkContext().clearJobGroup();
                spark.sparkContext().removeSparkListener(canceller);
            }
            done.complete(null);
        }
    }

    private void awaitNoCell() throws InterruptedException {
        synchronized (lock) {
            while (cellsRunning > 0) {
                lock.wait();
            }
            interrupted = false;
        }
    }

    private boolean cellRunning() {
        synchronized (lock) {
            return cellsRunning > 0;
        }
    }

    private boolean wasInterrupted() {
        synchronized (lock) {
            return interrupted;
        }
    }
}
