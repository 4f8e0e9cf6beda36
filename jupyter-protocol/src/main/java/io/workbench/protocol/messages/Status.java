package io.workbench.protocol.messages;

/** execution_state is starting, busy or idle. */
public record Status(String executionState) {
    public static final Status BUSY = new Status("busy");
    public static final Status IDLE = new Status("idle");
    public static final Status STARTING = new Status("starting");
}
