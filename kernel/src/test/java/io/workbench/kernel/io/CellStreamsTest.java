package io.workbench.kernel.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    @Test
    void aMultiByteCharacterSplitAcrossWritesIsNeverCut() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        assertEquals(0, CellStreams.completeUtf8Prefix(new byte[] {euro[0], euro[1]}));
        assertEquals(3, CellStreams.completeUtf8Prefix(euro));
        assertEquals(1, CellStreams.completeUtf8Prefix(new byte[] {'a', euro[0]}));
    }

    @Test
    void manyPrintlnsAreCoalescedAndFlushKeepsOrder() {
        List<String> published = new ArrayList<>();
        IoPub iopub = new IoPub() {
            @Override
            public <T> void publish(MessageType<T> type, T content, Header parent) {
                synchronized (published) {
                    published.add(((Stream) content).text());
                }
            }
        };
        CellStreams streams = new CellStreams(iopub);
        PrintStream out = new PrintStream(streams.testSink("stdout"), true, StandardCharsets.UTF_8);
        for (int i = 0; i < 1000; i++) {
            out.println(i);
        }
        streams.flush();
        synchronized (published) {
            String all = String.join("", published);
            assertEquals(1000, all.lines().count());
            assertEquals("999", all.lines().reduce((a, b) -> b).orElseThrow());
            assertEquals(true, published.size() < 50, "1000 printlns became " + published.size() + " messages");
        }
    }
}
