package io.workbench.protocol.messages;

import java.util.List;

public record HistoryReply(String status, List<List<Object>> history) {
}
