package io.workbench.server.kernels;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.workbench.protocol.Channel;
import io.workbench.protocol.MessageType;
import io.workbench.protocol.messages.InterruptRequest;
import io.workbench.server.http.ApiException;
import io.workbench.server.metrics.WorkbenchMetrics;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the lifecycles of kernels: start (from the warm pool when it can), interrupt, restart, shutdown;
 * watches each for death (process exit, three missed heartbeats) and tells its observers; culls kernels that
 * are idle with no browser connected. Never leaves a kernel behind: {@link #close()} shuts every one down, and
 * kernels exit by themselves if this JVM dies.
 *
 * <p>Operations that launch or stop processes run on worker threads and return futures.
 */
public final class KernelManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KernelManager.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Vertx vertx;
    private final KernelProvisioner provisioner;
    private final WorkbenchMetrics metrics;
    private final Map<String, ManagedKernel> kernels = new ConcurrentHashMap<>();
    private final Set<String> stopping = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> missedBeats = new ConcurrentHashMap<>();
    private final WarmPool pool;
    private final int cullIdleSeconds;
    private final long timer;

    public KernelManager(Vertx vertx, KernelProvisioner provisioner, WorkbenchMetrics metrics, String defaultKernel,
                         int warmKernels, int cullIdleSeconds, int heartbeatSeconds) {
        this.vertx = vertx;
        this.provisioner = provisioner;
        this.metrics = metrics;
        this.cullIdleSeconds = cullIdleSeconds;
        this.pool = new WarmPool(provisioner, defaultKernel, warmKernels, START_TIMEOUT);
        // A kernel whose process died stays listed (its notebook offers a restart) but is not running.
        metrics.kernels(() -> kernels.values().stream().filter(k -> k.executionState() != ExecutionState.DEAD).count(),
                pool::readyCount);
        pool.fill();
        this.timer = vertx.setPeriodic(TimeUnit.SECONDS.toMillis(Math.max(1, heartbeatSeconds)), t -> checkAll());
    }

    public String defaultKernel() {
        return pool.kernelName();
    }

    public Map<String, KernelProvisioner.KernelSpecInfo> specs() {
        return provisioner.specs();
    }

    public Future<ManagedKernel> start(String kernelName) {
        String name = kernelName == null || kernelName.isBlank() ? pool.kernelName() : kernelName;
        if (!provisioner.specs().containsKey(name)) {
            return Future.failedFuture(new ApiException.NotFound("No kernel named '" + name + "'. Known kernels: "
                    + provisioner.specs().keySet() + "."));
        }
        ManagedKernel kernel = new ManagedKernel(UUID.randomUUID().toString(), name);
        kernel.observe(new ExecutionTimer(metrics));
        kernels.put(kernel.id(), kernel);
        return vertx.executeBlocking(() -> {
            attach(kernel, launch(name));
            return kernel;
        }, false).onFailure(e -> kernels.remove(kernel.id()));
    }

    public ManagedKernel get(String id) {
        ManagedKernel k = kernels.get(id);
        if (k == null) {
            throw new ApiException.NotFound("No kernel with id " + id + "; it may have been shut down or culled.");
        }
        return k;
    }

    public Collection<ManagedKernel> list() {
        return List.copyOf(kernels.values());
    }

    /**
     * Where the warm pool's kernels (started, alive, not given to a notebook yet) announce their metrics ports, for
     * Prometheus's discovery; kernels that cannot announce one are left out. A snapshot: a kernel taken meanwhile
     * appears in {@link #list()} instead.
     */
    public List<java.nio.file.Path> warmMetricsPortFiles() {
        return pool.idle().stream().map(KernelProvisioner.KernelProcess::metricsPortFile)
                .filter(java.util.Objects::nonNull).toList();
    }

    public Future<Void> interrupt(String id) {
        ManagedKernel k = get(id);
        KernelProvisioner.KernelProcess p = k.process();
        if (p == null || !p.isAlive()) {
            return Future.failedFuture(new ApiException.Conflict("Kernel " + id + " is not running; restart it."));
        }
        if (p.interruptsByMessage()) {
            return Future.fromCompletionStage(p.client().request(Channel.CONTROL, MessageType.INTERRUPT_REQUEST,
                    new InterruptRequest()).reply().orTimeout(10, TimeUnit.SECONDS)).mapEmpty();
        }
        return vertx.executeBlocking(() -> {
            p.signalInterrupt();
            return null;
        }, false);
    }

    /** Replaces the kernel's process with a fresh one (from the warm pool when possible); the id stays. */
    public Future<ManagedKernel> restart(String id) {
        ManagedKernel k = get(id);
        k.status(ExecutionState.RESTARTING, "restart requested");
        return vertx.executeBlocking(() -> {
            KernelProvisioner.KernelProcess old = k.process();
            stopping.add(pidKey(old));
            KernelProvisioner.KernelProcess fresh = launch(k.name());
            if (old != null) {
                old.shutdown(Duration.ofSeconds(5));
            }
            attach(k, fresh);
            return k;
        }, false).onFailure(e -> k.status(ExecutionState.DEAD, "restart failed: " + e.getMessage()));
    }

    public Future<Void> shutdown(String id) {
        ManagedKernel k = get(id);
        kernels.remove(id);
        return vertx.executeBlocking(() -> {
            stop(k);
            return null;
        }, false);
    }

    private KernelProvisioner.KernelProcess launch(String name) throws IOException, InterruptedException {
        WarmPool.Taken taken = name.equals(pool.kernelName()) ? pool.take() : null;
        KernelProvisioner.KernelProcess p = taken != null ? taken.process() : provisioner.launch(name, START_TIMEOUT);
        metrics.kernelStarted(taken != null && taken.warm());
        return p;
    }

    private void attach(ManagedKernel k, KernelProvisioner.KernelProcess p) {
        missedBeats.remove(k.id());
        k.attach(p);
        p.onExit().thenRun(() -> {
            if (stopping.remove(pidKey(p)) || k.process() != p) {
                return;
            }
            LOG.warn("Kernel {} died (its process exited). Last log lines:\n{}", k.id(), p.logTail(15));
            metrics.kernelDied(WorkbenchMetrics.DIED_EXITED);
            k.status(ExecutionState.DEAD, "The kernel process exited. Its state is lost; restart the kernel to go on.");
        });
        LOG.info("Kernel {} ({}) running as pid {}", k.id(), k.name(), p.pid());
    }

    private void stop(ManagedKernel k) {
        KernelProvisioner.KernelProcess p = k.process();
        if (p != null) {
            stopping.add(pidKey(p));
            p.shutdown(Duration.ofSeconds(10));
        }
        k.status(ExecutionState.DEAD, "shut down");
    }

    /** Heartbeats and culling, off the event loop. */
    private void checkAll() {
        for (ManagedKernel k : kernels.values()) {
            KernelProvisioner.KernelProcess p = k.process();
            if (p == null || !k.executionState().reachable()) {
                continue;
            }
            vertx.executeBlocking(() -> p.client().heartbeat(Duration.ofSeconds(2)), false).onSuccess(alive -> {
                if (alive) {
                    missedBeats.remove(k.id());
                } else if (missedBeats.merge(k.id(), 1, Integer::sum) >= 3 && k.process() == p) {
                    LOG.warn("Kernel {} missed 3 heartbeats; marking it dead", k.id());
                    metrics.kernelDied(WorkbenchMetrics.DIED_NO_HEARTBEAT);
                    stopping.add(pidKey(p));
                    k.status(ExecutionState.DEAD, "The kernel stopped answering. Restart it to go on.");
                    vertx.executeBlocking(() -> {
                        p.shutdown(Duration.ofSeconds(1));
                        return null;
                    }, false);
                }
            });
            if (cullIdleSeconds > 0 && k.connections() == 0 && k.executionState() == ExecutionState.IDLE
                    && k.lastActivity().plusSeconds(cullIdleSeconds).isBefore(Instant.now())) {
                LOG.info("Culling kernel {}: idle for {} s with no connection", k.id(), cullIdleSeconds);
                shutdown(k.id());
            }
        }
    }

    private static String pidKey(KernelProvisioner.KernelProcess p) {
        return p == null ? "" : String.valueOf(System.identityHashCode(p));
    }

    /** Shuts every kernel and the warm pool down, in parallel. */
    @Override
    public void close() {
        vertx.cancelTimer(timer);
        pool.close();
        kernels.values().parallelStream().forEach(this::stop);
        kernels.clear();
    }
}
