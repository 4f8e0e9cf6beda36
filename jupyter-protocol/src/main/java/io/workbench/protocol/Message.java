package io.workbench.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One Jupyter message. Identities are the ROUTER routing frames; buffers are raw extra frames.
 * The parent header is null for messages that answer nothing.
 */
public record Message(List<byte[]> identities, Header header, Header parentHeader, ObjectNode metadata,
                      ObjectNode content, List<byte[]> buffers) {

    public Message {
        identities = identities == null ? List.of() : List.copyOf(identities);
        buffers = buffers == null ? List.of() : List.copyOf(buffers);
        metadata = metadata == null ? Json.object() : metadata;
        content = content == null ? Json.object() : content;
    }

    /** A new message of this type, sent as part of {@code session} and answering {@code parent} (may be null). */
    public static <T> Message create(MessageType<T> type, T content, Header parent, String session) {
        String user = parent == null ? "workbench" : parent.username();
        return new Message(List.of(), Header.create(type.name(), session, user), parent, null, Json.toTree(content),
                List.of());
    }

    /** The reply to this request: same routing identities, this header as parent. */
    public <T> Message reply(MessageType<T> type, T content, String session) {
        Message m = create(type, content, header, session);
        return new Message(identities, m.header, m.parentHeader, m.metadata, m.content, List.of());
    }

    public String type() {
        return header.msgType();
    }

    public <T> T content(MessageType<T> type) {
        return Json.fromTree(content, type.contentType());
    }

    /** The msg_id of the request this message answers, or null. */
    public String parentId() {
        return parentHeader == null ? null : parentHeader.msgId();
    }
}
