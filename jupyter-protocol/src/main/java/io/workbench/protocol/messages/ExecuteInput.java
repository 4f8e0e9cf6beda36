package io.workbench.protocol.messages;

public record ExecuteInput(String code, int executionCount) {
}
