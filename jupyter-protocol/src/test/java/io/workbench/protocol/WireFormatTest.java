package io.workbench.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.protocol.messages.ExecuteRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireFormatTest {
    private static final String KEY = "a-test-key";

    private final WireFormat sender = new WireFormat(new MessageSigner(KEY, "hmac-sha256"));
    private final WireFormat receiver = new WireFormat(new MessageSigner(KEY, "hmac-sha256"));

    @Test
    void roundTripKeepsEveryPart() throws Exception {
        Header parent = Header.create("execute_request", "session-1", "alice");
        ObjectNode metadata = Json.object().put("cell_id", "c-1");
        ObjectNode content = Json.toTree(ExecuteRequest.of("System.out.println(\"é\");"));
        List<byte[]> identities = List.of(utf8("peer-1"), new byte[] {0, 1, 2, (byte) 0xff});
        List<byte[]> buffers = List.of(new byte[] {9, 8, 7}, new byte[0]);
        Header header = Header.create("execute_reply", "session-2", "alice");
        Message sent = new Message(identities, header, parent, metadata, content, buffers);

        List<byte[]> frames = sender.encode(sent);
        assertEquals(identities.size() + 6 + buffers.size(), frames.size());
        assertArrayEquals(WireFormat.DELIMITER, frames.get(identities.size()));

        Message received = receiver.decode(frames);
        assertBytesEqual(identities, received.identities());
        assertEquals(header, received.header());
        assertEquals(parent, received.parentHeader());
        assertEquals(metadata, received.metadata());
        assertEquals(content, received.content());
        assertBytesEqual(buffers, received.buffers());
        assertEquals("System.out.println(\"é\");", received.content(MessageType.EXECUTE_REQUEST).code());
        assertEquals(parent.msgId(), received.parentId());
    }

    @Test
    void missingParentHeaderDecodesAsNull() throws Exception {
        Message sent = Message.create(MessageType.STATUS, io.workbench.protocol.messages.Status.STARTING, null, "s");
        Message received = receiver.decode(sender.encode(sent));
        assertNull(received.parentHeader());
        assertNull(received.parentId());
        assertEquals("starting", received.content().path("execution_state").asText());
        assertTrue(received.identities().isEmpty());
    }

    @Test
    void missingDelimiterIsRejected() {
        List<byte[]> frames = new ArrayList<>(sender.encode(sample()));
        frames.remove(0);
        InvalidMessageException e = assertThrows(InvalidMessageException.class, () -> receiver.decode(frames));
        assertTrue(e.getMessage().contains("<IDS|MSG>"), e.getMessage());
    }

    @Test
    void tooFewFramesAreRejected() {
        List<byte[]> frames = sender.encode(sample());
        for (int drop = 1; drop <= 5; drop++) {
            List<byte[]> shortened = frames.subList(0, frames.size() - drop);
            assertThrows(InvalidMessageException.class, () -> receiver.decode(shortened), "dropped " + drop);
        }
    }

    @Test
    void nonObjectContentIsRejected() {
        List<byte[]> frames = signed(utf8("{\"msg_id\":\"1\",\"msg_type\":\"x_request\"}"), utf8("{}"), utf8("{}"),
                utf8("[1, 2, 3]"));
        InvalidMessageException e = assertThrows(InvalidMessageException.class, () -> receiver.decode(frames));
        assertTrue(e.getMessage().contains("JSON objects"), e.getMessage());
    }

    @Test
    void malformedJsonIsRejected() {
        byte[] good = utf8("{\"msg_id\":\"1\",\"msg_type\":\"x_request\"}");
        List<List<byte[]>> cases = List.of(
                signed(utf8("{\"msg_id\":"), utf8("{}"), utf8("{}"), utf8("{}")),
                signed(good, utf8("{not json"), utf8("{}"), utf8("{}")),
                signed(good, utf8("{}"), utf8("{\"a\":"), utf8("{}")),
                signed(good, utf8("{}"), utf8("{}"), utf8("{\"code\": 1,,}")));
        for (List<byte[]> frames : cases) {
            InvalidMessageException e = assertThrows(InvalidMessageException.class, () -> receiver.decode(frames));
            assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
        }
    }

    @Test
    void headerWithoutTypeIsRejected() {
        List<byte[]> frames = signed(utf8("{\"msg_id\":\"1\"}"), utf8("{}"), utf8("{}"), utf8("{}"));
        assertThrows(InvalidMessageException.class, () -> receiver.decode(frames));
    }

    @Test
    void messageSignedWithAnotherKeyIsRejected() {
        WireFormat stranger = new WireFormat(new MessageSigner("some other key", "hmac-sha256"));
        List<byte[]> frames = stranger.encode(sample());
        InvalidMessageException e = assertThrows(InvalidMessageException.class, () -> receiver.decode(frames));
        assertTrue(e.getMessage().contains("signature"), e.getMessage());
    }

    @Test
    void replayedMessageIsRejected() throws Exception {
        List<byte[]> frames = sender.encode(sample());
        receiver.decode(frames);
        assertThrows(InvalidMessageException.class, () -> receiver.decode(frames));
    }

    private static Message sample() {
        return Message.create(MessageType.EXECUTE_REQUEST, ExecuteRequest.of("1"), null, "s");
    }

    private static List<byte[]> signed(byte[] header, byte[] parent, byte[] metadata, byte[] content) {
        String signature = new MessageSigner(KEY, "hmac-sha256").sign(header, parent, metadata, content);
        return List.of(utf8("id"), WireFormat.DELIMITER, utf8(signature), header, parent, metadata, content);
    }

    private static void assertBytesEqual(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "frame " + i);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
