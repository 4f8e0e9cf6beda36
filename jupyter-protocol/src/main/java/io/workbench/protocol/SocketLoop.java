package io.workbench.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
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
 * only this loop's sockets. {@link #send} may be called from any thread.
 */
public final class SocketLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SocketLoop.class);

    private record Registration(Channel channel, ZMQ.Socket socket, Consumer<List<byte[]>> onReceive) {
    }

    private record Outgoing(Channel channel, List<byte[]> frames) {
    }

    private final String name;
    private final ZMQ.Context context;
    private final List<Registration> sockets = new ArrayList<>();
    private final Queue<Outgoing> outbox = new ConcurrentLinkedQueue<>();
    private final Pipe wakeup;
    private final ByteBuffer wakeByte = ByteBuffer.allocate(1);
    private volatile boolean stopping;
    private Thread thread;

    public SocketLoop(String name, ZMQ.Context context) {
        this.name = name;
        this.context = context;
        try {
            this.wakeup = Pipe.open();
            wakeup.source().configureBlocking(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Queues frames for the socket of {@code channel}; safe from any thread. */
    public void send(Channel channel, List<byte[]> frames) {
        outbox.add(new Outgoing(channel, frames));
        wake();
    }

    private void wake() {
        synchronized (wakeup) {
            try {
                wakeup.sink().write(ByteBuffer.wrap(new byte[] {1}));
            } catch (IOException e) {
                if (!stopping) {
                    LOG.warn("{}: cannot wake the socket loop: {}", name, e.toString());
                }
            }
        }
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
                if (poller.pollin(pipeIndex)) {
                    drainWakeups();
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

    private void drainWakeups() {
        try {
            wakeByte.clear();
            while (wakeup.source().read(wakeByte) > 0) {
                wakeByte.clear();
            }
        } catch (IOException e) {
            LOG.warn("{}: wake-up pipe failed: {}", name, e.toString());
        }
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
        wake();
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            wakeup.sink().close();
            wakeup.source().close();
        } catch (IOException ignored) {
            // closing a pipe we own cannot fail in a way worth reporting
        }
    }
}
