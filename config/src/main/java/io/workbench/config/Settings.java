package io.workbench.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The configuration sources of one process: system properties, then environment, then the config file.
 *
 * <p>The config file is {@code $WORKBENCH_CONFIG} if set, else {@code $WORKBENCH_HOME/conf/workbench.properties}
 * if it exists. Instances are immutable and thread-safe.
 */
public final class Settings {
    public static final String CONFIG_FILE_ENV = "WORKBENCH_CONFIG";
    public static final String HOME_ENV = "WORKBENCH_HOME";

    private final Map<String, String> env;
    private final Properties system;
    private final Properties file;
    private final String fileName;

    private Settings(Map<String, String> env, Properties system, Properties file, String fileName) {
        this.env = Map.copyOf(env);
        this.system = system;
        this.file = file;
        this.fileName = fileName;
    }

    /** Reads this process's system properties, environment and config file. */
    public static Settings load() {
        Map<String, String> env = System.getenv();
        Path configFile = configFile(env);
        Properties file = new Properties();
        if (configFile != null) {
            try (Reader in = Files.newBufferedReader(configFile)) {
                file.load(in);
            } catch (IOException e) {
                throw new ConfigException("Cannot read the config file " + configFile + ": " + e.getMessage()
                        + ". Fix or remove it, or point " + CONFIG_FILE_ENV + " at another file.");
            }
        }
        return new Settings(env, (Properties) System.getProperties().clone(), file,
                configFile == null ? "config file" : configFile.toString());
    }

    /** Settings from explicit sources, for tests and for child processes. */
    public static Settings of(Map<String, String> env, Map<String, String> systemProperties, Map<String, String> fileEntries) {
        Properties system = new Properties();
        system.putAll(systemProperties);
        Properties file = new Properties();
        file.putAll(fileEntries);
        return new Settings(env, system, file, "config file");
    }

    public <T> T get(ConfigKey<T> key) {
        String raw = system.getProperty(key.propertyName());
        if (raw != null) {
            return key.parse(raw, "system property " + key.propertyName());
        }
        raw = env.get(key.envName());
        if (raw != null && !raw.isBlank()) {
            return key.parse(raw, "environment variable " + key.envName());
        }
        for (String alias : key.envAliases()) {
            raw = env.get(alias);
            if (raw != null && !raw.isBlank()) {
                return key.parse(raw, "environment variable " + alias);
            }
        }
        raw = file.getProperty(key.name());
        if (raw != null) {
            return key.parse(raw, fileName + " entry " + key.name());
        }
        return key.defaultValue();
    }

    /** True when the key was set anywhere rather than left at its default. */
    public boolean isSet(ConfigKey<?> key) {
        return system.getProperty(key.propertyName()) != null
                || (env.get(key.envName()) != null && !env.get(key.envName()).isBlank())
                || key.envAliases().stream().anyMatch(a -> env.get(a) != null && !env.get(a).isBlank())
                || file.getProperty(key.name()) != null;
    }

    /**
     * Entries whose names start with {@code prefix}, from the config file and then system properties
     * {@code workbench.<prefix>...}, with the prefix kept. Used to pass arbitrary Spark settings through.
     */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        file.stringPropertyNames().stream().filter(k -> k.startsWith(prefix))
                .forEach(k -> out.put(k, file.getProperty(k)));
        String sysPrefix = "workbench." + prefix;
        system.stringPropertyNames().stream().filter(k -> k.startsWith(sysPrefix))
                .forEach(k -> out.put(k.substring("workbench.".length()), system.getProperty(k)));
        return out;
    }

    /** The workbench home: {@code $WORKBENCH_HOME}, or the working directory. */
    public Path home() {
        String home = system.getProperty("workbench.home", env.get(HOME_ENV));
        return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
    }

    /** Resolves a configured path against the workbench home. */
    public Path resolve(ConfigKey<Path> key) {
        Path p = get(key);
        return p == null ? null : home().resolve(p).normalize();
    }

    private static Path configFile(Map<String, String> env) {
        String explicit = env.get(CONFIG_FILE_ENV);
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            if (!Files.isRegularFile(p)) {
                throw new ConfigException(CONFIG_FILE_ENV + " points at " + p + ", which is not a file.");
            }
            return p;
        }
        String home = env.get(HOME_ENV);
        Path p = Path.of(home == null ? "." : home, "conf", "workbench.properties");
        return Files.isRegularFile(p) ? p : null;
    }
}
