package io.workbench.protocol.messages;

import java.util.Map;

public record CommInfoReply(String status, Map<String, Map<String, String>> comms) {
}
