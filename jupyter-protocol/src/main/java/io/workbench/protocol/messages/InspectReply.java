package io.workbench.protocol.messages;

import java.util.Map;

public record InspectReply(String status, boolean found, Map<String, Object> data, Map<String, Object> metadata) {
}
