package io.workbench.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key: its name, how a text value becomes a typed one, its default and a one-line doc.
 *
 * <p>A key named {@code kafka.port} is read, first match wins, from the system property
 * {@code workbench.kafka.port}, the environment variable {@code WORKBENCH_KAFKA_PORT}, any extra
 * environment aliases, and the entry {@code kafka.port} of the config file. Keys are immutable and
 * thread-safe.
 */
public final class ConfigKey<T> {
    private final String name;
    private final Function<String, T> parser;
    private final String expected;
    private final T defaultValue;
    private final String doc;
    private final List<String> envAliases;

    private ConfigKey(String name, Function<String, T> parser, String expected, T defaultValue, String doc,
                      List<String> envAliases) {
        this.name = Objects.requireNonNull(name);
        this.parser = parser;
        this.expected = expected;
        this.defaultValue = defaultValue;
        this.doc = doc;
        this.envAliases = List.copyOf(envAliases);
    }

    public static ConfigKey<String> string(String name, String defaultValue, String doc) {
        return new ConfigKey<>(name, s -> s, "a text value", defaultValue, doc, List.of());
    }

    /** A TCP port; 0 means "pick a free one". */
    public static ConfigKey<Integer> port(String name, int defaultValue, String doc) {
        return new ConfigKey<>(name, ConfigKey::parsePort, "a port number from 0 to 65535", defaultValue, doc, List.of());
    }

    public static ConfigKey<Integer> integer(String name, int defaultValue, String doc) {
        return new ConfigKey<>(name, Integer::valueOf, "a whole number", defaultValue, doc, List.of());
    }

    /** A whole number no smaller than {@code min}. */
    public static ConfigKey<Integer> integer(String name, int defaultValue, int min, String doc) {
        return new ConfigKey<>(name, s -> atLeast(Integer.parseInt(s), min), "a whole number of at least " + min,
                defaultValue, doc, List.of());
    }

    public static ConfigKey<Boolean> bool(String name, boolean defaultValue, String doc) {
        return new ConfigKey<>(name, ConfigKey::parseBool, "true or false", defaultValue, doc, List.of());
    }

    public static ConfigKey<Path> path(String name, String defaultValue, String doc) {
        return new ConfigKey<>(name, Path::of, "a file system path",
                defaultValue == null ? null : Path.of(defaultValue), doc, List.of());
    }

    /** Also read this key from a plain environment variable, such as {@code KAFKA_BOOTSTRAP_SERVERS}. */
    public ConfigKey<T> withEnvAlias(String env) {
        List<String> aliases = new java.util.ArrayList<>(envAliases);
        aliases.add(env);
        return new ConfigKey<>(name, parser, expected, defaultValue, doc, aliases);
    }

    public String name() {
        return name;
    }

    public String doc() {
        return doc;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String propertyName() {
        return "workbench." + name;
    }

    public String envName() {
        return "WORKBENCH_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    List<String> envAliases() {
        return envAliases;
    }

    T parse(String raw, String source) {
        try {
            return parser.apply(raw.trim());
        } catch (RuntimeException e) {
            throw new ConfigException("Invalid value '" + raw + "' for " + name + " (from " + source + "): expected "
                    + expected + ". " + doc);
        }
    }

    private static Integer parsePort(String s) {
        int port = Integer.parseInt(s);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("out of range");
        }
        return port;
    }

    private static Integer atLeast(int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("below " + min);
        }
        return value;
    }

    private static Boolean parseBool(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException(s);
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
