package io.workbench.kernel.io;

import io.workbench.protocol.Header;
import io.workbench.protocol.MessageType;
import io.workbench.protocol.kernel.IoPub;
import io.workbench.protocol.messages.Stream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Replaces System.out and System.err with streams that publish IOPub stream messages. Output is coalesced for
 * {@value #COALESCE_MILLIS} ms, so a cell's output appears while it runs without one message per println;
 * {@link #flush()} publishes at once, and the kernel calls it before every result and reply. Output from
 * threads that outlive a cell is attributed to the last cell that ran. Thread-safe.
 */
public final class CellStreams {
    static final long COALESCE_MILLIS = 25;
    private static final int MAX_CHUNK = 64 * 1024;

    private final IoPub iopub;
    private final Sink out = new Sink("stdout");
    private final Sink err = new Sink("stderr");
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stream-flusher");
        t.setDaemon(true);
        return t;
    });
    private final PrintStream processErr = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
            StandardCharsets.UTF_8);
    private volatile Header parent;

    public CellStreams(IoPub iopub) {
        this.iopub = iopub;
    }

    /** Points System.out and System.err at IOPub and makes System.in read as empty. */
    public void install() {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setIn(InputStream.nullInputStream());
    }

    /** The stream behind System.out or System.err, for tests that must not replace the real ones. */
    java.io.OutputStream testSink(String name) {
        return "stderr".equals(name) ? err : out;
    }

    /** The kernel process's own stderr, for diagnostics that are not cell output. */
    public PrintStream processErr() {
        return processErr;
    }

    /** Attributes output from now on to this request. */
    public void parent(Header header) {
        this.parent = header;
    }

    /** The request output is attributed to: the running or last cell. */
    public Header parent() {
        return parent;
    }

    private volatile boolean running;

    /** Whether the current request is still executing. */
    public void running(boolean isRunning) {
        this.running = isRunning;
    }

    /** The execute request running now, or null between requests. */
    public Header executing() {
        return running ? parent : null;
    }

    /** Publishes everything written so far. */
    public void flush() {
        out.publish();
        err.publish();
    }

    /** Publishes text on a stream now, after what is already pending. */
    public void write(String name, String text) {
        Sink s = "stderr".equals(name) ? err : out;
        s.publish();
        send(name, text);
    }

    private void send(String name, String text) {
        for (int i = 0; i < text.length(); i += MAX_CHUNK) {
            iopub.publish(MessageType.STREAM, new Stream(name, text.substring(i, Math.min(text.length(), i + MAX_CHUNK))),
                    parent);
        }
    }

    private final class Sink extends OutputStream {
        private final String name;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private boolean scheduled;

        Sink(String name) {
            this.name = name;
        }

        @Override
        public synchronized void write(int b) {
            buffer.write(b);
            schedule();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            buffer.write(b, off, len);
            if (buffer.size() > MAX_CHUNK) {
                publish();
            } else {
                schedule();
            }
        }

        private void schedule() {
            if (!scheduled) {
                scheduled = true;
                flusher.schedule(this::publish, COALESCE_MILLIS, TimeUnit.MILLISECONDS);
            }
        }

        synchronized void publish() {
            scheduled = false;
            byte[] bytes = buffer.toByteArray();
            int complete = completeUtf8Prefix(bytes);
            if (complete == 0) {
                return;
            }
            buffer.reset();
            buffer.write(bytes, complete, bytes.length - complete);
            send(name, new String(bytes, 0, complete, StandardCharsets.UTF_8));
        }
    }

    /** The length of the longest prefix that does not end inside a multi-byte UTF-8 sequence. */
    static int completeUtf8Prefix(byte[] b) {
        int n = b.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int c = b[n - back] & 0xff;
            if ((c & 0xC0) == 0x80) {
                continue;
            }
            int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            return need > back ? n - back : n;
        }
        return n;
    }
}
