package io.workbench.protocol.messages;

public record ShutdownReply(String status, boolean restart) {
}
