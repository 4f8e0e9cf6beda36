package io.workbench.server.jobs;

/**
 * Why a job request cannot be served, for a user: the domain's own errors, mapped to HTTP statuses in one place
 * ({@code ErrorHandler}) and printed as they are by the CLI.
 */
public class JobException extends RuntimeException {
    JobException(String message) {
        super(message);
    }

    JobException(String message, Throwable cause) {
        super(message, cause);
    }

    /** No job of that name. */
    public static final class NotFound extends JobException {
        public NotFound(String name) {
            super("There is no job named '" + name + "'; ./workbench job list shows the jobs.");
        }
    }

    /** The request is invalid: a bad name, mode, cron expression, parameter, or a notebook that cannot be exported. */
    public static final class Invalid extends JobException {
        public Invalid(String message) {
            super(message);
        }

        public Invalid(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The job's state does not allow it now: a name that exists, a run already going. */
    public static final class Conflict extends JobException {
        public Conflict(String message) {
            super(message);
        }
    }
}
