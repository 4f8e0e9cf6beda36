package io.workbench.kernel.io;

import io.workbench.config.ConfigKey;
import io.workbench.protocol.Header;
import io.workbench.protocol.MessageType;
import io.workbench.protocol.kernel.IoPub;
import io.workbench.protocol.messages.Stream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Replaces System.out and System.err with streams whose text goes to IOPub as stream messages.
 *
 * <p>Threads that print (cell threads, and threads a cell started) only append to {@link PendingOutput}; they
 * never publish, so one that is interrupted or killed mid-println cannot harm the IOPub loop. The kernel's own
 * threads publish: a flusher, which coalesces output for {@value #COALESCE_MILLIS} ms (at once past
 * {@value #MAX_CHUNK} bytes) so that a running cell's output appears without one message per println, and
 * callers of {@link #flush()}, which the kernel calls before every result and reply.
 *
 * <p>Output is limited by an {@link OutputBudget} of {@link #MAX_OUTPUT_BYTES}. Output from threads that outlive
 * a cell is attributed to the last cell that ran. Thread-safe.
 */
public final class CellStreams {
    public static final ConfigKey<Integer> MAX_OUTPUT_BYTES = ConfigKey.integer("kernel.max-output-bytes", 4 << 20, 1,
            "Most bytes of stdout and stderr that one cell execution sends to the notebook, and that background"
                    + " threads send per minute; the rest is dropped with a note.");
    static final long COALESCE_MILLIS = 25;
    private static final int MAX_CHUNK = 64 * 1024;

    private final IoPub iopub;
    private final PendingOutput pending;
    private final OutputStream outSink;
    private final OutputStream errSink;
    /** Held while pending text is taken and published, so that it leaves in the order it was written. */
    private final Object publishing = new Object();
    private final PrintStream processErr = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
            StandardCharsets.UTF_8);
    private volatile Header parent;
    private volatile boolean running;
    private PrintStream installedOut;
    private PrintStream installedErr;

    public CellStreams(IoPub iopub, int maxOutputBytes) {
        this.iopub = iopub;
        this.pending = new PendingOutput(new OutputBudget(maxOutputBytes, System::nanoTime), MAX_CHUNK);
        this.outSink = pending.sink("stdout");
        this.errSink = pending.sink("stderr");
        Thread flusher = new Thread(this::flushLoop, "stream-flusher");
        flusher.setDaemon(true);
        flusher.start();
    }

    /** Points System.out and System.err at IOPub and makes System.in read as empty. */
    public synchronized void install() {
        System.setIn(InputStream.nullInputStream());
        installedOut = new PrintStream(outSink, true, StandardCharsets.UTF_8);
        installedErr = new PrintStream(errSink, true, StandardCharsets.UTF_8);
        System.setOut(installedOut);
        System.setErr(installedErr);
    }

    /** The stream behind System.out or System.err, for tests that must not replace the real ones. */
    OutputStream testSink(String name) {
        return "stderr".equals(name) ? errSink : outSink;
    }

    /** The kernel process's own stderr, for diagnostics that are not cell output. */
    public PrintStream processErr() {
        return processErr;
    }

    /**
     * Attributes output from now on to this execute request, with a fresh budget. Output still pending goes out
     * first, under the request it was written in. Call on the shell thread.
     */
    public void beginRequest(Header request) {
        flush();
        pending.startRequest();
        parent = request;
        running = true;
    }

    /** Publishes what the request wrote; output from now on is background output. Call on the shell thread. */
    public void endRequest() {
        flush();
        running = false;
        pending.startBackground();
        renewPrintStreams();
    }

    /** The request output is attributed to: the running or last cell. */
    public Header parent() {
        return parent;
    }

    /** The execute request running now, or null between requests. */
    public Header executing() {
        return running ? parent : null;
    }

    /** Publishes everything written so far, and the truncation note if one is due. Any thread. */
    public void flush() {
        synchronized (publishing) {
            PendingOutput.Batch batch = pending.take();
            send("stdout", batch.stdout());
            send("stderr", batch.stderr());
            if (batch.note() != null) {
                String e = batch.stderr();
                send("stderr", (e.isEmpty() || e.endsWith("\n") ? "" : "\n") + batch.note());
            }
        }
    }

    /** Publishes the kernel's own text on a stream now, after what is pending; it does not count in the budget. */
    public void write(String name, String text) {
        synchronized (publishing) {
            flush();
            send(name, text);
        }
    }

    /**
     * Gives System.out and System.err new PrintStreams over the same sinks, unless a cell replaced them. A cell
     * killed inside println can leave text in a PrintStream's own buffers, above our sinks, which would otherwise
     * show up in the next cell's output.
     */
    private synchronized void renewPrintStreams() {
        if (installedOut != null && System.out == installedOut) {
            installedOut = new PrintStream(outSink, true, StandardCharsets.UTF_8);
            System.setOut(installedOut);
        }
        if (installedErr != null && System.err == installedErr) {
            installedErr = new PrintStream(errSink, true, StandardCharsets.UTF_8);
            System.setErr(installedErr);
        }
    }

    private void send(String name, String text) {
        for (int i = 0; i < text.length(); i += MAX_CHUNK) {
            iopub.publish(MessageType.STREAM, new Stream(name, text.substring(i, Math.min(text.length(), i + MAX_CHUNK))),
                    parent);
        }
    }

    /** Publishes output once some has gathered, forever. */
    private void flushLoop() {
        long coalesce = TimeUnit.MILLISECONDS.toNanos(COALESCE_MILLIS);
        while (true) {
            try {
                pending.awaitBatch(coalesce);
                flush();
            } catch (InterruptedException e) {
                // nothing should interrupt this thread; it keeps publishing
            } catch (RuntimeException e) {
                processErr.println("Publishing cell output failed: " + e);
            }
        }
    }
}
