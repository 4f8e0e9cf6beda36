package io.workbench.protocol.messages;

import java.util.List;
import java.util.Map;

public record CompleteReply(String status, List<String> matches, int cursorStart, int cursorEnd,
                            Map<String, Object> metadata) {
}
