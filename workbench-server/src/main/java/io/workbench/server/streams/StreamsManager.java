package io.workbench.server.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.workbench.protocol.Channel;
import io.workbench.protocol.Message;
import io.workbench.protocol.MessageType;
import io.workbench.protocol.workbench.StreamAction;
import io.workbench.protocol.workbench.StreamsStateRequest;
import io.workbench.protocol.workbench.WorkbenchMessages;
import io.workbench.server.http.ApiException;
import io.workbench.server.kernels.KernelManager;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks a kernel for its streaming queries and producers, and acts on them, with the workbench's control requests
 * (docs/streaming.md). Control is answered while a cell runs. Nothing here blocks: results are futures completed
 * on the caller's Vert.x context, failed with an {@link ApiException} that says what went wrong: 404 for an unknown
 * kernel, 503 for a dead or restarting one, 504 when no reply came within {@link #REPLY_TIMEOUT}, 409 when the
 * kernel refused the action (its message tells the user what to do).
 */
public final class StreamsManager {
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

    private final KernelManager kernels;

    public StreamsManager(KernelManager kernels) {
        this.kernels = kernels;
    }

    /** {@code {"queries": [...], "producers": [...], "timeZone": …}} as the kernel has them now. */
    public Future<JsonNode> state(Context context, String kernelId) {
        return ask(context, kernelId, WorkbenchMessages.STREAMS_STATE_REQUEST, new StreamsStateRequest(), "list its streams");
    }

    /** Stops, restarts, pauses or resumes a query or producer, or sets a producer's rate (events per second). */
    public Future<JsonNode> act(Context context, String kernelId, String kind, String id, String action, Double rate) {
        StreamAction request;
        try {
            request = new StreamAction(kind, id, action, rate).validate();
        } catch (IllegalArgumentException e) {
            throw new ApiException.BadRequest(e.getMessage());
        }
        return ask(context, kernelId, WorkbenchMessages.STREAM_ACTION_REQUEST, request, action + " " + kind + " " + id);
    }

    private <T> Future<JsonNode> ask(Context context, String kernelId, MessageType<T> type, T content, String what) {
        var reply = kernels.get(kernelId).request(Channel.CONTROL, type, content)
                .orTimeout(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return Future.fromCompletionStage(reply, context).transform(r -> r.succeeded()
                ? answer(r.result(), what)
                : Future.failedFuture(failure(r.cause(), kernelId, what)));
    }

    private static Future<JsonNode> answer(Message reply, String what) {
        JsonNode c = reply.content();
        if (!"error".equals(c.path("status").asText())) {
            return Future.succeededFuture(c);
        }
        String message = c.hasNonNull("message") ? c.path("message").asText()
                : c.path("ename").asText("Error") + ": " + c.path("evalue").asText();
        return Future.failedFuture(new ApiException.Conflict("The kernel could not " + what + ": " + message));
    }

    private static Throwable failure(Throwable e, String kernelId, String what) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof TimeoutException) {
            return new ApiException.GatewayTimeout("Kernel " + kernelId + " did not answer within "
                    + REPLY_TIMEOUT.toSeconds() + " s when asked to " + what + ". It may be stuck or not a workbench"
                    + " kernel; interrupt or restart it.");
        }
        if (cause instanceof CancellationException) {
            return new ApiException.Unavailable("Kernel " + kernelId + " went away while asked to " + what
                    + "; restart it to go on.");
        }
        return cause;
    }
}
