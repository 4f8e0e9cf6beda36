package io.workbench.protocol.messages;

import java.util.List;
import java.util.Map;

/** status is ok, error or aborted; the error fields are set only for error. */
public record ExecuteReply(String status, int executionCount, List<Object> payload, Map<String, Object> userExpressions,
                           String ename, String evalue, List<String> traceback) {
    public static ExecuteReply ok(int count) {
        return new ExecuteReply("ok", count, List.of(), Map.of(), null, null, null);
    }

    public static ExecuteReply error(int count, ErrorContent error) {
        return new ExecuteReply("error", count, null, null, error.ename(), error.evalue(), error.traceback());
    }

    public static ExecuteReply aborted(int count) {
        return new ExecuteReply("aborted", count, null, null, null, null, null);
    }
}
