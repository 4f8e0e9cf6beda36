package io.workbench.protocol.messages;

import java.util.Map;

public record ExecuteResult(int executionCount, Map<String, Object> data, Map<String, Object> metadata) {
}
