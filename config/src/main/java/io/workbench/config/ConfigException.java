package io.workbench.config;

/** A configuration value is missing or malformed; the message names the key, its source and what is expected. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
