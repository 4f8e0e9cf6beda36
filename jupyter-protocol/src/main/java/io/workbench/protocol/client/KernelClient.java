package io.workbench.protocol.client;

import io.workbench.protocol.Channel;
import io.workbench.protocol.ConnectionInfo;
import io.workbench.protocol.InvalidMessageException;
import io.workbench.protocol.Message;
import io.workbench.protocol.MessageType;
import io.workbench.protocol.SocketLoop;
import io.workbench.protocol.WireFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * Connects to a running kernel. One thread owns the shell, control, stdin and iopub sockets; {@link #send} and
 * {@link #request} are safe from any thread. Listeners run on that thread and must not block.
 */
public final class KernelClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KernelClient.class);
    /**
     * How long a new connection may take to finish its ZeroMQ handshake before it is dropped and retried. On
     * loopback a handshake takes microseconds, but jeromq 0.6.0 sometimes leaves a freshly connected socket
     * out of its poller (zeromq/jeromq#1022): the handshake then never starts, and only this timer (30 s by
     * default) gets the connection going again.
     */
    private static final int HANDSHAKE_MILLIS = 500;

    /** Receives every valid message from the kernel, with the channel it came on. */
    @FunctionalInterface
    public interface Listener {
        void onMessage(Channel channel, Message message);
    }

    private final ConnectionInfo info;
    private final WireFormat wire;
    private final String session = UUID.randomUUID().toString();
    private final ZMQ.Context context = ZMQ.context(1);
    private final SocketLoop loop;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();

    private KernelClient(ConnectionInfo info) {
        this.info = info;
        this.wire = new WireFormat(info.signer());
        this.loop = new SocketLoop("kernel-client-" + info.shellPort(), context);
        for (Channel c : List.of(Channel.SHELL, Channel.CONTROL, Channel.STDIN)) {
            ZMQ.Socket s = context.socket(SocketType.DEALER);
            s.setLinger(0);
            s.setHandshakeIvl(HANDSHAKE_MILLIS);
            s.setIdentity(session.getBytes(StandardCharsets.UTF_8));
            s.connect(info.endpoint(c));
            loop.add(c, s, frames -> receive(c, frames));
        }
        ZMQ.Socket iopub = context.socket(SocketType.SUB);
        iopub.setLinger(0);
        iopub.setHandshakeIvl(HANDSHAKE_MILLIS);
        iopub.subscribe(new byte[0]);
        iopub.connect(info.endpoint(Channel.IOPUB));
        loop.add(Channel.IOPUB, iopub, frames -> receive(Channel.IOPUB, frames));
    }

    public static KernelClient connect(ConnectionInfo info) {
        KernelClient client = new KernelClient(info);
        client.loop.start();
        return client;
    }

    public String session() {
        return session;
    }

    public ConnectionInfo connectionInfo() {
        return info;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** Signs and sends a message as it is, for example one relayed from a browser. */
    public void send(Channel channel, Message message) {
        loop.send(channel, wire.encode(message));
    }

    /** Sends a new request and returns a future for its reply. */
    public <T> Request request(Channel channel, MessageType<T> type, T content) {
        return request(channel, type, content, null);
    }

    /** Sends a new request with message metadata (for example the notebook's {@code cellId}). */
    public <T> Request request(Channel channel, MessageType<T> type, T content,
                              com.fasterxml.jackson.databind.node.ObjectNode metadata) {
        Message created = Message.create(type, content, null, session);
        Message message = metadata == null ? created : new Message(created.identities(), created.header(),
                created.parentHeader(), metadata, created.content(), created.buffers());
        CompletableFuture<Message> reply = new CompletableFuture<>();
        pending.put(message.header().msgId(), reply);
        reply.whenComplete((m, e) -> pending.remove(message.header().msgId()));
        send(channel, message);
        return new Request(message, reply);
    }

    /** A sent request and its reply to come. */
    public record Request(Message message, CompletableFuture<Message> reply) {
        public String id() {
            return message.header().msgId();
        }
    }

    /** Pings the heartbeat channel once; true if the kernel echoed within the timeout. */
    public boolean heartbeat(Duration timeout) {
        try (ZMQ.Socket hb = context.socket(SocketType.REQ)) {
            hb.setLinger(0);
            // a fresh socket per ping: leave room for a stalled handshake to be retried within the timeout
            hb.setHandshakeIvl((int) Math.max(50, Math.min(HANDSHAKE_MILLIS, timeout.toMillis() / 4)));
            hb.setReceiveTimeOut((int) timeout.toMillis());
            hb.connect(info.endpoint(Channel.HEARTBEAT));
            byte[] ping = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
            hb.send(ping, 0);
            byte[] pong = hb.recv(0);
            return pong != null && java.util.Arrays.equals(ping, pong);
        }
    }

    private void receive(Channel channel, List<byte[]> frames) {
        Message message;
        try {
            message = wire.decode(frames);
        } catch (InvalidMessageException e) {
            LOG.warn("Dropped a message from the kernel on {}: {}", channel.wireName(), e.getMessage());
            return;
        }
        if (channel != Channel.IOPUB && message.parentId() != null) {
            CompletableFuture<Message> reply = pending.get(message.parentId());
            if (reply != null) {
                reply.complete(message);
            }
        }
        for (Listener l : listeners) {
            try {
                l.onMessage(channel, message);
            } catch (RuntimeException e) {
                LOG.error("A kernel message listener failed", e);
            }
        }
    }

    @Override
    public void close() {
        loop.close();
        pending.values().forEach(f -> f.cancel(false));
        Thread term = new Thread(context::term, "zmq-term");
        term.setDaemon(true);
        term.start();
        try {
            term.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
