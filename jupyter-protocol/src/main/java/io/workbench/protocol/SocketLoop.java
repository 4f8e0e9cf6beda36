package io.workbench.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * One thread that owns a set of ZeroMQ sockets. It blocks in {@code poll} on those sockets and on a wake-up
 * pipe, so that other threads can hand it frames to send without ever touching a socket themselves and without
 * any poll-and-sleep delay.
 *
 * <p>Receive callbacks run on the loop thread, one at a time, in arrival order; a slow callback delays
 * only this loop's sockets. {@link #send} may be called from any thread, including one that is interrupted or
 * killed while it sends: senders never do I/O on the loop's channels (see {@link Wakeup}). Should the wake-up
 * pipe break all the same, the loop replaces it and carries on, logging a warning the first time.
 */
public final class SocketLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SocketLoop.class);

    private record Registration(Channel channel, ZMQ.Socket socket, Consumer<List<byte[]>> onReceive) {
    }

    private record Outgoing(Channel channel, List<byte[]> frames) {
    }

    /** Marks the threads of socket loops, which may wake each other directly. */
    private static final class LoopThread extends Thread {
        LoopThread(Runnable run, String name) {
            super(run, name);
        }
    }

    private final String name;
    private final ZMQ.Context context;
    private final List<Registration> sockets = new ArrayList<>();
    private final Queue<Outgoing> outbox = new ConcurrentLinkedQueue<>();
    private final Wakeup wakeup;
    private volatile boolean stopping;
    private volatile Thread thread;
    private int renewals;

    public SocketLoop(String name, ZMQ.Context context) {
        this.name = name;
        this.context = context;
        this.wakeup = new Wakeup(name);
    }

    /** Adds a socket before {@link #start()}; {@code onReceive} may be null for send-only sockets. */
    public SocketLoop add(Channel channel, ZMQ.Socket socket, Consumer<List<byte[]>> onReceive) {
        if (thread != null) {
            throw new IllegalStateException("add sockets before start");
        }
        sockets.add(new Registration(channel, socket, onReceive));
        return this;
    }

    public SocketLoop start() {
        thread = new LoopThread(this::run, name);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /**
     * Queues frames for the socket of {@code channel}. Safe from any thread. On a thread that is not a socket
     * loop's, it only queues and unparks the loop's writer thread, with no I/O and no blocking, so an interrupt
     * or {@code Thread.stop} of the caller cannot harm the loop. Frames queued by the loop's own thread (a reply
     * from a receive callback) go out when the callback returns, without a wake-up.
     */
    public void send(Channel channel, List<byte[]> frames) {
        outbox.add(new Outgoing(channel, frames));
        Thread current = Thread.currentThread();
        if (current == thread) {
            return;
        }
        // Nothing interrupts loop threads (only this class holds them), so one loop may write another's pipe
        // itself and save the writer thread's hop: the kernel's shell thread publishes every status and result
        // this way. Were one interrupted all the same, the pipe would be renewed.
        if (current instanceof LoopThread) {
            wakeup.signalFromLoopThread();
        } else {
            wakeup.signal();
        }
    }

    Wakeup wakeup() {
        return wakeup;
    }

    private void run() {
        ZMQ.Poller poller = context.poller(sockets.size() + 1);
        try {
            for (Registration r : sockets) {
                poller.register(r.socket(), r.onReceive() == null ? 0 : ZMQ.Poller.POLLIN);
            }
            int pipeIndex = poller.register(wakeup.source(), ZMQ.Poller.POLLIN);
            while (!stopping) {
                poller.poll(-1);
                if (poller.pollin(pipeIndex) && !wakeup.drain()) {
                    pipeIndex = renewWakeup(poller);
                }
                flushOutbox();
                for (int i = 0; i < sockets.size() && !stopping; i++) {
                    if (poller.pollin(i)) {
                        receiveAll(sockets.get(i));
                    }
                }
            }
            flushOutbox();
        } catch (ZMQException e) {
            if (e.getErrorCode() != ZMQ.Error.ETERM.getCode()) {
                LOG.error("{}: socket loop failed", name, e);
            }
        } catch (RuntimeException e) {
            LOG.error("{}: socket loop failed", name, e);
        } finally {
            poller.close();
            for (Registration r : sockets) {
                r.socket().close();
            }
        }
    }

    /** Replaces a broken wake-up pipe; its read end would otherwise be readable forever and the loop would spin. */
    private int renewWakeup(ZMQ.Poller poller) {
        if (renewals++ == 0) {
            LOG.warn("{}: the wake-up pipe was closed; replacing it (later replacements are logged at debug)", name);
        } else {
            LOG.debug("{}: the wake-up pipe was closed again; replacement {}", name, renewals);
        }
        // an interrupt of this thread is what closes a channel it reads; it must not close the new one too
        Thread.interrupted();
        poller.unregister(wakeup.source());
        wakeup.renew();
        return poller.register(wakeup.source(), ZMQ.Poller.POLLIN);
    }

    private void flushOutbox() {
        Outgoing out;
        while ((out = outbox.poll()) != null) {
            ZMQ.Socket socket = socketFor(out.channel());
            List<byte[]> frames = out.frames();
            for (int i = 0; i < frames.size(); i++) {
                socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
            }
        }
    }

    private void receiveAll(Registration r) {
        while (true) {
            byte[] first = r.socket().recv(ZMQ.DONTWAIT);
            if (first == null) {
                return;
            }
            List<byte[]> frames = new ArrayList<>(8);
            frames.add(first);
            while (r.socket().hasReceiveMore()) {
                frames.add(r.socket().recv(0));
            }
            try {
                r.onReceive().accept(frames);
            } catch (RuntimeException e) {
                LOG.error("{}: handling a {} message failed", name, r.channel().wireName(), e);
            }
            flushOutbox();
        }
    }

    private ZMQ.Socket socketFor(Channel channel) {
        for (Registration r : sockets) {
            if (r.channel() == channel) {
                return r.socket();
            }
        }
        throw new IllegalArgumentException(name + " has no " + channel + " socket");
    }

    /** Sends what is queued, stops the thread and closes its sockets. */
    @Override
    public void close() {
        stopping = true;
        wakeup.signal();
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        wakeup.close();
    }
}
