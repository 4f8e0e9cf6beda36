package io.workbench.protocol.messages;

import java.util.Map;

public record ExecuteRequest(String code, boolean silent, Boolean storeHistory, Map<String, String> userExpressions,
                             boolean allowStdin, Boolean stopOnError) {
    public static ExecuteRequest of(String code) {
        return new ExecuteRequest(code, false, true, Map.of(), false, true);
    }

    public boolean storesHistory() {
        return storeHistory == null ? !silent : storeHistory && !silent;
    }
}
