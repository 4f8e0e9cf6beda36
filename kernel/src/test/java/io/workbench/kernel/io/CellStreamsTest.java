package io.workbench.kernel.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.protocol.Header;
import io.workbench.protocol.MessageType;
import io.workbench.protocol.kernel.IoPub;
import io.workbench.protocol.messages.Stream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellStreamsTest {
    private final List<String> published = new ArrayList<>();
    private final List<String> publishers = new ArrayList<>();
    private final IoPub iopub = new IoPub() {
        @Override
        public <T> void publish(MessageType<T> type, T content, Header parent) {
            synchronized (published) {
                published.add(((Stream) content).name() + ":" + ((Stream) content).text());
                publishers.add(Thread.currentThread().getName());
            }
        }
    };

    @Test
    void aMultiByteCharacterSplitAcrossWritesIsNeverCut() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        assertEquals(0, PendingText.completeUtf8Prefix(new byte[] {euro[0], euro[1]}, 2));
        assertEquals(3, PendingText.completeUtf8Prefix(euro, 3));
        assertEquals(1, PendingText.completeUtf8Prefix(new byte[] {'a', euro[0]}, 2));
    }

    @Test
    void manyPrintlnsAreCoalescedAndFlushKeepsOrder() {
        CellStreams streams = new CellStreams(iopub, 1 << 20);
        PrintStream out = new PrintStream(streams.testSink("stdout"), true, StandardCharsets.UTF_8);
        for (int i = 0; i < 1000; i++) {
            out.println(i);
        }
        streams.flush();
        String all = joined("stdout:");
        assertEquals(1000, all.lines().count());
        assertEquals("999", all.lines().reduce((a, b) -> b).orElseThrow());
        assertTrue(texts().size() < 50, "1000 printlns became " + texts().size() + " messages");
    }

    /** Printing threads may be interrupted or killed at any moment, so they must never publish themselves. */
    @Test
    void printingThreadsOnlyBufferAndTheFlusherPublishes() throws Exception {
        CellStreams streams = new CellStreams(iopub, 1 << 20);
        PrintStream out = new PrintStream(streams.testSink("stdout"), true, StandardCharsets.UTF_8);
        Thread printer = new Thread(() -> {
            for (int i = 0; i < 5000; i++) {
                out.println("x".repeat(99));
            }
        }, "printer");
        printer.start();
        printer.join();
        Thread.sleep(4 * CellStreams.COALESCE_MILLIS);
        synchronized (published) {
            assertTrue(publishers.stream().allMatch("stream-flusher"::equals), publishers.toString());
            assertEquals(500_000, joined("stdout:").length());
        }
    }

    /** Thread.stop can land inside System.out's own PrintStream, whose buffers sit above the streams' lock. */
    @Test
    @SuppressWarnings({"removal", "deprecation"})
    void aCellKilledWhilePrintingLeavesNothingBehindForTheNextCell() throws Exception {
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        CellStreams streams = new CellStreams(iopub, Integer.MAX_VALUE);
        try {
            streams.install();
            for (int round = 0; round < 20; round++) {
                streams.beginRequest(null);
                Thread cell = new Thread(() -> {
                    while (true) {
                        System.out.println("x".repeat(100) + "\u00e9");
                    }
                });
                cell.start();
                Thread.sleep(20);
                cell.stop();
                cell.join();
                streams.endRequest();
                clear();

                streams.beginRequest(null);
                System.out.println("next cell " + round);
                streams.endRequest();
                assertEquals(List.of("stdout:next cell " + round + "\n"), texts());
                clear();
            }
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }
    }

    @Test
    void outputOverTheLimitIsCutOnceWithANoteAndTheNextRequestStartsAfresh() {
        CellStreams streams = new CellStreams(iopub, 1000);
        PrintStream err = new PrintStream(streams.testSink("stderr"), true, StandardCharsets.UTF_8);
        streams.beginRequest(null);
        for (int i = 0; i < 100; i++) {
            err.println("é".repeat(50));
        }
        streams.endRequest();
        List<String> first = texts();
        long notes = first.stream().filter(t -> t.contains("Output truncated")).count();
        assertEquals(1, notes, first.toString());
        String text = joined("stderr:");
        String kept = text.substring(0, text.indexOf("[Output truncated"));
        assertTrue(kept.getBytes(StandardCharsets.UTF_8).length <= 1001, kept);
        assertTrue(!kept.contains("\uFFFD"), "a character was cut in two");

        clear();
        streams.beginRequest(null);
        err.println("fresh");
        streams.endRequest();
        assertEquals(List.of("stderr:fresh\n"), texts());
    }

    private void clear() {
        synchronized (published) {
            published.clear();
            publishers.clear();
        }
    }

    /** The text of all messages, each without its stream name prefix. */
    private String joined(String prefix) {
        return texts().stream().map(t -> t.substring(prefix.length())).reduce("", String::concat);
    }

    private List<String> texts() {
        synchronized (published) {
            return List.copyOf(published);
        }
    }
}
