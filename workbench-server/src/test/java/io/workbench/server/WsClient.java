package io.workbench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A kernel channels WebSocket client for tests: sends Jupyter JSON messages and waits for matching ones. */
final class WsClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<JsonNode> received = new ArrayList<>();
    private final WebSocket ws;
    private final String session = UUID.randomUUID().toString();

    WsClient(TestServers s, String kernelId) throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + s.server.port() + "/api/kernels/" + kernelId + "/channels?session_id=" + session);
        this.ws = s.http.newWebSocketBuilder().header("Authorization", "token " + TestServers.TOKEN)
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            try {
                                JsonNode n = JSON.readTree(partial.toString());
                                synchronized (received) {
                                    received.add(n);
                                    received.notifyAll();
                                }
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
    }

    /** Sends a request and returns its msg_id. */
    String send(String channel, String type, ObjectNode content, ObjectNode metadata) throws Exception {
        String id = UUID.randomUUID().toString();
        ObjectNode m = JSON.createObjectNode();
        m.putObject("header").put("msg_id", id).put("session", session).put("username", "test")
                .put("date", Instant.now().toString()).put("msg_type", type).put("version", "5.3");
        m.putObject("parent_header");
        m.set("metadata", metadata == null ? JSON.createObjectNode() : metadata);
        m.set("content", content);
        m.put("channel", channel);
        ws.sendText(m.toString(), true).get(5, TimeUnit.SECONDS);
        return id;
    }

    String execute(String code, String cellId) throws Exception {
        ObjectNode content = JSON.createObjectNode().put("code", code).put("silent", false).put("store_history", true)
                .put("allow_stdin", false).put("stop_on_error", true);
        content.putObject("user_expressions");
        ObjectNode meta = JSON.createObjectNode();
        if (cellId != null) {
            meta.put("cellId", cellId);
        }
        return send("shell", "execute_request", content, meta);
    }

    JsonNode await(Predicate<JsonNode> match, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (received) {
            while (true) {
                for (JsonNode n : received) {
                    if (match.test(n)) {
                        return n;
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("no matching message within " + timeoutMillis + " ms; got " + received);
                }
                received.wait(left);
            }
        }
    }

    static Predicate<JsonNode> reply(String requestId) {
        return n -> !"iopub".equals(n.path("channel").asText()) && requestId.equals(n.path("parent_header").path("msg_id").asText());
    }

    static Predicate<JsonNode> iopub(String requestId, String type) {
        return n -> "iopub".equals(n.path("channel").asText()) && type.equals(n.path("msg_type").asText())
                && requestId.equals(n.path("parent_header").path("msg_id").asText());
    }

    static Predicate<JsonNode> status(String state) {
        return n -> "status".equals(n.path("msg_type").asText()) && state.equals(n.path("content").path("execution_state").asText());
    }

    List<JsonNode> all() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
