package io.workbench.server.kernels.channels;

import io.workbench.protocol.workbench.WorkbenchMetadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.protocol.Channel;
import io.workbench.protocol.Header;
import io.workbench.protocol.Json;
import io.workbench.protocol.Message;
import io.workbench.server.http.ApiException;
import java.io.IOException;
import java.util.List;

/**
 * Jupyter's WebSocket message format: one JSON object with header, parent_header, metadata, content, buffers
 * and the channel name. The server signs what browsers send; browsers never see the kernel's key.
 */
public final class WireJson {
    private WireJson() {
    }

    /** A browser message: its channel and the message to sign and send. */
    public record Incoming(Channel channel, Message message) {
    }

    public static Incoming parse(String text) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new ApiException.BadRequest("not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ApiException.BadRequest("a kernel message must be a JSON object");
        }
        Channel channel;
        try {
            channel = Channel.fromWireName(node.path("channel").asText("shell"));
        } catch (IllegalArgumentException e) {
            throw new ApiException.BadRequest(e.getMessage());
        }
        if (channel == Channel.IOPUB || channel == Channel.HEARTBEAT) {
            throw new ApiException.BadRequest("browsers may send on shell, control and stdin only");
        }
        Header header = Json.fromTree(node.path("header"), Header.class);
        if (header == null || header.msgId() == null || header.msgType() == null) {
            throw new ApiException.BadRequest("the header needs msg_id and msg_type");
        }
        JsonNode parent = node.path("parent_header");
        Header parentHeader = parent.isObject() && parent.has("msg_id") ? Json.fromTree(parent, Header.class) : null;
        return new Incoming(channel, new Message(List.of(), header, parentHeader, object(node.get("metadata")),
                object(node.get("content")), List.of()));
    }

    public static String format(Channel channel, Message m, String cellId) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("header", Json.MAPPER.valueToTree(m.header()));
        out.set("parent_header", m.parentHeader() == null ? JsonNodeFactory.instance.objectNode()
                : Json.MAPPER.valueToTree(m.parentHeader()));
        ObjectNode metadata = m.metadata().deepCopy();
        if (cellId != null) {
            metadata.put(WorkbenchMetadata.CELL_ID, cellId);
        }
        out.set("metadata", metadata);
        out.set("content", m.content());
        out.putArray("buffers");
        out.put("channel", channel.wireName());
        out.put("msg_id", m.header().msgId());
        out.put("msg_type", m.header().msgType());
        return Json.string(out);
    }

    private static ObjectNode object(JsonNode n) {
        return n != null && n.isObject() ? (ObjectNode) n : JsonNodeFactory.instance.objectNode();
    }
}
