package io.workbench.protocol.messages;

import java.util.Map;

/** A message on an open comm. */
public record CommMsg(String commId, Map<String, Object> data) {
}
