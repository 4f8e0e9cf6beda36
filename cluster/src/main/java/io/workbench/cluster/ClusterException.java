package io.workbench.cluster;

/** The local cluster could not start, become healthy or be found; the message says what to do about it. */
public class ClusterException extends RuntimeException {
    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
