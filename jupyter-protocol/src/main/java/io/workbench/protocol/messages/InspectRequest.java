package io.workbench.protocol.messages;

public record InspectRequest(String code, int cursorPos, int detailLevel) {
}
