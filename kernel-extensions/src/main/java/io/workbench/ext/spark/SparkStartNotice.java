package io.workbench.ext.spark;

import io.workbench.ext.display.DisplaySink;
import io.workbench.ext.display.MimeBundle;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What a cell shows while it waits for Spark to start: "Waiting for Spark to start (3 s)…", updated in place every
 * second through a display id, then "Spark started 7.2 s after the kernel; this cell waited 3.1 s." or why it did
 * not start. Besides text/plain the bundle carries {@value #MIME} ({@code {state: starting|ready|failed, waitedMs}}),
 * from which the workbench page labels the kernel "Starting Spark". Thread-safe.
 */
public final class SparkStartNotice {
    public static final String MIME = "application/vnd.workbench.spark-start+json";
    static final long EVERY_MS = 1000;

    private final DisplaySink sink;
    private final String displayId = "spark-start-" + UUID.randomUUID();
    private final long startedNanos = System.nanoTime();
    private final ScheduledFuture<?> ticking;
    private boolean closed;

    private SparkStartNotice(DisplaySink sink, ScheduledExecutorService timer) {
        this.sink = sink;
        sink.display(bundle("starting", "Waiting for Spark to start…"), displayId);
        this.ticking = timer.scheduleWithFixedDelay(this::tick, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /** Shows the waiting line below the running cell and keeps it counting until a final word. */
    public static SparkStartNotice show(DisplaySink sink, ScheduledExecutorService timer) {
        return new SparkStartNotice(sink, timer);
    }

    /** Spark is up: the line says when it started and how long this cell waited. */
    public void ready() {
        double sinceKernel = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
        finish("ready", String.format(Locale.ROOT, "Spark started %.1f s after the kernel; this cell waited %.1f s.",
                sinceKernel, waitedMs() / 1000.0));
    }

    /** Spark did not start (or not in time): the line says so; the cell's own error says why. */
    public void failed(String why) {
        finish("failed", why);
    }

    private synchronized void tick() {
        if (!closed) {
            sink.update(bundle("starting", String.format(Locale.ROOT, "Waiting for Spark to start (%d s)…",
                    Math.round(waitedMs() / 1000.0))), displayId);
        }
    }

    private synchronized void finish(String state, String text) {
        if (!closed) {
            closed = true;
            ticking.cancel(false);
            sink.update(bundle(state, text), displayId);
        }
    }

    private long waitedMs() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private MimeBundle bundle(String state, String text) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("state", state);
        json.put("waitedMs", waitedMs());
        json.put("text", text);
        return MimeBundle.builder().put(MimeBundle.TEXT, text).put(MIME, json).build();
    }
}
