package io.workbench.server.kernels;

import io.workbench.protocol.MessageType;
import io.workbench.protocol.client.Execution;
import io.workbench.protocol.messages.ExecuteRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code size} kernels of the default kind launched and warmed (Spark started and one query run, with
 * the kernelspec's warm-up code), so that opening a notebook takes a ready kernel instead of waiting for a JVM
 * and Spark. Taking one starts its replacement in the background. Thread-safe.
 */
final class WarmPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WarmPool.class);

    private final KernelProvisioner provisioner;
    private final String kernelName;
    private final int size;
    private final Duration startTimeout;
    private final ConcurrentLinkedQueue<KernelProvisioner.KernelProcess> ready = new ConcurrentLinkedQueue<>();
    /** Launched and not given out yet: warming up or ready. */
    private final Set<KernelProvisioner.KernelProcess> launched = ConcurrentHashMap.newKeySet();
    private final AtomicInteger starting = new AtomicInteger();
    private final ExecutorService launcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "warm-pool");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    WarmPool(KernelProvisioner provisioner, String kernelName, int size, Duration startTimeout) {
        this.provisioner = provisioner;
        this.kernelName = kernelName;
        this.size = size;
        this.startTimeout = startTimeout;
    }

    String kernelName() {
        return kernelName;
    }

    /** A ready kernel, or null if none is ready yet; a replacement starts in the background either way. */
    KernelProvisioner.KernelProcess take() {
        KernelProvisioner.KernelProcess p;
        while ((p = ready.poll()) != null && !p.isAlive()) {
            launched.remove(p);
            LOG.warn("A warm kernel had died; discarding it");
        }
        if (p != null) {
            launched.remove(p);
        }
        fill();
        return p;
    }

    /** The kernels launched and not given out yet (warming up or ready) whose process lives: a snapshot. */
    List<KernelProvisioner.KernelProcess> idle() {
        return launched.stream().filter(KernelProvisioner.KernelProcess::isAlive).toList();
    }

    /** Starts kernels until {@code size} are ready or starting. */
    void fill() {
        while (!closed && ready.size() + starting.get() < size) {
            starting.incrementAndGet();
            launcher.submit(this::launchOne);
        }
    }

    int readyCount() {
        return ready.size();
    }

    private void launchOne() {
        try {
            if (closed) {
                return;
            }
            KernelProvisioner.KernelProcess p = provisioner.launch(kernelName, startTimeout);
            launched.add(p);
            try {
                warmUp(p);
            } catch (Exception e) {
                launched.remove(p);
                p.shutdown(Duration.ofSeconds(5));
                throw e;
            }
            if (closed) {
                launched.remove(p);
                p.shutdown(Duration.ofSeconds(5));
            } else {
                ready.add(p);
            }
        } catch (Exception e) {
            LOG.warn("Could not start a warm {} kernel: {}", kernelName, e.getMessage());
        } finally {
            starting.decrementAndGet();
        }
    }

    private void warmUp(KernelProvisioner.KernelProcess p) throws Exception {
        Object code = provisioner.specs().getOrDefault(kernelName,
                new KernelProvisioner.KernelSpecInfo(kernelName, "", "", Map.of(), java.util.Set.of()))
                .specJson().getOrDefault("metadata", Map.of());
        Object warmup = code instanceof Map<?, ?> m ? m.get("workbench_warmup") : null;
        if (warmup instanceof String s && !s.isBlank()) {
            ExecuteRequest req = new ExecuteRequest(s, true, false, Map.of(), false, false);
            Execution e = Execution.start(p.client(), req).await(startTimeout);
            if (!"ok".equals(e.status())) {
                LOG.warn("The warm-up of a {} kernel failed: {}", kernelName, e.iopub(MessageType.ERROR.name()));
            }
        }
        p.client().heartbeat(Duration.ofSeconds(2));
    }

    @Override
    public void close() {
        closed = true;
        launcher.shutdownNow();
        KernelProvisioner.KernelProcess p;
        while ((p = ready.poll()) != null) {
            launched.remove(p);
            p.shutdown(Duration.ofSeconds(5));
        }
    }
}
