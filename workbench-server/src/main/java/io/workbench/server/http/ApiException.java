package io.workbench.server.http;

/**
 * A request that cannot be served, with the HTTP status it maps to and a message that tells the user what to
 * do next. Domain code throws the subclass for its case; {@link ErrorHandler} turns it into a JSON body.
 */
public class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ApiException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** 400: the request itself is malformed. */
    public static class BadRequest extends ApiException {
        public BadRequest(String message) {
            super(400, message);
        }
    }

    /** 403: the caller may not do this (a path outside the notebooks, a missing XSRF token, a foreign origin). */
    public static class Forbidden extends ApiException {
        public Forbidden(String message) {
            super(403, message);
        }
    }

    /** 404: no such notebook, kernel or session. */
    public static class NotFound extends ApiException {
        public NotFound(String message) {
            super(404, message);
        }
    }

    /** 409: the resource changed or exists already; reload or choose another name. */
    public static class Conflict extends ApiException {
        public Conflict(String message) {
            super(409, message);
        }
    }

    /** 422: the content is readable but invalid, such as a malformed notebook file. */
    public static class Unprocessable extends ApiException {
        public Unprocessable(String message) {
            super(422, message);
        }
    }

    /** 503: a dependency is not available right now (a kernel failed to start or is dead); retry later. */
    public static class Unavailable extends ApiException {
        public Unavailable(String message) {
            super(503, message);
        }

        public Unavailable(String message, Throwable cause) {
            super(503, message, cause);
        }
    }

    /** 504: a kernel did not answer in time (it may be stuck); the request may still take effect. */
    public static class GatewayTimeout extends ApiException {
        public GatewayTimeout(String message) {
            super(504, message);
        }
    }
}
