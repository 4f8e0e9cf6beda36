package io.workbench.protocol.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.workbench.protocol.Channel;
import io.workbench.protocol.ConnectionInfo;
import io.workbench.protocol.Message;
import io.workbench.protocol.MessageSigner;
import io.workbench.protocol.MessageType;
import io.workbench.protocol.WireFormat;
import io.workbench.protocol.client.KernelClient;
import io.workbench.protocol.messages.ExecuteReply;
import io.workbench.protocol.messages.ExecuteRequest;
import io.workbench.protocol.messages.InterruptReply;
import io.workbench.protocol.messages.InterruptRequest;
import io.workbench.protocol.messages.KernelInfoReply;
import io.workbench.protocol.messages.KernelInfoRequest;
import io.workbench.protocol.messages.ShutdownReply;
import io.workbench.protocol.messages.ShutdownRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** A real KernelServer and a real KernelClient talking over TCP loopback. */
class KernelServerClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final MessageType<KernelInfoRequest> UNKNOWN =
            new MessageType<>("frobnicate_request", KernelInfoRequest.class);

    private final AtomicInteger executions = new AtomicInteger();
    private final CountDownLatch releaseShell = new CountDownLatch(1);
    private final CountDownLatch afterReplyRan = new CountDownLatch(1);
    private final Inbox inbox = new Inbox();
    private ConnectionInfo info;
    private KernelServer server;
    private KernelClient client;

    @BeforeEach
    void start() throws Exception {
        info = ConnectionInfo.allocate("test");
        server = new KernelServer(info)
                .onShell(MessageType.KERNEL_INFO_REQUEST, (request, content) -> kernelInfo())
                .onShell(MessageType.EXECUTE_REQUEST, this::execute)
                .onControl(MessageType.INTERRUPT_REQUEST, (request, content) -> {
                    releaseShell.countDown();
                    return new InterruptReply("ok");
                })
                .onControl(MessageType.SHUTDOWN_REQUEST, (request, content) ->
                        new AfterReply(new ShutdownReply("ok", content.restart()), afterReplyRan::countDown))
                .start();
        client = KernelClient.connect(info);
        client.addListener(inbox);
        awaitIopubSubscription();
    }

    @AfterEach
    void stop() {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            releaseShell.countDown();
            if (server != null) {
                server.close();
            }
        }
    }

    private Object execute(Message request, ExecuteRequest content) throws Exception {
        switch (content.code()) {
            case "throw" -> throw new IllegalStateException("the handler failed on purpose");
            case "block" -> {
                if (!releaseShell.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new TimeoutException("never released");
                }
            }
            case "silent" -> {
                return null;
            }
            default -> {
            }
        }
        return ExecuteReply.ok(executions.incrementAndGet());
    }

    private static KernelInfoReply kernelInfo() {
        return new KernelInfoReply("ok", "5.3", "test-kernel", "1.0",
                new KernelInfoReply.LanguageInfo("java", "17", "text/x-java", ".java", "java", "java", "script"),
                "banner", List.of(), false);
    }

    /** PUB/SUB subscriptions propagate asynchronously; ask until a status for our own request comes through. */
    private void awaitIopubSubscription() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            KernelClient.Request r = client.request(Channel.SHELL, MessageType.KERNEL_INFO_REQUEST,
                    new KernelInfoRequest());
            r.reply().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (inbox.await(status(r.id(), "idle"), Duration.ofMillis(200)) != null) {
                inbox.clear();
                return;
            }
        }
        fail("no IOPub message arrived within " + WAIT);
    }

    @Test
    void kernelInfoIsAnsweredAndWrappedInBusyAndIdle() throws Exception {
        KernelClient.Request r = client.request(Channel.SHELL, MessageType.KERNEL_INFO_REQUEST, new KernelInfoRequest());
        Message reply = r.reply().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertEquals("kernel_info_reply", reply.type());
        assertEquals(r.id(), reply.parentId());
        assertEquals(server.session(), reply.header().session());
        KernelInfoReply content = reply.content(MessageType.KERNEL_INFO_REPLY);
        assertEquals("test-kernel", content.implementation());
        assertEquals("java", content.languageInfo().name());
        assertEquals("text/x-java", reply.content().path("language_info").path("mimetype").asText());

        assertNotNull(inbox.await(status(r.id(), "idle"), WAIT), "idle after the request");
        List<String> states = inbox.states(r.id());
        assertEquals(List.of("busy", "idle"), states);
    }

    @Test
    void unknownMessageTypeGetsNoReplyButBusyAndIdle() throws Exception {
        KernelClient.Request unknown = client.request(Channel.SHELL, UNKNOWN, new KernelInfoRequest());
        assertNotNull(inbox.await(status(unknown.id(), "idle"), WAIT));
        assertEquals(List.of("busy", "idle"), inbox.states(unknown.id()));

        // The shell channel answers in order: once a later request is answered, no reply to the first is coming.
        KernelClient.Request later = client.request(Channel.SHELL, MessageType.KERNEL_INFO_REQUEST,
                new KernelInfoRequest());
        later.reply().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertFalse(unknown.reply().isDone(), "no reply to an unknown message type");
        assertTrue(inbox.all().stream().noneMatch(m -> m.type().equals("frobnicate_reply")));
    }

    @Test
    void handlerReturningNullSendsNoReply() throws Exception {
        KernelClient.Request silent = client.request(Channel.SHELL, MessageType.EXECUTE_REQUEST,
                ExecuteRequest.of("silent"));
        KernelClient.Request later = client.request(Channel.SHELL, MessageType.EXECUTE_REQUEST, ExecuteRequest.of("1"));
        later.reply().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertFalse(silent.reply().isDone());
        assertNotNull(inbox.await(status(silent.id(), "idle"), WAIT));
    }

    @Test
    void throwingHandlerYieldsAnErrorReply() throws Exception {
        KernelClient.Request r = client.request(Channel.SHELL, MessageType.EXECUTE_REQUEST, ExecuteRequest.of("throw"));
        Message reply = r.reply().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertEquals("execute_reply", reply.type());
        assertEquals(r.id(), reply.parentId());
        assertEquals("error", reply.content().path("status").asText());
        assertEquals("IllegalStateException", reply.content().path("ename").asText());
        assertEquals("the handler failed on purpose", reply.content().path("evalue").asText());
        assertTrue(reply.content().path("traceback").isArray());
        assertNotNull(inbox.await(status(r.id(), "idle"), WAIT));
        assertEquals(List.of("busy", "idle"), inbox.states(r.id()));

        // and the kernel keeps serving
        Message next = client.request(Channel.SHELL, MessageType.EXECUTE_REQUEST, ExecuteRequest.of("1"))
                .reply().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals("ok", next.content().path("status").asText());
    }

    @Test
    void controlIsAnsweredWhileShellIsBusy() throws Exception {
        KernelClient.Request blocked = client.request(Channel.SHELL, MessageType.EXECUTE_REQUEST,
                ExecuteRequest.of("block"));
        assertNotNull(inbox.await(status(blocked.id(), "busy"), WAIT));
        assertFalse(blocked.reply().isDone());

        KernelClient.Request interrupt = client.request(Channel.CONTROL, MessageType.INTERRUPT_REQUEST,
                new InterruptRequest());
        Message reply = interrupt.reply().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals("interrupt_reply", reply.type());
        assertEquals(interrupt.id(), reply.parentId());

        Message executeReply = blocked.reply().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals("ok", executeReply.content().path("status").asText());
        assertTrue(inbox.states(interrupt.id()).isEmpty(), "control requests publish no status");
    }

    @Test
    void afterReplyRunsOnceTheReplyIsSent() throws Exception {
        KernelClient.Request r = client.request(Channel.CONTROL, MessageType.SHUTDOWN_REQUEST, new ShutdownRequest(true));
        Message reply = r.reply().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals("shutdown_reply", reply.type());
        assertTrue(reply.content().path("restart").asBoolean());
        assertTrue(afterReplyRan.await(WAIT.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void requestsFromManyThreadsAreAllAnswered() throws Exception {
        int threads = 8;
        int perThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<KernelClient.Request>>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                senders.add(pool.submit(() -> {
                    go.await();
                    List<KernelClient.Request> sent = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        sent.add(client.request(Channel.SHELL, MessageType.EXECUTE_REQUEST, ExecuteRequest.of("1")));
                    }
                    return sent;
                }));
            }
            go.countDown();
            List<KernelClient.Request> all = new ArrayList<>();
            for (Future<List<KernelClient.Request>> f : senders) {
                all.addAll(f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            }
            CompletableFuture.allOf(all.stream().map(KernelClient.Request::reply).toArray(CompletableFuture[]::new))
                    .get(60, TimeUnit.SECONDS);

            Set<String> requestIds = new HashSet<>();
            Set<Integer> counts = new HashSet<>();
            for (KernelClient.Request r : all) {
                Message reply = r.reply().getNow(null);
                assertEquals(r.id(), reply.parentId());
                assertEquals("ok", reply.content().path("status").asText());
                requestIds.add(r.id());
                counts.add(reply.content().path("execution_count").asInt());
            }
            assertEquals(threads * perThread, requestIds.size());
            assertEquals(threads * perThread, counts.size(), "each request ran exactly once");
            assertEquals(threads * perThread, executions.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void messagesSignedWithAnotherKeyAreDroppedAndTheKernelKeepsServing() throws Exception {
        WireFormat forger = new WireFormat(new MessageSigner("not-the-key", "hmac-sha256"));
        WireFormat honest = new WireFormat(info.signer());
        Message forged = Message.create(MessageType.EXECUTE_REQUEST, ExecuteRequest.of("1"), null, "intruder");
        Message genuine = Message.create(MessageType.EXECUTE_REQUEST, ExecuteRequest.of("1"), null, "intruder");
        // One raw DEALER sends both, so the kernel sees them in this order.
        try (ZContext context = new ZContext(); ZMQ.Socket dealer = context.createSocket(SocketType.DEALER)) {
            dealer.setLinger(0);
            dealer.setHandshakeIvl(250); // see KernelClient: jeromq may stall a fresh connection until this fires
            dealer.setReceiveTimeOut((int) WAIT.toMillis());
            dealer.connect(info.endpoint(Channel.SHELL));
            sendFrames(dealer, forger.encode(forged));
            sendFrames(dealer, honest.encode(genuine));

            Message reply = honest.decode(receiveFrames(dealer));
            assertEquals(genuine.header().msgId(), reply.parentId());
            assertEquals("ok", reply.content().path("status").asText());
            dealer.setReceiveTimeOut(300);
            assertNull(dealer.recv(0), "no reply to the forged request");
        }
        assertEquals(1, executions.get(), "the forged request never reached a handler");
        assertTrue(inbox.states(forged.header().msgId()).isEmpty(), "a dropped message publishes no status");
    }

    private static void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            assertTrue(socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0));
        }
    }

    private static List<byte[]> receiveFrames(ZMQ.Socket socket) {
        List<byte[]> frames = new ArrayList<>();
        byte[] first = socket.recv(0);
        assertNotNull(first, "no reply within " + WAIT);
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }

    @Test
    void heartbeatEchoes() {
        assertTrue(client.heartbeat(WAIT));
    }

    /** Each ping connects anew; on an idle client jeromq used to stall such a connection (see KernelClient). */
    @Test
    void heartbeatAnswersEveryPingOfAnIdleClient() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            Thread.sleep(100);
            assertTrue(client.heartbeat(Duration.ofSeconds(2)), "ping " + i);
        }
    }

    @Test
    void heartbeatFailsOnceTheServerIsClosed() {
        server.close();
        server = null;
        assertFalse(client.heartbeat(Duration.ofMillis(500)));
    }

    private static Predicate<Message> status(String parentId, String state) {
        return m -> m.type().equals("status") && parentId.equals(m.parentId())
                && state.equals(m.content().path("execution_state").asText());
    }

    /** Every IOPub message the client received, in order. */
    private static final class Inbox implements KernelClient.Listener {
        private final List<Message> messages = new ArrayList<>();

        @Override
        public synchronized void onMessage(Channel channel, Message message) {
            if (channel == Channel.IOPUB) {
                messages.add(message);
                notifyAll();
            }
        }

        synchronized Message await(Predicate<Message> match, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                for (Message m : messages) {
                    if (match.test(m)) {
                        return m;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        synchronized List<String> states(String parentId) {
            return messages.stream().filter(m -> m.type().equals("status") && parentId.equals(m.parentId()))
                    .map(m -> m.content().path("execution_state").asText()).toList();
        }

        synchronized List<Message> all() {
            return List.copyOf(messages);
        }

        synchronized void clear() {
            messages.clear();
        }
    }
}
