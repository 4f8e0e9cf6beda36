package io.workbench.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * A loop that owns one PUSH socket, read by a PULL socket on a receiver thread of the test; what matters is the
 * loop's wake-up when senders are interrupted or killed.
 */
class SocketLoopTest {
    private static final String LOOP = "socket-loop-test";

    private final ZMQ.Context context = ZMQ.context(1);
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private volatile boolean receiving = true;
    private Thread receiver;
    private SocketLoop loop;

    @BeforeEach
    void start() throws InterruptedException {
        ZMQ.Socket push = context.socket(SocketType.PUSH);
        push.setLinger(0);
        push.bind("inproc://socket-loop-test");
        ZMQ.Socket pull = context.socket(SocketType.PULL);
        pull.setLinger(0);
        pull.setReceiveTimeOut(100);
        pull.connect("inproc://socket-loop-test");
        receiver = new Thread(() -> {
            // never interrupted: an interrupt breaks a jeromq socket's own signalling pipe
            while (receiving) {
                byte[] got = pull.recv(0);
                if (got != null) {
                    received.add(new String(got, StandardCharsets.UTF_8));
                }
            }
            pull.close();
        }, "socket-loop-test-receiver");
        receiver.start();
        loop = new SocketLoop(LOOP, context).add(Channel.IOPUB, push, null).start();
        loop.send(Channel.IOPUB, frames("ready"));
        assertEquals("ready", received.poll(5, TimeUnit.SECONDS));
    }

    @AfterEach
    void stop() throws InterruptedException {
        loop.close();
        receiving = false;
        receiver.join(5000);
        context.term();
    }

    /** One message at a time, each waited for: a lost wake-up leaves a message in the outbox for good. */
    @Test
    void everySendWakesTheLoop() throws Exception {
        for (int i = 0; i < 20_000; i++) {
            loop.send(Channel.IOPUB, frames("ping " + i));
            assertReceived("ping " + i);
        }
    }

    /** Another loop's thread wakes the loop by writing its pipe itself; no wake-up may be lost that way either. */
    @Test
    void everySendFromAnotherLoopWakesTheLoop() throws Exception {
        ZMQ.Socket relayIn = context.socket(SocketType.PULL);
        relayIn.setLinger(0);
        relayIn.bind("inproc://socket-loop-test-relay");
        SocketLoop relay = new SocketLoop("relay", context)
                .add(Channel.SHELL, relayIn, frames -> loop.send(Channel.IOPUB, frames)).start();
        try (ZMQ.Socket toRelay = context.socket(SocketType.PUSH)) {
            toRelay.setLinger(0);
            toRelay.connect("inproc://socket-loop-test-relay");
            for (int i = 0; i < 20_000; i++) {
                toRelay.send("relayed " + i);
                assertReceived("relayed " + i);
            }
        } finally {
            relay.close();
        }
    }

    @Test
    void sendsFromAnInterruptedThreadGoOutAndLeaveTheLoopIdle() throws Exception {
        for (int i = 0; i < 5; i++) {
            String text = "from an interrupted thread " + i;
            Thread sender = new Thread(() -> {
                Thread.currentThread().interrupt();
                loop.send(Channel.IOPUB, frames(text));
            });
            sender.start();
            sender.join();
            assertReceived(text);
        }
        assertLoopIdle();
        loop.send(Channel.IOPUB, frames("later"));
        assertReceived("later");
    }

    @Test
    void sendsFromAThreadKilledWhileSendingLeaveTheLoopWorking() throws Exception {
        for (int i = 0; i < 20; i++) {
            Thread sender = new Thread(() -> {
                while (true) {
                    loop.send(Channel.IOPUB, frames("flood"));
                }
            });
            sender.start();
            Thread.sleep(20);
            sender.interrupt();
            stopThread(sender);
        }
        loop.send(Channel.IOPUB, frames("after the floods"));
        String got;
        do {
            got = received.poll(30, TimeUnit.SECONDS);
        } while (got != null && !got.equals("after the floods"));
        assertEquals("after the floods", got);
        assertLoopIdle();
        loop.send(Channel.IOPUB, frames("later"));
        assertReceived("later");
    }

    @Test
    void aLoopWhoseWakeupPipeWasClosedReplacesItAndCarriesOn() throws Exception {
        for (int i = 0; i < 3; i++) {
            Pipe broken = loop.wakeup().pipe();
            broken.sink().close();
            loop.send(Channel.IOPUB, frames("after break " + i));
            assertReceived("after break " + i);
            assertLoopIdle();
            assertNotSame(broken, loop.wakeup().pipe(), "the loop renewed its pipe");
        }
        loop.send(Channel.IOPUB, frames("later"));
        assertReceived("later");
    }

    @SuppressWarnings({"removal", "deprecation"})
    private static void stopThread(Thread t) throws InterruptedException {
        t.join(20);
        t.stop();
        t.join(2000);
    }

    private void assertReceived(String text) throws InterruptedException {
        assertEquals(text, received.poll(5, TimeUnit.SECONDS), "the loop did not deliver '" + text + "'");
    }

    /** The loop thread uses well under a tenth of a core over half a second with nothing to send. */
    private static void assertLoopIdle() throws InterruptedException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long id = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(LOOP))
                .findFirst().orElseThrow().getId();
        long cpu0 = mx.getThreadCpuTime(id);
        long t0 = System.nanoTime();
        Thread.sleep(500);
        double share = (double) (mx.getThreadCpuTime(id) - cpu0) / (System.nanoTime() - t0);
        assertTrue(share < 0.1, "the idle loop thread used " + Math.round(share * 100) + "% of a core");
    }

    private static List<byte[]> frames(String text) {
        return List.of(text.getBytes(StandardCharsets.UTF_8));
    }
}
