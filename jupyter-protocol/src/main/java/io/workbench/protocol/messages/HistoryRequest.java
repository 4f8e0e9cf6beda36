package io.workbench.protocol.messages;

public record HistoryRequest(Boolean output, Boolean raw, String histAccessType, Integer n) {
}
