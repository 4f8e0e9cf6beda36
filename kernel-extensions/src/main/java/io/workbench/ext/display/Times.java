package io.workbench.ext.display;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How outputs show points in time: in one zone, Spark's session time zone ({@code spark.sql.session.timeZone}, UTC
 * by default), which is the zone batch tables are cast to strings in, and always with that zone named, so a live
 * view and a table of the same data read the same. Live views carry instants as ISO-8601 strings ("…Z") in their
 * JSON; these helpers turn them into "2026-11-30 10:04:00" or "10:04:00" in the zone.
 */
public final class Times {
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private static volatile java.util.function.Supplier<String> sessionZone = () -> "UTC";

    private Times() {
    }

    /**
     * Where the zone of this process's outputs comes from: the notebook runtime points it at Spark's session time
     * zone once Spark is up. Until then, and without Spark, outputs use UTC.
     */
    public static void zoneFrom(java.util.function.Supplier<String> sessionTimeZone) {
        sessionZone = sessionTimeZone;
    }

    /** The zone outputs show times in now. */
    public static ZoneId displayZone() {
        try {
            return zone(sessionZone.get());
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    /** "2026-11-30 10:04:00" in {@code zone}. */
    public static String dateTime(Instant instant, ZoneId zone) {
        return DATE_TIME.format(instant.atZone(zone));
    }

    /** The zone named by a session time zone setting; UTC when it is null or not a zone Java knows. */
    public static ZoneId zone(String sessionTimeZone) {
        if (sessionTimeZone == null || sessionTimeZone.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(sessionTimeZone);
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }

    /** Whether a value is an ISO-8601 instant in UTC, as live views write timestamps. */
    public static boolean isInstant(Object value) {
        return value instanceof String s && INSTANT.matcher(s).matches();
    }

    /** "2026-11-30 10:04:00" in {@code zone}. */
    public static String dateTime(String isoInstant, ZoneId zone) {
        return DATE_TIME.format(Instant.parse(isoInstant).atZone(zone));
    }

    /** "10:04:00" in {@code zone}. */
    public static String time(String isoInstant, ZoneId zone) {
        return TIME.format(Instant.parse(isoInstant).atZone(zone));
    }

    /** A column's type as tables show it: a timestamp type names the zone its values are shown in. */
    public static String columnType(String sparkType, ZoneId zone) {
        boolean labelled = sparkType.endsWith(")") && sparkType.contains(" (");
        return sparkType.contains("timestamp") && !sparkType.contains("timestamp_ntz") && !labelled
                ? sparkType + " (" + zone.getId() + ")" : sparkType;
    }
}
