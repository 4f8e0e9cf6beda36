package io.workbench.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Frames a message for ZeroMQ and back:
 * {@code [identities...] <IDS|MSG> signature header parent_header metadata content [buffers...]}.
 * Stateless apart from the signer; thread-safe.
 */
public final class WireFormat {
    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.US_ASCII);

    private final MessageSigner signer;

    public WireFormat(MessageSigner signer) {
        this.signer = signer;
    }

    public List<byte[]> encode(Message message) {
        byte[] header = Json.bytes(message.header());
        byte[] parent = message.parentHeader() == null ? EMPTY_OBJECT : Json.bytes(message.parentHeader());
        byte[] metadata = Json.bytes(message.metadata());
        byte[] content = Json.bytes(message.content());
        List<byte[]> frames = new ArrayList<>(message.identities().size() + 6 + message.buffers().size());
        frames.addAll(message.identities());
        frames.add(DELIMITER);
        frames.add(signer.sign(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII));
        frames.add(header);
        frames.add(parent);
        frames.add(metadata);
        frames.add(content);
        frames.addAll(message.buffers());
        return frames;
    }

    public Message decode(List<byte[]> frames) throws InvalidMessageException {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0) {
            throw new InvalidMessageException("no <IDS|MSG> delimiter");
        }
        if (frames.size() < delimiter + 6) {
            throw new InvalidMessageException("expected 5 frames after the delimiter, got " + (frames.size() - delimiter - 1));
        }
        byte[] header = frames.get(delimiter + 2);
        byte[] parent = frames.get(delimiter + 3);
        byte[] metadata = frames.get(delimiter + 4);
        byte[] content = frames.get(delimiter + 5);
        signer.verify(frames.get(delimiter + 1), header, parent, metadata, content);
        try {
            Header h = Json.MAPPER.readValue(header, Header.class);
            if (h == null || h.msgType() == null || h.msgId() == null) {
                throw new InvalidMessageException("header lacks msg_id or msg_type");
            }
            JsonNode p = Json.MAPPER.readTree(parent);
            Header parentHeader = p == null || !p.isObject() || p.isEmpty() ? null : Json.MAPPER.treeToValue(p, Header.class);
            return new Message(frames.subList(0, delimiter), h, parentHeader, object(metadata), object(content),
                    frames.subList(delimiter + 6, frames.size()));
        } catch (IOException e) {
            throw new InvalidMessageException("malformed JSON: " + e.getMessage(), e);
        }
    }

    private static ObjectNode object(byte[] json) throws IOException, InvalidMessageException {
        JsonNode node = Json.MAPPER.readTree(json);
        if (node == null || node.isNull()) {
            return Json.object();
        }
        if (!node.isObject()) {
            throw new InvalidMessageException("metadata and content must be JSON objects");
        }
        return (ObjectNode) node;
    }
}
