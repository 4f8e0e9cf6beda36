package io.workbench.server.http;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP responses: always JSON {@code {"message", "reason"}}, never a
 * stack trace, never a token. Unexpected failures are logged with their stack (paths only, no query strings)
 * and answered with a generic 500.
 */
public final class ErrorHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

    @Override
    public void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status;
        String message;
        if (failure instanceof ApiException api) {
            status = api.status();
            message = api.getMessage();
        } else if (failure instanceof io.workbench.server.jobs.JobException job) {
            status = job instanceof io.workbench.server.jobs.JobException.NotFound ? 404
                    : job instanceof io.workbench.server.jobs.JobException.Conflict ? 409 : 400;
            message = job.getMessage();
        } else if (failure instanceof DecodeException) {
            status = 400;
            message = "The request body is not valid JSON.";
        } else if (failure == null) {
            status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            message = defaultMessage(status);
        } else {
            status = 500;
            message = "Internal error; the server log has the details.";
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
        }
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("message", message).put("reason", reason(status)).encode());
    }

    private static String defaultMessage(int status) {
        return switch (status) {
            case 401 -> "Authentication required: open the URL with the token printed at start, or send"
                    + " 'Authorization: token <token>'.";
            case 403 -> "Forbidden.";
            case 404 -> "Not found.";
            case 405 -> "Method not allowed.";
            case 413 -> "The request body is too large.";
            default -> "Request failed.";
        };
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 422 -> "Unprocessable Entity";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Internal Server Error";
        };
    }
}
