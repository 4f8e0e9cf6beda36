package io.workbench.protocol.messages;

import java.util.Map;

/** Closes a comm; also the answer to a comm_open whose target does not exist. */
public record CommClose(String commId, Map<String, Object> data) {
}
