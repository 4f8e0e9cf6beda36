package io.workbench.server.jobs;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A cron schedule: a 5-field Unix cron expression (minute hour day-of-month month day-of-week, as crontab(5) reads
 * it) in a time zone, parsed and evaluated by cron-utils. Immutable.
 */
public record Schedule(String expression, ZoneId zone) {
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    /**
     * Parses a schedule.
     *
     * @throws JobException.Invalid naming what is wrong with the expression or the zone
     */
    public static Schedule parse(String expression, String timeZone) {
        if (expression == null || expression.isBlank()) {
            throw new JobException.Invalid("A scheduled job needs a cron expression, for example --cron '*/15 * * * *'"
                    + " (every 15 minutes).");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone == null || timeZone.isBlank() ? "UTC" : timeZone);
        } catch (DateTimeException e) {
            throw new JobException.Invalid("'" + timeZone + "' is not a time zone; use an IANA name such as UTC or"
                    + " Europe/Paris.");
        }
        try {
            UNIX.parse(expression.trim()).validate();
        } catch (IllegalArgumentException e) {
            throw new JobException.Invalid("'" + expression + "' is not a valid cron expression (5 fields: minute hour"
                    + " day-of-month month day-of-week, as in crontab): " + e.getMessage());
        }
        return new Schedule(expression.trim(), zone);
    }

    /** The first time the schedule is due strictly after {@code after}, if it is ever due again. */
    public Optional<Instant> next(Instant after) {
        return ExecutionTime.forCron(UNIX.parse(expression)).nextExecution(ZonedDateTime.ofInstant(after, zone))
                .map(ZonedDateTime::toInstant);
    }

    /** The last time the schedule was due at or before {@code at}, if ever. */
    public Optional<Instant> last(Instant at) {
        return ExecutionTime.forCron(UNIX.parse(expression)).lastExecution(ZonedDateTime.ofInstant(at.plusMillis(1), zone))
                .map(ZonedDateTime::toInstant);
    }
}
