package io.workbench.protocol.messages;

/** status is complete, incomplete, invalid or unknown; indent is set only for incomplete. */
public record IsCompleteReply(String status, String indent) {
}
