package io.workbench.kernel.io;

import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/**
 * Stdout and stderr text that was printed and not published yet, within the {@link OutputBudget}.
 *
 * <p>Printing threads write through {@link #sink}: they append under this object's monitor and notify, nothing
 * more, so one that is interrupted or killed mid-write leaves only a monitor, which the JVM releases. Publishers
 * {@link #take} what is there. Thread-safe.
 */
final class PendingOutput {
    /** Text taken for publishing; a note is published after the stderr text. */
    record Batch(String stdout, String stderr, String note) {
    }

    private final PendingText out = new PendingText();
    private final PendingText err = new PendingText();
    private final OutputBudget budget;
    private final int urgentBytes;

    /** {@code urgentBytes}: from this much text on, a waiting publisher stops waiting for more. */
    PendingOutput(OutputBudget budget, int urgentBytes) {
        this.budget = budget;
        this.urgentBytes = urgentBytes;
    }

    /** The stream that printing threads write to; {@code name} is stdout or stderr. */
    OutputStream sink(String name) {
        PendingText text = "stderr".equals(name) ? err : out;
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                append(text, b, off, len);
            }
        };
    }

    synchronized void startRequest() {
        budget.startRequest();
    }

    synchronized void startBackground() {
        budget.startBackground();
    }

    /** Removes and returns what can be published now: whole characters, and the note if one is due. */
    synchronized Batch take() {
        return new Batch(out.take(), err.take(), budget.takeNote());
    }

    /**
     * Waits until there is something to publish, then up to {@code coalesceNanos} more while text gathers, unless
     * there is much of it or a note is due.
     */
    synchronized void awaitBatch(long coalesceNanos) throws InterruptedException {
        while (!publishable()) {
            wait();
        }
        long deadline = System.nanoTime() + coalesceNanos;
        long left;
        while (!urgent() && (left = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private synchronized void append(PendingText text, byte[] b, int off, int len) {
        boolean idle = !publishable();
        int allowed = budget.admit(len);
        text.append(b, off, allowed);
        if (allowed < len) {
            text.dropPartialCharacter();
        }
        if (idle && publishable() || urgent()) {
            notifyAll();
        }
    }

    private boolean publishable() {
        return out.hasWholeCharacters() || err.hasWholeCharacters() || budget.hasNote();
    }

    private boolean urgent() {
        return out.size() + err.size() >= urgentBytes || budget.hasNote();
    }
}
