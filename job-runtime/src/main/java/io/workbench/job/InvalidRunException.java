package io.workbench.job;

/**
 * A run's options or parameters are wrong: the run ends with exit code 2 before Spark starts. The message names
 * what is wrong (the option or parameter, the value, what was expected) for the job's log.
 */
final class InvalidRunException extends IllegalArgumentException {
    InvalidRunException(String message) {
        super(message);
    }
}
