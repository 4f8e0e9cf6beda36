package io.workbench.kernel;

import static io.workbench.kernel.TestKernels.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.protocol.Channel;
import io.workbench.protocol.ConnectionInfo;
import io.workbench.protocol.Message;
import io.workbench.protocol.MessageSigner;
import io.workbench.protocol.MessageType;
import io.workbench.protocol.WireFormat;
import io.workbench.protocol.client.Execution;
import io.workbench.protocol.client.LocalKernel;
import io.workbench.protocol.messages.KernelInfoRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/** Kernels under abuse: forged messages, memory exhaustion, a dead parent, a dead broker. */
class KernelRobustnessIT {
    private static final Map<String, String> NO_SPARK = Map.of("WORKBENCH_KERNEL_SPARK", "false");

    @Test
    void messagesWithABadSignatureAreDroppedAndTheKernelKeepsServing() throws Exception {
        try (LocalKernel kernel = TestKernels.start(NO_SPARK);
             ZMQ.Context ctx = ZMQ.context(1);
             ZMQ.Socket dealer = ctx.socket(SocketType.DEALER)) {
            ConnectionInfo info = kernel.connection();
            dealer.setReceiveTimeOut(1500);
            dealer.connect(info.endpoint(Channel.SHELL));

            WireFormat forger = new WireFormat(new MessageSigner("not-the-key", "hmac-sha256"));
            send(dealer, forger.encode(Message.create(MessageType.KERNEL_INFO_REQUEST, new KernelInfoRequest(), null, "attacker")));
            assertNull(dealer.recv(0), "a forged request must get no reply");

            WireFormat honest = new WireFormat(info.signer());
            List<byte[]> valid = honest.encode(Message.create(MessageType.KERNEL_INFO_REQUEST, new KernelInfoRequest(), null, "tester"));
            send(dealer, valid);
            assertNotNull(dealer.recv(0), "a correctly signed request gets a reply");
            while (dealer.hasReceiveMore()) {
                dealer.recv(0);
            }
            send(dealer, valid);
            assertNull(dealer.recv(0), "a replayed message must get no reply");
            assertTrue(kernel.logTail(50).contains("invalid signature"), kernel.logTail(50));
            assertTrue(kernel.client().heartbeat(Duration.ofSeconds(2)), "the heartbeat still answers");
        }
    }

    private static void send(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    @Test
    void outOfMemoryInACellGivesAClearErrorAndTheKernelLivesOn() throws Exception {
        try (LocalKernel kernel = TestKernels.start(NO_SPARK, "256m")) {
            Execution e = run(kernel, "{ var hog = new ArrayList<long[]>(); while (true) hog.add(new long[1_000_000]); }");
            assertEquals("error", e.status());
            Message error = e.iopub("error").get(0);
            assertEquals("java.lang.OutOfMemoryError", error.content().path("ename").asText());
            assertTrue(error.content().path("traceback").toString().contains("ran out of memory"));
            assertEquals("2", run(kernel, "1 + 1").resultText());
        }
    }

    @Test
    void aKernelWhoseParentDiesExitsByItself() throws Exception {
        Process parent = new ProcessBuilder("sleep", "600").start();
        try (LocalKernel kernel = TestKernels.start(Map.of("WORKBENCH_KERNEL_SPARK", "false",
                "JPY_PARENT_PID", String.valueOf(parent.pid())))) {
            assertTrue(kernel.process().isAlive());
            parent.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            assertTrue(kernel.process().waitFor(15, TimeUnit.SECONDS), "the kernel outlived its parent");
            assertEquals(0, kernel.process().exitValue());
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void shutdownRequestEndsTheProcessCleanly() throws Exception {
        LocalKernel kernel = TestKernels.start(NO_SPARK);
        kernel.shutdown(Duration.ofSeconds(15));
        assertFalse(kernel.process().isAlive());
        assertEquals(0, kernel.process().exitValue());
    }

    @Test
    void aDeadBrokerGivesAnErrorThatSaysWhatToDo() throws Exception {
        try (LocalKernel kernel = TestKernels.start(Map.of("WORKBENCH_KERNEL_SPARK", "false",
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"))) {
            Execution e = run(kernel, "kafka.topics()");
            assertEquals("error", e.status());
            String evalue = e.iopub("error").get(0).content().path("evalue").asText();
            assertTrue(evalue.contains("did not answer") && evalue.contains("./workbench start"), evalue);
            assertEquals("2", run(kernel, "1 + 1").resultText());
        }
    }
}
