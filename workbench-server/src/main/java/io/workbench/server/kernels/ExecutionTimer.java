package io.workbench.server.kernels;

import io.workbench.protocol.Channel;
import io.workbench.protocol.Message;
import io.workbench.server.metrics.WorkbenchMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counts executions and times each from execute_request to execute_reply, for every client of a kernel. */
final class ExecutionTimer implements KernelObserver {
    private final WorkbenchMetrics metrics;
    private final Map<String, Long> started = new ConcurrentHashMap<>();

    ExecutionTimer(WorkbenchMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void onSent(Channel channel, Message message) {
        if ("execute_request".equals(message.type())) {
            if (started.size() > 10_000) {
                started.clear();
            }
            started.put(message.header().msgId(), System.nanoTime());
        }
    }

    @Override
    public void onReceived(Channel channel, Message message) {
        if (channel == Channel.SHELL && "execute_reply".equals(message.type())) {
            Long t0 = started.remove(message.parentId());
            if (t0 != null) {
                metrics.execution(message.content().path("status").asText("unknown"), System.nanoTime() - t0);
            }
        }
    }
}
