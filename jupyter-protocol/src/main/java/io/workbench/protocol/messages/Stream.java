package io.workbench.protocol.messages;

/** name is stdout or stderr. */
public record Stream(String name, String text) {
}
