package io.workbench.server.kernels;

import io.workbench.protocol.workbench.WorkbenchMetadata;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.protocol.Channel;
import io.workbench.protocol.Message;
import io.workbench.protocol.MessageType;
import io.workbench.protocol.client.KernelClient;
import io.workbench.server.http.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A kernel as the server knows it: a stable id across restarts, the current process, its execution state
 * (starting, idle, busy, restarting, dead) and the observers that see its messages. Thread-safe.
 */
public final class ManagedKernel {
    private final String id;
    private final String name;
    private final List<KernelObserver> observers = new CopyOnWriteArrayList<>();
    private final KernelClient.Listener listener = this::received;
    private volatile KernelProvisioner.KernelProcess process;
    private volatile ExecutionState executionState = ExecutionState.STARTING;
    private volatile Instant lastActivity = Instant.now();
    private final Map<String, String> cellsByRequest = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > 4096;
                }
            });

    ManagedKernel(String id, String name) {
        this.id = id;
        this.name = name;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** Where the current process announces its metrics port, or null (no process, or one that cannot say). */
    public java.nio.file.Path metricsPortFile() {
        KernelProvisioner.KernelProcess p = process;
        return p == null ? null : p.metricsPortFile();
    }

    public ExecutionState executionState() {
        return executionState;
    }

    public Instant lastActivity() {
        return lastActivity;
    }

    public int connections() {
        return (int) observers.stream().filter(KernelObserver::isConnection).count();
    }

    public void observe(KernelObserver observer) {
        observers.add(observer);
    }

    public void unobserve(KernelObserver observer) {
        observers.remove(observer);
    }

    /** Sends a message from a client (a browser, through its bridge) to the kernel. */
    public void send(Channel channel, Message message) {
        KernelProvisioner.KernelProcess p = process;
        if (p == null || executionState == ExecutionState.DEAD) {
            throw new ApiException.Conflict("Kernel " + id + " is not running; restart it.");
        }
        lastActivity = Instant.now();
        String cellId = WorkbenchMetadata.cellId(message.metadata());
        if (cellId != null && MessageType.EXECUTE_REQUEST.name().equals(message.type())) {
            cellsByRequest.put(message.header().msgId(), cellId);
        }
        for (KernelObserver o : observers) {
            o.onSent(channel, message);
        }
        p.client().send(channel, message);
    }

    /**
     * Sends a request of the server's own (not a browser's) and returns its reply to come. Does not block and
     * does not count as activity. The reply future never times out by itself, and is cancelled if the kernel's
     * client closes. Throws {@link ApiException.Unavailable} when the kernel is dead or restarting.
     */
    public <T> CompletableFuture<Message> request(Channel channel, MessageType<T> type, T content) {
        KernelProvisioner.KernelProcess p = process;
        ExecutionState state = executionState;
        if (p == null || !state.reachable()) {
            throw new ApiException.Unavailable("Kernel " + id + " is " + (p == null ? "starting" : state.wireName())
                    + (state == ExecutionState.DEAD ? "; restart it to go on." : "; try again in a moment."));
        }
        return p.client().request(channel, type, content).reply();
    }

    /** The notebook cell id an execute request was sent for, if the client said (metadata.cellId). */
    public String cellOf(String requestId) {
        return requestId == null ? null : cellsByRequest.get(requestId);
    }

    public ObjectNode model() {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("id", id).put("name", name).put("last_activity", lastActivity.toString())
                .put("execution_state", executionState.wireName()).put("connections", connections());
        KernelProvisioner.KernelProcess p = process;
        if (p != null) {
            m.put("pid", p.pid());
        }
        return m;
    }

    KernelProvisioner.KernelProcess process() {
        return process;
    }

    /** Switches to a (new) process, as at start and restart. */
    void attach(KernelProvisioner.KernelProcess p) {
        KernelProvisioner.KernelProcess old = process;
        if (old != null) {
            old.client().removeListener(listener);
        }
        process = p;
        p.client().addListener(listener);
        status(ExecutionState.IDLE, "started");
    }

    void status(ExecutionState state, String reason) {
        executionState = state;
        lastActivity = Instant.now();
        for (KernelObserver o : observers) {
            o.onStatus(state, reason);
        }
    }

    private void received(Channel channel, Message message) {
        lastActivity = Instant.now();
        if (channel == Channel.IOPUB && MessageType.STATUS.name().equals(message.type())) {
            ExecutionState state = ExecutionState.fromKernelStatus(message.content().path("execution_state").asText());
            if (state == ExecutionState.BUSY || state == ExecutionState.IDLE) {
                executionState = state;
            }
        }
        for (KernelObserver o : observers) {
            o.onReceived(channel, message);
        }
    }
}
