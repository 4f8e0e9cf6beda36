package io.workbench.protocol.messages;

public record IsCompleteRequest(String code) {
}
