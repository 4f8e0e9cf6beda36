package io.workbench.server.jobs;

import java.util.Locale;

/** Where a run is: {@code running}, or how it ended. A run due while the previous one still ran is {@code skipped}. */
public enum RunStatus {
    RUNNING, SUCCEEDED, FAILED, SKIPPED, STOPPED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
