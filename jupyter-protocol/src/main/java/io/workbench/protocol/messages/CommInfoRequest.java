package io.workbench.protocol.messages;

public record CommInfoRequest(String targetName) {
}
