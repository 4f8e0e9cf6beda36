package io.workbench.process;

/** A child process could not start, was not ready in time, or exited while starting; the message says why. */
public final class ChildProcessException extends RuntimeException {
    public ChildProcessException(String message) {
        super(message);
    }

    public ChildProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}
