package io.workbench.server.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.protocol.Channel;
import io.workbench.protocol.Message;
import io.workbench.server.contents.NotebookStore;
import io.workbench.server.kernels.ExecutionState;
import io.workbench.server.kernels.KernelObserver;
import io.workbench.server.kernels.ManagedKernel;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Keeps the outputs of a session's cells as nbformat outputs, whoever is watching. When a cell finishes and no
 * browser is connected, they are written into the notebook on disk, so closing the tab during a long cell loses
 * nothing; a page that reconnects can also ask for them, and learn which cell still runs. Text is capped per cell,
 * so a runaway loop cannot fill memory or the file.
 */
public final class OutputKeeper implements KernelObserver {
    static final int MAX_CELL_CHARS = 1_000_000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ManagedKernel kernel;
    private final NotebookStore store;
    private final Consumer<Runnable> worker;
    private volatile String path;
    private final Map<String, CellState> cells = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> displays = new ConcurrentHashMap<>();

    /** Outputs of one cell being collected. */
    private static final class CellState {
        Integer executionCount;
        final ArrayNode outputs = JSON.arrayNode();
        boolean clearOnNext;
        boolean truncated;
        volatile boolean running = true;
        int chars;
    }

    public OutputKeeper(ManagedKernel kernel, NotebookStore store, String path, Consumer<Runnable> worker) {
        this.kernel = kernel;
        this.store = store;
        this.path = path;
        this.worker = worker;
    }

    void path(String path) {
        this.path = path;
    }

    @Override
    public void onSent(Channel channel, Message message) {
        String cellId = kernel.cellOf(message.header().msgId());
        if (cellId != null) {
            cells.put(cellId, new CellState());
        }
    }

    @Override
    public void onReceived(Channel channel, Message m) {
        if (channel != Channel.IOPUB) {
            return;
        }
        String cellId = kernel.cellOf(m.parentId());
        CellState cell = cellId == null ? null : cells.get(cellId);
        if (cell == null) {
            return;
        }
        synchronized (cell) {
            collect(cell, m);
        }
        boolean idle = "status".equals(m.type()) && "idle".equals(m.content().path("execution_state").asText());
        if (idle) {
            cell.running = false;
        }
        if (idle && kernel.connections() == 0) {
            Map<String, NotebookStore.CellOutputs> snapshot = Map.of(cellId, snapshot(cell));
            String p = path;
            worker.accept(() -> store.applyOutputs(p, snapshot));
        }
    }

    /** A restarted or dead kernel runs nothing any more. */
    @Override
    public void onStatus(ExecutionState executionState, String reason) {
        if (!executionState.reachable()) {
            cells.values().forEach(c -> c.running = false);
        }
    }

    private void collect(CellState cell, Message m) {
        JsonNode c = m.content();
        switch (m.type()) {
            case "execute_input" -> cell.executionCount = c.path("execution_count").asInt();
            case "clear_output" -> {
                if (c.path("wait").asBoolean()) {
                    cell.clearOnNext = true;
                } else {
                    cell.outputs.removeAll();
                }
            }
            case "stream" -> add(cell, JSON.objectNode().put("output_type", "stream")
                    .put("name", c.path("name").asText()).put("text", c.path("text").asText()));
            case "display_data", "execute_result", "error" -> {
                ObjectNode out = JSON.objectNode().put("output_type", m.type());
                if ("error".equals(m.type())) {
                    out.put("ename", c.path("ename").asText()).put("evalue", c.path("evalue").asText());
                    out.set("traceback", c.path("traceback"));
                } else {
                    out.set("data", c.path("data"));
                    out.set("metadata", c.path("metadata").isObject() ? c.path("metadata") : JSON.objectNode());
                    if ("execute_result".equals(m.type())) {
                        out.put("execution_count", c.path("execution_count").asInt());
                    }
                }
                add(cell, out);
                String displayId = c.path("transient").path("display_id").asText("");
                if (!displayId.isEmpty()) {
                    displays.put(displayId, out);
                }
            }
            case "update_display_data" -> {
                ObjectNode shown = displays.get(c.path("transient").path("display_id").asText(""));
                if (shown != null) {
                    shown.set("data", c.path("data"));
                }
            }
            default -> {
            }
        }
    }

    private static void add(CellState cell, ObjectNode out) {
        if (cell.clearOnNext) {
            cell.outputs.removeAll();
            cell.clearOnNext = false;
        }
        int size = out.toString().length();
        if (cell.chars + size > MAX_CELL_CHARS) {
            if (!cell.truncated) {
                cell.truncated = true;
                cell.outputs.add(JSON.objectNode().put("output_type", "stream").put("name", "stderr")
                        .put("text", "[output truncated: the notebook keeps the first " + MAX_CELL_CHARS
                                + " characters of a cell's output]\n"));
            }
            return;
        }
        cell.chars += size;
        int last = cell.outputs.size() - 1;
        if ("stream".equals(out.path("output_type").asText()) && last >= 0
                && "stream".equals(cell.outputs.get(last).path("output_type").asText())
                && out.path("name").asText().equals(cell.outputs.get(last).path("name").asText())) {
            ObjectNode prev = (ObjectNode) cell.outputs.get(last);
            prev.put("text", prev.path("text").asText() + out.path("text").asText());
        } else {
            cell.outputs.add(out);
        }
    }

    private static NotebookStore.CellOutputs snapshot(CellState cell) {
        synchronized (cell) {
            return new NotebookStore.CellOutputs(cell.executionCount, cell.outputs.deepCopy(), cell.running);
        }
    }

    /** The outputs kept so far, by cell id. */
    public Map<String, NotebookStore.CellOutputs> snapshot() {
        Map<String, NotebookStore.CellOutputs> out = new HashMap<>();
        cells.forEach((id, cell) -> out.put(id, snapshot(cell)));
        return out;
    }
}
