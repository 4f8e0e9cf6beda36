package io.workbench.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The wake-up of one {@link SocketLoop}: a pipe whose read end the loop polls next to its sockets, and a writer
 * thread, owned by this object, that writes to that pipe for any thread that is not a socket loop's own.
 *
 * <p>Why the extra thread: a java.nio channel is closed when a thread blocked in, or entering, an operation on it
 * is interrupted. If every sender wrote the pipe itself, the first sender to be interrupted mid-write (a cell
 * thread that is being stopped) would close it; the read end would then report end-of-file forever and the
 * loop would spin. Senders call {@link #signal()} instead, which only unparks the writer: it does no I/O, is
 * not interruptible, never blocks, and leaves nothing half-done if its caller dies of {@code Thread.stop}.
 *
 * <p>Threading: {@link #signal()} from any thread; {@link #source()}, {@link #drain()} and {@link #renew()}
 * from the loop thread only.
 */
final class Wakeup implements AutoCloseable {
    /** True from the writer's write until the loop drains: further signals need no byte of their own. */
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64);
    private final ByteBuffer oneByte = ByteBuffer.allocate(1);
    private final Thread writer;
    private volatile Pipe pipe;
    private volatile boolean closed;

    Wakeup(String loopName) {
        pipe = open();
        writer = new Thread(this::writeLoop, loopName + "-wakeup");
        writer.setDaemon(true);
        writer.start();
    }

    /** Makes the loop's poll return soon. Safe from any thread, including interrupted or dying ones. */
    void signal() {
        LockSupport.unpark(writer);
    }

    /**
     * Like {@link #signal()}, but writes the pipe on the calling thread, which saves a thread hop. Only for
     * threads that nothing interrupts: the threads of socket loops.
     */
    void signalFromLoopThread() {
        if (pending.compareAndSet(false, true)) {
            write(ByteBuffer.allocate(1));
        }
    }

    /** The pipe in use; tests break it to check that the loop renews it. */
    Pipe pipe() {
        return pipe;
    }

    /** The channel the loop polls for reading. Changes when the pipe is renewed. */
    SelectableChannel source() {
        return pipe.source();
    }

    /**
     * Consumes the bytes written so far. Returns false if the pipe is broken (its write end was closed, so the
     * read end is at end-of-file and would be readable forever): the loop must then {@link #renew()} it.
     */
    boolean drain() {
        int n;
        try {
            do {
                readBuffer.clear();
                n = pipe.source().read(readBuffer);
            } while (n > 0);
        } catch (IOException e) {
            return false;
        }
        // Only after reading: cleared before, a byte written for a later signal could be read here, leaving
        // pending set with an empty pipe, and every later signal would be lost.
        pending.set(false);
        return n == 0;
    }

    /** Replaces a broken pipe; the loop registers the new {@link #source()} with its poller. */
    void renew() {
        Pipe old = pipe;
        pipe = open();
        pending.set(false);
        close(old);
        // a signal whose byte went to the old pipe is sent again, so no wake-up is lost in the swap
        LockSupport.unpark(writer);
    }

    private void writeLoop() {
        while (!closed) {
            LockSupport.park(this);
            // Nothing should interrupt this thread, but if something does, the flag must not close the pipe.
            Thread.interrupted();
            if (!closed && pending.compareAndSet(false, true)) {
                oneByte.clear();
                write(oneByte);
            }
        }
    }

    private void write(ByteBuffer b) {
        try {
            pipe.sink().write(b);
        } catch (IOException e) {
            // The pipe is broken; the loop sees its read end at end-of-file and renews it.
            pending.set(false);
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(writer);
        close(pipe);
    }

    private static Pipe open() {
        try {
            Pipe p = Pipe.open();
            p.source().configureBlocking(false);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a wake-up pipe", e);
        }
    }

    private static void close(Pipe p) {
        try {
            p.sink().close();
            p.source().close();
        } catch (IOException ignored) {
            // closing a pipe cannot fail in a way that matters to a pipe being discarded
        }
    }
}
