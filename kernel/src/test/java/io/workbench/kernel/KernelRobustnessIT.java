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
import io.workbench.protocol.client.KernelClient;
import io.workbench.protocol.client.LocalKernel;
import io.workbench.protocol.messages.CommClose;
import io.workbench.protocol.messages.CommMsg;
import io.workbench.protocol.messages.CommOpen;
import io.workbench.protocol.messages.InterruptRequest;
import io.workbench.protocol.messages.KernelInfoRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * Kernels under abuse: forged messages, floods of output, comms nobody serves, memory exhaustion, a dead parent,
 * a dead broker.
 */
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

    /**
     * A cell thread that is interrupted while it publishes must not break the IOPub loop's wake-up: that loop
     * then spun at a full core for the rest of the kernel's life. Repeated because the interrupt has to land
     * while the cell writes.
     */
    @Test
    void interruptingACellThatFloodsStdoutLeavesTheKernelWorkingAndIdle() throws Exception {
        try (LocalKernel kernel = TestKernels.start(NO_SPARK)) {
            for (int round = 0; round < 4; round++) {
                Execution flood = Execution.start(kernel.client(), "while (true) System.out.println(\"x\".repeat(100));");
                Thread.sleep(1000);
                assertNull(flood.reply(), "the flood should still be running");
                kernel.client().request(Channel.CONTROL, MessageType.INTERRUPT_REQUEST, new InterruptRequest())
                        .reply().get(5, TimeUnit.SECONDS);
                flood.await(Duration.ofSeconds(30));
                assertEquals("Interrupted", flood.reply().content().path("ename").asText(), "round " + round);

                Execution next = run(kernel, "System.out.println(\"after flood " + round + "\"); 40 + 2");
                assertEquals("after flood " + round + "\n", next.stream("stdout"), "round " + round);
                assertEquals("42", next.resultText());
            }
            Thread.sleep(1000);
            double busy = cpuShare(kernel.process(), Duration.ofSeconds(3));
            assertTrue(busy < 0.3, "the idle kernel used " + Math.round(busy * 100) + "% of a core after the interrupts:\n"
                    + kernel.logTail(20));
            assertEquals("2", run(kernel, "1 + 1").resultText());
        }
    }

    /** The CPU time a process used over {@code span}, as a share of one core (from /proc/<pid>/stat). */
    private static double cpuShare(Process process, Duration span) throws InterruptedException {
        Duration cpu0 = process.info().totalCpuDuration().orElseThrow();
        long t0 = System.nanoTime();
        Thread.sleep(span.toMillis());
        Duration cpu1 = process.info().totalCpuDuration().orElseThrow();
        return (double) cpu1.minus(cpu0).toNanos() / (System.nanoTime() - t0);
    }

    @Test
    void outputBeyondTheLimitIsCutWithOneNoteAndTheNextCellHasAFreshBudget() throws Exception {
        int limit = 100_000;
        try (LocalKernel kernel = TestKernels.start(Map.of("WORKBENCH_KERNEL_SPARK", "false",
                "WORKBENCH_KERNEL_MAX_OUTPUT_BYTES", String.valueOf(limit)))) {
            // 20,000 lines of 100 bytes on stdout and 2,000 on stderr: 2.2 MB, 22 times the limit
            Execution big = run(kernel, """
                    for (int i = 0; i < 20_000; i++) {
                        System.out.println("o".repeat(99));
                        if (i % 10 == 0) System.err.println("e".repeat(99));
                    }
                    21 * 2""");
            assertEquals("ok", big.status());
            assertEquals("42", big.resultText(), "results still go out after the cut");
            List<String> notes = big.iopub("stream").stream().map(m -> m.content().path("text").asText())
                    .filter(t -> t.contains("kernel.max-output-bytes")).toList();
            assertEquals(1, notes.size(), "one truncation note: " + notes);
            assertTrue(notes.get(0).contains("100,000 bytes"), notes.get(0));
            long bytes = big.iopub("stream").stream()
                    .mapToLong(m -> m.content().path("text").asText().getBytes(StandardCharsets.UTF_8).length).sum();
            assertTrue(bytes <= limit + notes.get(0).length() + 1024, bytes + " bytes of stream output went out");
            assertTrue(bytes >= limit, "output up to the limit goes out, got " + bytes);

            Execution next = run(kernel, "for (int i = 0; i < 500; i++) System.out.println(\"line \" + i);");
            String expected = java.util.stream.IntStream.range(0, 500).mapToObj(i -> "line " + i + "\n")
                    .collect(java.util.stream.Collectors.joining());
            assertEquals(expected, next.stream("stdout"), "the next cell has a fresh budget");
            assertEquals("", next.stream("stderr"));
        }
    }

    /** The messaging spec: a comm_open whose target_name is unknown is answered at once with a comm_close. */
    @Test
    void aCommOpenForAnUnknownTargetIsAnsweredWithCommClose() throws Exception {
        try (LocalKernel kernel = TestKernels.start(NO_SPARK)) {
            List<Message> iopub = new CopyOnWriteArrayList<>();
            KernelClient.Listener listener = (channel, m) -> {
                if (channel == Channel.IOPUB) {
                    iopub.add(m);
                }
            };
            kernel.client().addListener(listener);
            String commId = UUID.randomUUID().toString();
            Message open = Message.create(MessageType.COMM_OPEN,
                    new CommOpen(commId, "jupyter.widget", Map.of("state", Map.of()), null), null, kernel.client().session());
            kernel.client().send(Channel.SHELL, open);
            Message close = awaitIopub(iopub, open, "comm_close");
            assertEquals(commId, close.content().path("comm_id").asText());
            assertTrue(close.content().path("data").toString().contains("jupyter.widget"), close.content().toString());

            // messages for comms the kernel does not know are dropped without an answer
            Message msg = Message.create(MessageType.COMM_MSG, new CommMsg(commId, Map.of("x", 1)), null,
                    kernel.client().session());
            kernel.client().send(Channel.SHELL, msg);
            Message closeAgain = Message.create(MessageType.COMM_CLOSE, new CommClose(commId, Map.of()), null,
                    kernel.client().session());
            kernel.client().send(Channel.SHELL, closeAgain);
            awaitIopub(iopub, closeAgain, "status");
            assertEquals("2", run(kernel, "1 + 1").resultText());
            assertEquals(List.of("status", "status"), iopub.stream().filter(m -> msg.header().msgId().equals(m.parentId()))
                    .map(Message::type).toList(), "only busy and idle for a comm_msg to an unknown comm");
            kernel.client().removeListener(listener);
        }
    }

    /** The first IOPub message of {@code type} that answers {@code request}; fails after 10 s. */
    private static Message awaitIopub(List<Message> iopub, Message request, String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (Message m : iopub) {
                if (type.equals(m.type()) && request.header().msgId().equals(m.parentId())) {
                    return m;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + type + " for " + request.type() + " within 10 s; got "
                + iopub.stream().map(Message::type).toList());
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
