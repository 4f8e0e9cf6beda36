package io.workbench.server.kernels;

import io.workbench.protocol.Channel;
import io.workbench.protocol.Message;

/**
 * Sees everything that goes to and comes from one kernel: browser connections, the output keeper, metrics.
 * Called on the kernel client's thread (received) or the sender's thread (sent); must not block.
 */
public interface KernelObserver {
    default void onSent(Channel channel, Message message) {
    }

    void onReceived(Channel channel, Message message);

    /** The kernel died (its process exited, or it stopped answering heartbeats) or was shut down. */
    default void onStatus(ExecutionState executionState, String reason) {
    }

    /** True for browser connections, which count as the kernel's connections and keep it from being culled. */
    default boolean isConnection() {
        return false;
    }
}
