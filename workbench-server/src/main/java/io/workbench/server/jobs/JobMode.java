package io.workbench.server.jobs;

import java.util.Locale;

/**
 * How a job runs: {@code continuous} until stopped (restarted from its checkpoint when it fails), {@code scheduled}
 * by a cron expression (each run processes what arrived since the last one and exits), or {@code once} when asked.
 */
public enum JobMode {
    CONTINUOUS, SCHEDULED, ONCE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws JobException.Invalid for anything but continuous, scheduled or once */
    public static JobMode parse(String s) {
        for (JobMode m : values()) {
            if (m.wireName().equals(s)) {
                return m;
            }
        }
        throw new JobException.Invalid("The mode must be continuous, scheduled or once, not '" + s + "'.");
    }
}
