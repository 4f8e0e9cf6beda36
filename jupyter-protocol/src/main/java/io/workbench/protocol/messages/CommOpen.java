package io.workbench.protocol.messages;

import java.util.Map;

/** Opens a comm with a target on the other side; target_module is optional and rarely sent. */
public record CommOpen(String commId, String targetName, Map<String, Object> data, String targetModule) {
}
