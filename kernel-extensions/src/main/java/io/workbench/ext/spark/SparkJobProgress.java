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
                  int tasksRunning, int tasksFailed) {
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
        return new Counts(jobs.size(), running, failed, stages, stagesDone, tasks, done, active, taskFailures);
    }

    private long millis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    MimeBundle bundle(Counts c, boolean done) {
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
