package io.workbench.protocol;

import java.util.Locale;

/** The five kernel channels. */
public enum Channel {
    SHELL, CONTROL, IOPUB, STDIN, HEARTBEAT;

    /** The name used in connection files ({@code shell_port}) and in the WebSocket message format. */
    public String wireName() {
        return this == HEARTBEAT ? "hb" : name().toLowerCase(Locale.ROOT);
    }

    public static Channel fromWireName(String name) {
        for (Channel c : values()) {
            if (c.wireName().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown channel: " + name);
    }
}
