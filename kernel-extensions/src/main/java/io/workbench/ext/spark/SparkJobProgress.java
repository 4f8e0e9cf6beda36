package io.workbench.ext.spark;

import io.workbench.ext.display.DisplaySink;
import io.workbench.ext.display.MimeBundle;
import java.util.Locale;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark jobs (Spark's unit of work, not a workbench job) of one running cell, shown in the cell while they run: jobs, stages and tasks done out of
 * how many, as a progress bar (HTML) and a line of text, updated in place through a display id. Quick jobs show
 * nothing: the line appears once a job of the cell has run for {@value #SHOW_AFTER_MS} ms. When the cell ends it
 * becomes a one-line summary. Reads Spark's status tracker on the given timer, never on the cell's thread.
 */
public final class SparkJobProgress {
    static final long SHOW_AFTER_MS = 1000;
    static final long EVERY_MS = 300;
    /** How long a running job may have no task running, with no executor, before the cell says it is waiting. */
    static final long WAIT_NOTICE_MS = 10_000;
    static final String MIME = "application/vnd.workbench.spark-progress+json";

    private final SparkSession spark;
    private final String group;
    private final DisplaySink sink;
    private final String displayId = UUID.randomUUID().toString();
    private final long startedNanos = System.nanoTime();
    private final TreeSet<Integer> jobs = new TreeSet<>();
    private final ScheduledFuture<?> polling;
    private boolean shown;
    private String last;
    /** Since when (System.nanoTime) a job has been running with no task running and no executor; 0 when not. */
    private long waitingSince;

    private SparkJobProgress(SparkSession spark, String cellId, DisplaySink sink, ScheduledExecutorService timer) {
        this.spark = spark;
        this.group = SparkJobGroups.groupOf(cellId);
        this.sink = sink;
        this.polling = timer.scheduleWithFixedDelay(this::poll, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /** Starts following the jobs of the cell {@code cellId}. */
    public static SparkJobProgress follow(SparkSession spark, String cellId, DisplaySink sink, ScheduledExecutorService timer) {
        return new SparkJobProgress(spark, cellId, sink, timer);
    }

    /** Counts over the cell's jobs so far. */
    record Counts(int jobs, int runningJobs, int failedJobs, int stages, int stagesDone, int tasks, int tasksDone,
                  int tasksRunning, int tasksFailed, int executors) {
        double fraction() {
            return tasks == 0 ? 0 : (double) tasksDone / tasks;
        }
    }

    private synchronized void poll() {
        try {
            Counts c = counts();
            if (c == null) {
                return;
            }
            boolean starved = c.runningJobs() > 0 && c.tasksRunning() == 0 && c.executors() == 0;
            waitingSince = !starved ? 0 : waitingSince == 0 ? System.nanoTime() : waitingSince;
            if (!shown && c.runningJobs() > 0 && millis() >= SHOW_AFTER_MS) {
                shown = true;
                sink.display(bundle(c, false), displayId);
            } else if (shown) {
                send(c, false);
            }
        } catch (RuntimeException e) {
            // Spark stopping under us: the cell's own error says what happened.
            polling.cancel(false);
        }
    }

    /** The cell ended: a summary line if anything was shown. */
    public synchronized void close() {
        polling.cancel(false);
        if (shown) {
            // Spark's status store hears of the last tasks asynchronously, a little after the job returned.
            Counts c = counts();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (c != null && !settled(c) && System.nanoTime() < until) {
                try {
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                c = counts();
            }
            if (c != null) {
                send(c, true);
            }
        }
    }

    private static boolean settled(Counts c) {
        return c.runningJobs() == 0 && (c.failedJobs() > 0 || c.tasksDone() >= c.tasks());
    }

    private void send(Counts c, boolean done) {
        MimeBundle b = bundle(c, done);
        String text = b.data().get(MimeBundle.TEXT).toString();
        if (!text.equals(last)) {
            last = text;
            sink.update(b, displayId);
        }
    }

    private Counts counts() {
        if (spark.sparkContext().isStopped()) {
            return null;
        }
        SparkStatusTracker tracker = spark.sparkContext().statusTracker();
        for (int id : tracker.getJobIdsForGroup(group)) {
            jobs.add(id);
        }
        if (jobs.isEmpty()) {
            return null;
        }
        int running = 0;
        int failed = 0;
        int stages = 0;
        int stagesDone = 0;
        int tasks = 0;
        int done = 0;
        int active = 0;
        int taskFailures = 0;
        for (int id : jobs) {
            SparkJobInfo job = tracker.getJobInfo(id).getOrElse(() -> null);
            if (job == null) {
                continue;
            }
            switch (job.status()) {
                case RUNNING -> running++;
                case FAILED -> failed++;
                default -> {
                }
            }
            for (int stageId : job.stageIds()) {
                SparkStageInfo stage = tracker.getStageInfo(stageId).getOrElse(() -> null);
                if (stage == null) {
                    // Not submitted (skipped, its output reused) or already forgotten.
                    continue;
                }
                stages++;
                tasks += stage.numTasks();
                done += stage.numCompletedTasks();
                active += stage.numActiveTasks();
                taskFailures += stage.numFailedTasks();
                if (stage.numCompletedTasks() >= stage.numTasks()) {
                    stagesDone++;
                }
            }
        }
        // The status tracker lists the driver too; local masters run tasks in it.
        int executors = spark.sparkContext().isLocal() ? 1 : Math.max(0, tracker.getExecutorInfos().length - 1);
        return new Counts(jobs.size(), running, failed, stages, stagesDone, tasks, done, active, taskFailures, executors);
    }

    private long millis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    /** Milliseconds the cell's jobs have waited for an executor, once that is {@link #WAIT_NOTICE_MS} or more; else 0. */
    private long waitingMs() {
        long ms = waitingSince == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - waitingSince);
        return ms >= WAIT_NOTICE_MS ? ms : 0;
    }

    /** What a cell whose jobs get no executor says: for how long, why that happens on a cluster, what to do. */
    String waitingText(long waitingMs) {
        return String.format(Locale.ROOT, "Spark: waiting %d s for executors. The cluster at %s has granted this notebook"
                + " none: other applications (notebooks, jobs) may hold every core, or no worker has the memory an executor"
                + " asks for (spark.executor.memory). See the master's web UI; stop idle notebooks or jobs, or lower"
                + " spark.cores.max for them. The cell goes on by itself once an executor starts; interrupt it to give up.",
                waitingMs / 1000, spark.sparkContext().master());
    }

    MimeBundle bundle(Counts c, boolean done) {
        long waiting = done ? 0 : waitingMs();
        if (waiting > 0) {
            java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
            json.put("done", false);
            json.put("waitingForExecutors", true);
            json.put("waitingMs", waiting);
            json.put("master", spark.sparkContext().master());
            json.put("jobs", c.jobs());
            json.put("elapsedMs", millis());
            String text = waitingText(waiting);
            return MimeBundle.builder().put(MimeBundle.TEXT, text)
                    .put(MimeBundle.HTML, "<div class=\"spark-progress waiting\">" + escape(text) + "</div>").put(MIME, json).build();
        }
        String seconds = String.format(Locale.ROOT, "%.1f s", millis() / 1000.0);
        String text = done
                ? String.format(Locale.ROOT, "Spark: %d job%s%s, %d stage%s, %d tasks in %s", c.jobs(), c.jobs() == 1 ? "" : "s",
                c.failedJobs() > 0 ? " (" + c.failedJobs() + " failed)" : "", c.stages(), c.stages() == 1 ? "" : "s",
                c.tasksDone(), seconds)
                : String.format(Locale.ROOT, "Spark: %d of %d job%s running · stages %d/%d · tasks %d/%d (%d running%s) · %s",
                c.runningJobs(), c.jobs(), c.jobs() == 1 ? "" : "s", c.stagesDone(), c.stages(), c.tasksDone(), c.tasks(),
                c.tasksRunning(), c.tasksFailed() > 0 ? ", " + c.tasksFailed() + " failed" : "", seconds);
        String html = done
                ? "<div class=\"spark-progress done\">" + escape(text) + "</div>"
                : "<div class=\"spark-progress\"><progress max=\"" + Math.max(1, c.tasks()) + "\" value=\"" + c.tasksDone()
                + "\"></progress> " + escape(text) + "</div>";
        java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("done", done);
        json.put("jobs", c.jobs());
        json.put("runningJobs", c.runningJobs());
        json.put("failedJobs", c.failedJobs());
        json.put("stages", c.stages());
        json.put("stagesDone", c.stagesDone());
        json.put("tasks", c.tasks());
        json.put("tasksDone", c.tasksDone());
        json.put("tasksRunning", c.tasksRunning());
        json.put("tasksFailed", c.tasksFailed());
        json.put("elapsedMs", millis());
        return MimeBundle.builder().put(MimeBundle.TEXT, text).put(MimeBundle.HTML, html).put(MIME, json).build();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
