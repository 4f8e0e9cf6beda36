package io.workbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A kernel channels WebSocket of the workbench server, as the browser opens it: execute requests carry the cell id
 * in their metadata, and each run completes with its text/plain result once both the reply and the idle status
 * have arrived. The text/plain of every display (and its updates) is kept, in order.
 */
final class KernelChannels implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final WebSocket ws;
    private final Map<String, Run> pending = new ConcurrentHashMap<>();

    /** One execution: its reply, its result, and the text of what it displayed. */
    static final class Run {
        final CompletableFuture<Void> reply = new CompletableFuture<>();
        final CompletableFuture<String> result = new CompletableFuture<>();
        final List<String> displays = new CopyOnWriteArrayList<>();
        volatile String value;
    }

    KernelChannels(HttpClient http, int port, String token, String kernelId) throws Exception {
        ws = http.newWebSocketBuilder().header("Authorization", "token " + token)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/kernels/" + kernelId + "/channels"),
                        new WebSocket.Listener() {
                            private final StringBuilder buf = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                                buf.append(data);
                                if (last) {
                                    onMessage(buf.toString());
                                    buf.setLength(0);
                                }
                                w.request(1);
                                return null;
                            }
                        }).get(10, TimeUnit.SECONDS);
    }

    private void onMessage(String text) {
        try {
            JsonNode m = JSON.readTree(text);
            String parent = m.path("parent_header").path("msg_id").asText();
            Run run = pending.get(parent);
            if (run == null) {
                return;
            }
            JsonNode content = m.path("content");
            switch (m.path("msg_type").asText()) {
                case "execute_result" -> run.value = content.path("data").path("text/plain").asText();
                case "display_data", "update_display_data" -> run.displays.add(content.path("data").path("text/plain").asText());
                case "execute_reply" -> run.reply.complete(null);
                case "status" -> {
                    // iopub is ordered: idle comes after the result. The shell reply may come before or after.
                    if ("idle".equals(content.path("execution_state").asText())) {
                        run.reply.thenRun(() -> {
                            pending.remove(parent);
                            run.result.complete(run.value);
                        });
                    }
                }
                default -> {
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Completes with the text/plain result once both the reply and the idle status have arrived. */
    CompletableFuture<String> execute(String code) throws Exception {
        return start(code).result;
    }

    Run start(String code) throws Exception {
        String id = UUID.randomUUID().toString();
        ObjectNode m = JSON.createObjectNode();
        m.putObject("header").put("msg_id", id).put("session", "bench").put("username", "bench")
                .put("date", Instant.now().toString()).put("msg_type", "execute_request").put("version", "5.3");
        m.putObject("parent_header");
        m.putObject("metadata").put("cellId", "bench-" + id);
        m.putObject("content").put("code", code).put("silent", false).put("store_history", true)
                .put("allow_stdin", false).put("stop_on_error", true).putObject("user_expressions");
        m.put("channel", "shell");
        Run run = new Run();
        pending.put(id, run);
        ws.sendText(m.toString(), true).get(10, TimeUnit.SECONDS);
        return run;
    }

    @Override
    public void close() {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
