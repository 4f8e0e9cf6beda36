package io.workbench.kernel.io;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How much stream output may still go out. Each execute request may send {@code limit} bytes of stdout and
 * stderr together; between requests, background threads may send {@code limit} bytes per minute. What is over
 * is dropped, and the first drop of a request or a minute asks for one note that says so.
 *
 * <p>Not thread-safe: {@link CellStreams} guards it with its lock.
 */
final class OutputBudget {
    static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final long limit;
    private final LongSupplier nanoTime;
    private boolean inRequest;
    private long windowStart;
    private long used;
    private boolean cut;
    private String note;

    OutputBudget(long limit, LongSupplier nanoTime) {
        this.limit = limit;
        this.nanoTime = nanoTime;
        startBackground();
    }

    /** Counts from now on for a new execute request, from zero. */
    void startRequest() {
        inRequest = true;
        used = 0;
        cut = false;
    }

    /** Counts from now on for background output, per minute from now. */
    void startBackground() {
        inRequest = false;
        windowStart = nanoTime.getAsLong();
        used = 0;
        cut = false;
    }

    /** How many of {@code len} bytes just written may go out; the caller drops the rest. */
    int admit(int len) {
        if (!inRequest && nanoTime.getAsLong() - windowStart >= WINDOW_NANOS) {
            startBackground();
        }
        int allowed = (int) Math.min(len, Math.max(0, limit - used));
        used += allowed;
        if (allowed < len && !cut) {
            cut = true;
            note = inRequest ? requestNote() : backgroundNote();
        }
        return allowed;
    }

    boolean hasNote() {
        return note != null;
    }

    /** The note to publish after the last output that went out, once per cut; null when there is none. */
    String takeNote() {
        String n = note;
        note = null;
        return n;
    }

    private String requestNote() {
        return "[Output truncated: this cell wrote more than " + size(limit) + " to System.out and System.err, the"
                + " limit per execution (kernel.max-output-bytes). The rest of its output is dropped; the cell keeps"
                + " running. " + advice() + "]\n";
    }

    private String backgroundNote() {
        return "[Output truncated: background threads wrote more than " + size(limit) + " within a minute"
                + " (kernel.max-output-bytes). Their output is dropped until the minute is over. " + advice() + "]\n";
    }

    private static String advice() {
        return "To keep large output, write it to a file, or show data with display(...) (a Dataset shows as a"
                + " table); or raise kernel.max-output-bytes (WORKBENCH_KERNEL_MAX_OUTPUT_BYTES) and restart the"
                + " kernel.";
    }

    static String size(long bytes) {
        String exact = String.format(Locale.ROOT, "%,d bytes", bytes);
        return bytes < 1 << 20 ? exact : exact + String.format(Locale.ROOT, " (%.1f MiB)", bytes / (double) (1 << 20));
    }
}
