package io.workbench.protocol.messages;

public record ShutdownRequest(boolean restart) {
}
