package io.workbench.server.kernels.channels;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import io.workbench.protocol.Channel;
import io.workbench.protocol.Header;
import io.workbench.protocol.Message;
import io.workbench.server.http.ApiException;
import io.workbench.server.kernels.ExecutionState;
import io.workbench.server.kernels.KernelObserver;
import io.workbench.server.kernels.ManagedKernel;
import io.workbench.server.metrics.WorkbenchMetrics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser WebSocket attached to one kernel. IOPub goes to every connection of the kernel; replies on
 * shell, control and stdin go only to the connection whose request they answer. The kernel's status changes
 * (restarting, dead) arrive as IOPub status messages, so a page learns at once that its kernel died.
 */
public final class ChannelsBridge implements KernelObserver {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelsBridge.class);

    private final ServerWebSocket ws;
    private final Context context;
    private final ManagedKernel kernel;
    private final WorkbenchMetrics metrics;
    private final Set<String> myRequests = Collections.newSetFromMap(
            Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > 10_000;
                }
            }));

    public ChannelsBridge(ServerWebSocket ws, Context context, ManagedKernel kernel, WorkbenchMetrics metrics) {
        this.ws = ws;
        this.context = context;
        this.kernel = kernel;
        this.metrics = metrics;
    }

    public void start() {
        kernel.observe(this);
        ws.textMessageHandler(this::fromBrowser);
        ws.closeHandler(v -> kernel.unobserve(this));
        ws.exceptionHandler(e -> LOG.debug("WebSocket of kernel {} failed: {}", kernel.id(), e.toString()));
    }

    private void fromBrowser(String text) {
        metrics.webSocketMessage("in", text.length());
        try {
            WireJson.Incoming in = WireJson.parse(text);
            myRequests.add(in.message().header().msgId());
            kernel.send(in.channel(), in.message());
        } catch (ApiException e) {
            LOG.debug("Rejected a WebSocket message for kernel {}: {}", kernel.id(), e.getMessage());
            send(status("error", "The message was rejected: " + e.getMessage()));
        }
    }

    @Override
    public void onReceived(Channel channel, Message message) {
        if (channel != Channel.IOPUB) {
            String parent = message.parentId();
            if (parent == null || !myRequests.contains(parent)) {
                return;
            }
        }
        send(WireJson.format(channel, message, kernel.cellOf(message.parentId())));
    }

    @Override
    public void onStatus(ExecutionState executionState, String reason) {
        send(status(executionState.wireName(), reason));
    }

    @Override
    public boolean isConnection() {
        return true;
    }

    private String status(String state, String reason) {
        ObjectNode content = JsonNodeFactory.instance.objectNode().put("execution_state", state).put("reason", reason);
        Message m = new Message(List.of(), Header.create("status", "workbench-server", "workbench"), null, null,
                content, List.of());
        return WireJson.format(Channel.IOPUB, m, null);
    }

    private void send(String text) {
        metrics.webSocketMessage("out", text.length());
        context.runOnContext(v -> {
            if (!ws.isClosed()) {
                ws.writeTextMessage(text);
            }
        });
    }
}
