package io.workbench.protocol.workbench;

/** {@code workbench_state_request}: what streaming queries and producers does the kernel have? No fields. */
public record StreamsStateRequest() {
}
