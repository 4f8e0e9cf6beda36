package io.workbench.job;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a parameter's value from text, as {@code --param}, {@code WORKBENCH_PARAM_*} and {@code --trigger-interval}
 * give it, for the types a notebook's parameters cell may declare: String, int, long, double, boolean (and their
 * boxes), {@link Duration}, {@link Instant} and {@link LocalDate}.
 */
final class ParamValues {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Map<Class<?>, Class<?>> BOXES = Map.of(int.class, Integer.class, long.class, Long.class,
            double.class, Double.class, boolean.class, Boolean.class);

    private ParamValues() {
    }

    /** Whether a parameter of this type can be set from text. */
    static boolean supports(Class<?> type) {
        Class<?> t = boxed(type);
        return t == String.class || t == Integer.class || t == Long.class || t == Double.class || t == Boolean.class
                || t == Duration.class || t == Instant.class || t == LocalDate.class;
    }

    /**
     * The value of {@code text} as a {@code type}.
     *
     * @throws IllegalArgumentException when the text is not a {@code type}; the message is what was expected, as
     *                                  {@link #expected} says it
     */
    static Object parse(String text, Class<?> type) {
        Class<?> t = boxed(type);
        String s = text.trim();
        try {
            if (t == String.class) {
                return text;
            } else if (t == Integer.class) {
                return Integer.valueOf(s);
            } else if (t == Long.class) {
                return Long.valueOf(s);
            } else if (t == Double.class) {
                return Double.valueOf(s);
            } else if (t == Boolean.class && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
                return Boolean.valueOf(s);
            } else if (t == Duration.class) {
                return duration(s);
            } else if (t == Instant.class) {
                return s.endsWith("Z") || s.endsWith("z") ? Instant.parse(s.toUpperCase(Locale.ROOT))
                        : OffsetDateTime.parse(s).toInstant();
            } else if (t == LocalDate.class) {
                return LocalDate.parse(s);
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(expected(type), e);
        }
        throw new IllegalArgumentException(expected(type));
    }

    /** What a value of {@code type} looks like, for messages: "an int", "a duration (PT1M, 30s, 5m, 2h)", … */
    static String expected(Class<?> type) {
        Class<?> t = boxed(type);
        if (t == String.class) {
            return "a string";
        } else if (t == Integer.class) {
            return "an int (a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")";
        } else if (t == Long.class) {
            return "a long (a whole number)";
        } else if (t == Double.class) {
            return "a double (a number such as 2.5)";
        } else if (t == Boolean.class) {
            return "a boolean (true or false)";
        } else if (t == Duration.class) {
            return "a duration (ISO-8601 such as PT1M, or a number with ms, s, m, h or d: 30s, 5m, 2h)";
        } else if (t == Instant.class) {
            return "an instant (ISO-8601 such as 2026-01-31T12:00:00Z)";
        } else if (t == LocalDate.class) {
            return "a date (ISO-8601 such as 2026-01-31)";
        }
        return "a " + type.getName() + ", which a run cannot set (String, int, long, double, boolean, Duration,"
                + " Instant and LocalDate can be set)";
    }

    /**
     * A duration: ISO-8601 ({@code PT1M}, {@code PT0.5S}) or a whole number with a unit ({@code 500ms}, {@code 30s},
     * {@code 5m}, {@code 2h}, {@code 1d}).
     *
     * @throws DateTimeParseException when it is neither
     */
    static Duration duration(String text) {
        String s = text.trim();
        Matcher m = SHORT_DURATION.matcher(s.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        return Duration.parse(s);
    }

    /** The box of a primitive type; other types as they are. */
    static Class<?> boxed(Class<?> type) {
        return BOXES.getOrDefault(type, type);
    }
}
