package io.workbench.testkit.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One browser-like client of a kernel's channels WebSocket that watches live views: it counts the
 * display_data/update_display_data messages carrying a live view, keeps only the latest view (its memory stays
 * flat however long it runs), measures the longest gap between updates while measuring, and records every error
 * it sees (an {@code error} message, a dead or restarting kernel, a close it did not ask for, a WebSocket
 * failure). It can also run cells, as the page does.
 *
 * <p>Thread-safe: the WebSocket's listener runs on the HTTP client's threads, the methods on any thread.
 */
public final class ViewClient implements AutoCloseable {
    /** The MIME type of the workbench's live view JSON in a display bundle. */
    public static final String LIVE = "application/vnd.workbench.live+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERRORS_KEPT = 20;

    private final String session = UUID.randomUUID().toString();
    private final Map<String, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    private final List<String> errors = new ArrayList<>();
    private final WebSocket ws;
    private volatile JsonNode latestView;
    private volatile boolean closing;
    private long errorCount;
    private long totalUpdates;
    private long updates;
    private long measureStart;
    private long lastUpdate;
    private long maxGap;
    private boolean measuring;

    private ViewClient(HttpClient http, int port, String token, String kernelId) throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + port + "/api/kernels/" + kernelId + "/channels?session_id=" + session);
        ws = http.newWebSocketBuilder().header("Authorization", "token " + token).buildAsync(uri, new Listener())
                .get(30, TimeUnit.SECONDS);
    }

    /** Connects to kernel {@code kernelId} of the server on 127.0.0.1:{@code port}; fails after 30 s. */
    public static ViewClient connect(HttpClient http, int port, String token, String kernelId) throws Exception {
        return new ViewClient(http, port, token, kernelId);
    }

    /** Runs {@code code} as notebook cell {@code cellId}; the future completes with the execute_reply message. */
    public CompletableFuture<JsonNode> execute(String cellId, String code) {
        String id = UUID.randomUUID().toString();
        ObjectNode m = JSON.createObjectNode();
        m.putObject("header").put("msg_id", id).put("session", session).put("username", "soak")
                .put("date", Instant.now().toString()).put("msg_type", "execute_request").put("version", "5.3");
        m.putObject("parent_header");
        m.putObject("metadata").put("cellId", cellId);
        ObjectNode content = m.putObject("content").put("code", code).put("silent", false).put("store_history", true)
                .put("allow_stdin", false).put("stop_on_error", true);
        content.putObject("user_expressions");
        m.put("channel", "shell");
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(id, reply);
        ws.sendText(m.toString(), true).whenComplete((w, e) -> {
            if (e != null) {
                reply.completeExceptionally(e);
            }
        });
        return reply;
    }

    /** The live view JSON of the latest update seen (the {@link #LIVE} part of its bundle), or null before one. */
    public JsonNode latestView() {
        return latestView;
    }

    /** Live view updates seen since connecting. */
    public synchronized long totalUpdates() {
        return totalUpdates;
    }

    /** Starts measuring updates and gaps from now. */
    public synchronized void startMeasuring() {
        measuring = true;
        updates = 0;
        maxGap = 0;
        measureStart = System.nanoTime();
        lastUpdate = measureStart;
    }

    /** Stops measuring; the longest gap includes the one from the last update to now. */
    public synchronized Figures stopMeasuring() {
        long now = System.nanoTime();
        measuring = false;
        maxGap = Math.max(maxGap, now - lastUpdate);
        return new Figures(updates, (now - measureStart) / 1e9, maxGap / 1e9);
    }

    /** How many errors this client has seen, in all. */
    public synchronized long errorCount() {
        return errorCount;
    }

    /** The first errors seen (at most 20), as one line each. */
    public synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    /**
     * What a client saw while measuring.
     *
     * @param updates live view updates received
     * @param seconds how long it measured
     * @param maxGapSeconds the longest time without an update, the start and the end of the measurement included
     */
    public record Figures(long updates, double seconds, double maxGapSeconds) {
        /** Updates per second while measuring. */
        public double perSecond() {
            return seconds <= 0 ? 0 : updates / seconds;
        }
    }

    private synchronized void error(String what) {
        errorCount++;
        if (errors.size() < MAX_ERRORS_KEPT) {
            errors.add(Instant.now() + " " + what);
        }
    }

    private void received(JsonNode m) {
        String type = m.path("msg_type").asText();
        JsonNode content = m.path("content");
        switch (type) {
            case "display_data", "update_display_data" -> {
                JsonNode view = content.path("data").path(LIVE);
                if (!view.isMissingNode()) {
                    latestView = view;
                    synchronized (this) {
                        totalUpdates++;
                        if (measuring) {
                            long now = System.nanoTime();
                            updates++;
                            maxGap = Math.max(maxGap, now - lastUpdate);
                            lastUpdate = now;
                        }
                    }
                }
            }
            case "error" -> error("error message: " + content.path("ename").asText() + ": " + content.path("evalue").asText());
            case "status" -> {
                String state = content.path("execution_state").asText();
                if (state.equals("dead") || state.equals("restarting")) {
                    error("kernel " + state);
                }
            }
            case "execute_reply" -> {
                CompletableFuture<JsonNode> reply = replies.remove(m.path("parent_header").path("msg_id").asText());
                if (reply != null) {
                    reply.complete(m);
                }
            }
            default -> {
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    error("unreadable message: " + e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (!closing) {
                error("WebSocket closed by the server: " + statusCode + " " + reason);
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable e) {
            if (!closing) {
                error("WebSocket failed: " + e);
            }
        }
    }
}
