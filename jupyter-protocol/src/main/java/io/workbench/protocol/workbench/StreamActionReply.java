package io.workbench.protocol.workbench;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code workbench_action_reply}: {@code ok}, with a message when the action is still going on; or {@code error}
 * with the reason, for a user.
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record StreamActionReply(String status, String message) {
    public static StreamActionReply ok() {
        return new StreamActionReply("ok", null);
    }

    public static StreamActionReply ok(String message) {
        return new StreamActionReply("ok", message);
    }

    public static StreamActionReply error(String message) {
        return new StreamActionReply("error", message);
    }
}
