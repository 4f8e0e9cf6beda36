package io.workbench.protocol.messages;

public record KernelInfoRequest() {
}
