package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.workbench.protocol.Channel;
import io.workbench.protocol.Message;
import io.workbench.protocol.MessageType;
import io.workbench.protocol.client.Execution;
import io.workbench.protocol.client.KernelClient;
import io.workbench.protocol.client.LocalKernel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real kernel for streaming tests: runs cells as a notebook does (with a cell id), keeps every IOPub message,
 * asks the control channel for the queries' state and finds a live view's newest bundle.
 */
final class StreamingKernel implements AutoCloseable {
    static final Duration CELL = Duration.ofSeconds(120);
    static final String LIVE = "application/vnd.workbench.live+json";

    private final LocalKernel kernel;
    private final List<Message> iopub = new CopyOnWriteArrayList<>();

    StreamingKernel(Map<String, String> env) throws Exception {
        kernel = TestKernels.start(env);
        kernel.client().addListener((channel, message) -> {
            if (channel == Channel.IOPUB) {
                iopub.add(message);
            }
        });
    }

    LocalKernel kernel() {
        return kernel;
    }

    /** Runs a cell that must succeed. */
    Execution cell(String cellId, String code) throws Exception {
        Execution e = run(cellId, code);
        assertEquals("ok", e.status(), () -> "cell " + cellId + " failed: " + e.iopub() + "\n" + kernel.logTail(30));
        return e;
    }

    /** Runs a cell, whatever its outcome. */
    Execution run(String cellId, String code) throws Exception {
        return Execution.start(kernel.client(), code, cellId).await(CELL);
    }

    JsonNode control(String type, Map<String, Object> content) throws Exception {
        KernelClient.Request r = kernel.client().request(Channel.CONTROL, new MessageType<>(type, Object.class), content);
        return r.reply().get(30, TimeUnit.SECONDS).content();
    }

    /** The registry's entry for a query name, or null. */
    JsonNode query(String name) throws Exception {
        for (JsonNode q : control("workbench_state_request", Map.of()).path("queries")) {
            if (name.equals(q.path("name").asText())) {
                return q;
            }
        }
        return null;
    }

    /** The newest bundle shown for a display id (display_data or update_display_data). */
    JsonNode latest(String displayId) {
        JsonNode out = null;
        for (Message m : iopub) {
            if ((m.type().equals("display_data") || m.type().equals("update_display_data"))
                    && displayId.equals(m.content().path("transient").path("display_id").asText())) {
                out = m.content().path("data");
            }
        }
        return out;
    }

    /** The display id of the one live view a cell showed. */
    static String liveViewOf(Execution e) {
        for (Message m : e.iopub("display_data")) {
            if (m.content().path("data").has(LIVE)) {
                return m.content().path("transient").path("display_id").asText();
            }
        }
        throw new AssertionError("no live view in " + e.iopub());
    }

    JsonNode await(String what, Callable<JsonNode> probe, Predicate<JsonNode> done) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            last = probe.call();
            if (last != null && done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(what + " did not happen; last seen: " + last + "\n" + kernel.logTail(30));
    }

    @Override
    public void close() {
        kernel.close();
    }
}
