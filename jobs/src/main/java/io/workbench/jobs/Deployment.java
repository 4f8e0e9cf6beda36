package io.workbench.jobs;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;

/**
 * How the exported job is meant to run, as far as the export knows it: the files for running it under another
 * orchestrator (spark-submit, the Kubernetes Spark operator) follow it. A server exporting for a job knows its mode,
 * cron and time zone; an export from the command line may know none of them ({@link #unknown()}), and then writes
 * what each mode needs.
 *
 * @param mode     how the job runs, or null when the export does not know
 * @param cron     a scheduled job's 5-field cron expression (minute hour day-of-month month day-of-week); else null
 * @param timeZone the zone the cron expression is read in (an IANA id), for a scheduled job; else null
 * @param restarts how failed continuous runs are restarted
 */
public record Deployment(Mode mode, String cron, String timeZone, Restarts restarts) {
    /** A job's run mode, as {@code --mode} of the job names it. */
    public enum Mode {
        /** Until stopped; restarted when it fails. */
        CONTINUOUS,
        /** One run per cron time, each processing what arrived since the last one. */
        SCHEDULED,
        /** One run, started by hand. */
        ONCE;

        /** The value of the job's {@code --mode} option. */
        public String option() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException when {@code s} is none of continuous, scheduled and once */
        public static Mode of(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--mode is continuous, scheduled or once, not '" + s + "'");
            }
        }
    }

    /**
     * How the workbench restarts a failed continuous run (its {@code jobs.restart.*} settings): after
     * {@code initialDelay}, doubling, at most {@code maxAttempts} times in a row.
     */
    public record Restarts(int maxAttempts, Duration initialDelay) {
        /** The workbench's defaults: 5 attempts, the first after 2 s (docs/configuration.md). */
        public static final Restarts WORKBENCH_DEFAULTS = new Restarts(5, Duration.ofSeconds(2));

        public Restarts {
            if (maxAttempts < 0 || initialDelay.isNegative() || initialDelay.isZero()) {
                throw new IllegalArgumentException("restarts need attempts >= 0 and a delay of at least a second");
            }
        }
    }

    /**
     * @throws IllegalArgumentException when a scheduled job has no valid cron or zone, or another mode has a cron
     */
    public Deployment {
        if (mode == Mode.SCHEDULED) {
            if (cron == null || cron.isBlank() || cron.trim().split("\\s+").length != 5) {
                throw new IllegalArgumentException("a scheduled job needs --cron with 5 fields (minute hour"
                        + " day-of-month month day-of-week), not '" + cron + "'");
            }
            cron = cron.trim();
            timeZone = timeZone == null || timeZone.isBlank() ? "UTC" : timeZone.trim();
            try {
                ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("'" + timeZone + "' is not a time zone; use an IANA name such as"
                        + " UTC or Europe/Paris");
            }
        } else if (cron != null || timeZone != null) {
            throw new IllegalArgumentException("--cron and --time-zone are for scheduled jobs (--mode scheduled)");
        }
        if (restarts == null) {
            restarts = Restarts.WORKBENCH_DEFAULTS;
        }
    }

    /** Nothing known: the files for every mode are written. */
    public static Deployment unknown() {
        return new Deployment(null, null, null, Restarts.WORKBENCH_DEFAULTS);
    }

    /** Whether the export writes what a job of {@code m} needs: its own mode, or every mode when it is unknown. */
    public boolean covers(Mode m) {
        return mode == null || mode == m;
    }
}
