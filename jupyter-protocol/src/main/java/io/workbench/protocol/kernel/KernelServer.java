package io.workbench.protocol.kernel;

import io.workbench.protocol.Channel;
import io.workbench.protocol.ConnectionInfo;
import io.workbench.protocol.Header;
import io.workbench.protocol.InvalidMessageException;
import io.workbench.protocol.Json;
import io.workbench.protocol.Message;
import io.workbench.protocol.MessageType;
import io.workbench.protocol.SocketLoop;
import io.workbench.protocol.WireFormat;
import io.workbench.protocol.messages.Status;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * Binds a kernel's five channels and serves them. Shell and control each have their own thread and their own
 * dispatch table, so an interrupt on control is answered while shell is busy running a cell. Every shell
 * request is wrapped in busy and idle status messages. Messages that fail signature checks are dropped and
 * logged; the kernel keeps serving.
 */
public final class KernelServer implements IoPub, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KernelServer.class);

    private record Route(MessageType<?> type, RequestHandler<Object> handler) {
    }

    private final ConnectionInfo info;
    private final WireFormat wire;
    private final String session = UUID.randomUUID().toString();
    private final ZMQ.Context context = ZMQ.context(1);
    private final Map<String, Route> shellRoutes = new HashMap<>();
    private final Map<String, Route> controlRoutes = new HashMap<>();
    private final Map<Channel, SocketLoop> loops = new LinkedHashMap<>();
    private Thread heartbeat;

    public KernelServer(ConnectionInfo info) {
        this.info = info;
        this.wire = new WireFormat(info.signer());
    }

    public String session() {
        return session;
    }

    @SuppressWarnings("unchecked")
    public <T> KernelServer onShell(MessageType<T> type, RequestHandler<T> handler) {
        shellRoutes.put(type.name(), new Route(type, (RequestHandler<Object>) handler));
        return this;
    }

    @SuppressWarnings("unchecked")
    public <T> KernelServer onControl(MessageType<T> type, RequestHandler<T> handler) {
        controlRoutes.put(type.name(), new Route(type, (RequestHandler<Object>) handler));
        return this;
    }

    /** Binds all channels and starts serving; throws if a port cannot be bound. */
    public KernelServer start() {
        ZMQ.Socket shell = bind(Channel.SHELL, SocketType.ROUTER);
        ZMQ.Socket control = bind(Channel.CONTROL, SocketType.ROUTER);
        ZMQ.Socket stdin = bind(Channel.STDIN, SocketType.ROUTER);
        ZMQ.Socket iopub = bind(Channel.IOPUB, SocketType.PUB);
        ZMQ.Socket hb = bind(Channel.HEARTBEAT, SocketType.REP);
        loops.put(Channel.IOPUB, new SocketLoop("iopub", context).add(Channel.IOPUB, iopub, null).start());
        loops.put(Channel.SHELL, new SocketLoop("shell", context)
                .add(Channel.SHELL, shell, frames -> dispatch(Channel.SHELL, frames, shellRoutes)).start());
        loops.put(Channel.CONTROL, new SocketLoop("control", context)
                .add(Channel.CONTROL, control, frames -> dispatch(Channel.CONTROL, frames, controlRoutes)).start());
        loops.put(Channel.STDIN, new SocketLoop("stdin", context)
                .add(Channel.STDIN, stdin, frames -> LOG.debug("ignored a stdin message")).start());
        heartbeat = new Thread(() -> echo(hb), "heartbeat");
        heartbeat.setDaemon(true);
        heartbeat.start();
        publish(MessageType.STATUS, Status.STARTING, null);
        return this;
    }

    @Override
    public <T> void publish(MessageType<T> type, T content, Header parent) {
        Message m = Message.create(type, content, parent, session);
        List<byte[]> frames = wire.encode(new Message(List.of(type.name().getBytes(StandardCharsets.UTF_8)),
                m.header(), m.parentHeader(), m.metadata(), m.content(), List.of()));
        loops.get(Channel.IOPUB).send(Channel.IOPUB, frames);
    }

    private void dispatch(Channel channel, List<byte[]> frames, Map<String, Route> routes) {
        Message request;
        try {
            request = wire.decode(frames);
        } catch (InvalidMessageException e) {
            LOG.warn("Dropped a message on the {} channel: {}", channel.wireName(), e.getMessage());
            return;
        }
        Route route = routes.get(request.type());
        boolean shell = channel == Channel.SHELL;
        if (shell) {
            publish(MessageType.STATUS, Status.BUSY, request.header());
        }
        try {
            if (route == null) {
                LOG.debug("No handler for {} on {}", request.type(), channel.wireName());
                return;
            }
            Object reply;
            try {
                reply = route.handler().handle(request, Json.fromTree(request.content(), route.type().contentType()));
            } catch (Exception | StackOverflowError e) {
                LOG.error("Handling {} failed", request.type(), e);
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("status", "error");
                error.put("ename", e.getClass().getSimpleName());
                error.put("evalue", String.valueOf(e.getMessage()));
                error.put("traceback", List.of());
                reply = error;
            }
            if (reply instanceof AfterReply after) {
                sendReply(channel, request, after.content());
                Thread then = new Thread(after.then(), "after-" + request.type());
                then.setDaemon(false);
                then.start();
            } else if (reply != null) {
                sendReply(channel, request, reply);
            }
        } finally {
            if (shell) {
                publish(MessageType.STATUS, Status.IDLE, request.header());
            }
        }
    }

    private void sendReply(Channel channel, Message request, Object content) {
        MessageType<Object> type = new MessageType<>(MessageType.replyName(request.type()), Object.class);
        Message reply = request.reply(type, content, session);
        loops.get(channel).send(channel, wire.encode(reply));
    }

    private ZMQ.Socket bind(Channel channel, SocketType type) {
        ZMQ.Socket socket = context.socket(type);
        socket.setLinger(1000);
        String endpoint = info.endpoint(channel);
        try {
            socket.bind(endpoint);
        } catch (ZMQException e) {
            socket.close();
            throw new IllegalStateException("Cannot bind the " + channel.wireName() + " channel to " + endpoint
                    + ": " + e.getMessage() + ". Is another kernel using this connection file?", e);
        }
        return socket;
    }

    private static void echo(ZMQ.Socket hb) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                byte[] ping = hb.recv(0);
                if (ping == null) {
                    break;
                }
                hb.send(ping, 0);
            }
        } catch (ZMQException e) {
            if (e.getErrorCode() != ZMQ.Error.ETERM.getCode()) {
                LOG.warn("Heartbeat stopped: {}", e.toString());
            }
        } finally {
            hb.close();
        }
    }

    /** Flushes IOPub, stops every channel thread and releases the ports. */
    @Override
    public void close() {
        for (Channel c : List.of(Channel.SHELL, Channel.CONTROL, Channel.STDIN, Channel.IOPUB)) {
            SocketLoop loop = loops.get(c);
            if (loop != null) {
                loop.close();
            }
        }
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
