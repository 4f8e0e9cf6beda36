package io.workbench.broker;

/** The embedded broker could not start or stopped unexpectedly; the message says what to do about it. */
public class BrokerException extends RuntimeException {
    public BrokerException(String message) {
        super(message);
    }

    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
