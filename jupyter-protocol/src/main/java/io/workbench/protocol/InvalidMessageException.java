package io.workbench.protocol;

/** A received message cannot be used: bad framing, bad JSON or a signature that does not match. */
public class InvalidMessageException extends Exception {
    public InvalidMessageException(String message) {
        super(message);
    }

    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
