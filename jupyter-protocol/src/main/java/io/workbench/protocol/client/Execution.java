package io.workbench.protocol.client;

import io.workbench.protocol.Channel;
import io.workbench.protocol.Message;
import io.workbench.protocol.MessageType;
import io.workbench.protocol.messages.ExecuteRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One execute request and everything the kernel said about it: the reply and the IOPub messages up to the
 * idle status. Used by tests, benchmarks and tools that run cells without a browser.
 */
public final class Execution implements KernelClient.Listener {
    private final List<Message> iopub = new ArrayList<>();
    private final CompletableFuture<Void> idle = new CompletableFuture<>();
    private final KernelClient client;
    private volatile String requestId;
    private KernelClient.Request request;

    private Execution(KernelClient client) {
        this.client = client;
    }

    public static Execution start(KernelClient client, String code) {
        return start(client, ExecuteRequest.of(code));
    }

    public static Execution start(KernelClient client, ExecuteRequest content) {
        return start(client, content, null);
    }

    /** Runs a cell as a notebook does, telling the kernel which cell it is ({@code metadata.cellId}). */
    public static Execution start(KernelClient client, String code, String cellId) {
        return start(client, ExecuteRequest.of(code), io.workbench.protocol.Json.object().put(io.workbench.protocol.workbench.WorkbenchMetadata.CELL_ID, cellId));
    }

    public static Execution start(KernelClient client, ExecuteRequest content,
                                  com.fasterxml.jackson.databind.node.ObjectNode metadata) {
        Execution e = new Execution(client);
        client.addListener(e);
        synchronized (e) {
            e.request = client.request(Channel.SHELL, MessageType.EXECUTE_REQUEST, content, metadata);
            e.requestId = e.request.id();
        }
        return e;
    }

    @Override
    public void onMessage(Channel channel, Message message) {
        synchronized (this) {
            if (channel != Channel.IOPUB || requestId == null || !requestId.equals(message.parentId())) {
                return;
            }
            iopub.add(message);
        }
        if ("status".equals(message.type()) && "idle".equals(message.content().path("execution_state").asText())) {
            idle.complete(null);
        }
    }

    /** Waits for the reply and the idle status. */
    public Execution await(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            request.reply().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            idle.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            client.removeListener(this);
        }
        return this;
    }

    public String id() {
        return requestId;
    }

    public Message reply() {
        return request.reply().getNow(null);
    }

    public CompletableFuture<Message> replyFuture() {
        return request.reply();
    }

    public synchronized List<Message> iopub() {
        return List.copyOf(iopub);
    }

    public synchronized List<Message> iopub(String type) {
        return iopub.stream().filter(m -> m.type().equals(type)).toList();
    }

    /** All stream text of one stream name, concatenated. */
    public String stream(String name) {
        StringBuilder sb = new StringBuilder();
        for (Message m : iopub("stream")) {
            if (name.equals(m.content().path("name").asText())) {
                sb.append(m.content().path("text").asText());
            }
        }
        return sb.toString();
    }

    /** The text/plain of the execute_result, or null. */
    public String resultText() {
        List<Message> results = iopub("execute_result");
        return results.isEmpty() ? null : results.get(0).content().path("data").path("text/plain").asText();
    }

    public String status() {
        Message reply = reply();
        return reply == null ? null : reply.content().path("status").asText();
    }
}
