package io.workbench.protocol.messages;

public record InterruptReply(String status) {
}
