package io.workbench.protocol.messages;

/** cursor_pos counts Unicode code points, as protocol 5.2 and later say. */
public record CompleteRequest(String code, int cursorPos) {
}
