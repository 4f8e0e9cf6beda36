package io.workbench.server.kernels;

import java.util.Locale;

/**
 * Where a managed kernel is, as Jupyter's kernels API and status messages name it ({@code execution_state}):
 * {@code starting}, {@code idle}, {@code busy}, plus the server's own {@code restarting} and {@code dead}.
 */
public enum ExecutionState {
    STARTING, IDLE, BUSY, RESTARTING, DEAD;

    /** The name on the wire: lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A kernel's own status message: idle or busy (starting too); null for anything else. */
    public static ExecutionState fromKernelStatus(String wire) {
        return switch (wire == null ? "" : wire) {
            case "idle" -> IDLE;
            case "busy" -> BUSY;
            case "starting" -> STARTING;
            default -> null;
        };
    }

    /** Whether requests can go to the kernel. */
    public boolean reachable() {
        return this != DEAD && this != RESTARTING;
    }
}
