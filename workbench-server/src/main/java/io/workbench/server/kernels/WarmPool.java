package io.workbench.server.kernels;

import io.workbench.protocol.Channel;
import io.workbench.protocol.Message;
import io.workbench.protocol.MessageType;
import io.workbench.protocol.client.Execution;
import io.workbench.protocol.messages.ExecuteRequest;
import io.workbench.protocol.workbench.StreamsStateRequest;
import io.workbench.protocol.workbench.WorkbenchMessages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code size} kernels of the default kind started ahead, so that opening a notebook takes a kernel instead
 * of waiting for a JVM and Spark. A kernel is warm once it says Spark is ready: it warms Spark's first query up by
 * itself, and the pool asks where it is ({@code sparkStatus} of {@code workbench_state_request}) on the control
 * channel, so nothing queues on the shell. Then the pool runs the kernelspec's {@code workbench_warmup} cell, if any,
 * silently (it warms up compiling a cell; it runs no Spark job).
 *
 * <p>Taking prefers a warm kernel, else the one that has been starting longest, waiting until it answers: a
 * notebook opened right after the server started gets the kernel that is already starting, instead of a second
 * one competing with it for the CPU. For the same reason the replacement starts once the kernel handed out has
 * started Spark and warmed it up, or {@code handedOutWarmupWait} after its Spark started (the warm-up pauses while
 * cells run). Thread-safe; {@link #take} blocks up to the start timeout.
 */
final class WarmPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WarmPool.class);
    private static final long POLL_MS = 250;

    private final KernelProvisioner provisioner;
    private final String kernelName;
    private final int size;
    private final Duration startTimeout;
    private final Duration handedOutWarmupWait;
    private final ConcurrentLinkedDeque<Entry> entries = new ConcurrentLinkedDeque<>();
    private final ExecutorService launcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "warm-pool");
        t.setDaemon(true);
        return t;
    });
    private volatile Entry lastClaimed;
    private volatile boolean closed;

    /** A kernel being started for the pool: launched (it answers), then warm (Spark ready). */
    private static final class Entry {
        final CompletableFuture<KernelProvisioner.KernelProcess> launched = new CompletableFuture<>();
        final AtomicBoolean claimed = new AtomicBoolean();
        volatile boolean warm;
        /** Guarded by the entry: the pool closed before it was claimed; its kernel is shut down. */
        boolean discarded;
    }

    /** A kernel from the pool, and whether it was warm (Spark started and warmed up) when taken. */
    record Taken(KernelProvisioner.KernelProcess process, boolean warm) {
    }

    WarmPool(KernelProvisioner provisioner, String kernelName, int size, Duration startTimeout) {
        this(provisioner, kernelName, size, startTimeout, Duration.ofSeconds(30));
    }

    /** {@code handedOutWarmupWait}: how long a replacement waits for the warm-up of the kernel handed out before it. */
    WarmPool(KernelProvisioner provisioner, String kernelName, int size, Duration startTimeout,
             Duration handedOutWarmupWait) {
        this.provisioner = provisioner;
        this.kernelName = kernelName;
        this.size = size;
        this.startTimeout = startTimeout;
        this.handedOutWarmupWait = handedOutWarmupWait;
    }

    String kernelName() {
        return kernelName;
    }

    /**
     * A warm kernel, else the pool's kernel that is still starting once it answers, else null (none is starting, or
     * it failed to start: the caller launches one). A replacement is started either way.
     */
    Taken take() throws InterruptedException {
        Entry e = claim();
        fill();
        if (e == null) {
            return null;
        }
        boolean warm = e.warm;
        try {
            KernelProvisioner.KernelProcess p = e.launched.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (p.isAlive()) {
                return new Taken(p, warm);
            }
            LOG.warn("A {} kernel of the warm pool had died; starting another", kernelName);
        } catch (ExecutionException | TimeoutException ex) {
            LOG.warn("The {} kernel the warm pool was starting did not start: {}", kernelName, ex.getMessage());
        }
        return null;
    }

    /** The kernels launched and not given out yet (starting Spark or warm) whose process lives: a snapshot. */
    List<KernelProvisioner.KernelProcess> idle() {
        return entries.stream().filter(e -> e.launched.isDone() && !e.launched.isCompletedExceptionally())
                .map(e -> e.launched.join()).filter(KernelProvisioner.KernelProcess::isAlive).toList();
    }

    /** Starts kernels until {@code size} are warm or starting. */
    void fill() {
        synchronized (entries) {
            while (!closed && entries.size() < size) {
                Entry e = new Entry();
                entries.add(e);
                launcher.submit(() -> launch(e));
            }
        }
    }

    int readyCount() {
        return (int) entries.stream().filter(e -> e.warm).count();
    }

    private Entry claim() {
        synchronized (entries) {
            Entry pick = entries.stream().filter(e -> e.warm).findFirst().orElse(entries.peekFirst());
            if (pick != null) {
                entries.remove(pick);
                pick.claimed.set(true);
                lastClaimed = pick;
            }
            return pick;
        }
    }

    private void launch(Entry e) {
        try {
            // One heavy start at a time on a small machine: the kernel handed out last starts Spark and runs its first
            // query first. Its warm-up is waited for a while only, as it pauses while cells run, maybe for ever.
            Entry previous = lastClaimed;
            if (previous != null && previous != e && previous.launched.isDone()
                    && !previous.launched.isCompletedExceptionally()) {
                KernelProvisioner.KernelProcess p = previous.launched.join();
                awaitSpark(p, e, false, startTimeout);
                awaitSpark(p, e, true, handedOutWarmupWait);
            }
            if (closed) {
                throw new IllegalStateException("the warm pool is closed");
            }
            KernelProvisioner.KernelProcess p = provisioner.launch(kernelName, startTimeout);
            synchronized (e) {
                e.launched.complete(p);
                if (e.discarded) {
                    p.shutdown(Duration.ofSeconds(5));
                    return;
                }
            }
            awaitSpark(p, e, true, startTimeout);
            if (!e.claimed.get()) {
                runWarmupCell(p);
            }
            e.warm = true;
        } catch (Exception ex) {
            e.launched.completeExceptionally(ex);
            if (entries.remove(e) && closed && !e.launched.isCompletedExceptionally()) {
                // interrupted by close() after the launch, before close() could take it: shut down here
                e.launched.join().shutdown(Duration.ofSeconds(5));
            }
            if (!closed) {
                LOG.warn("Could not start a warm {} kernel: {}", kernelName, ex.toString());
            }
        }
    }

    /**
     * Waits up to {@code timeout} until {@code p} says Spark has started ({@code warm}: and warmed up), failed or is
     * off, it dies, or it answers without saying (a kernel without the workbench's Spark status); stops waiting early
     * when {@code e} is claimed meanwhile. A kernel too busy to answer is asked again.
     */
    private void awaitSpark(KernelProvisioner.KernelProcess p, Entry e, boolean warm, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (p.isAlive() && !closed && !e.claimed.get() && System.nanoTime() < deadline) {
            String spark = sparkStatus(p);
            if (spark != null && !"starting".equals(spark) && !(warm && "warming".equals(spark))) {
                return;
            }
            Thread.sleep(POLL_MS);
        }
    }

    /**
     * Runs the kernelspec's {@code workbench_warmup} cell silently, if it has one: the kernel warms Spark up by itself,
     * this warms up compiling a cell. A failure is logged; the kernel is handed out all the same.
     */
    private void runWarmupCell(KernelProvisioner.KernelProcess p) throws TimeoutException, InterruptedException {
        Object metadata = provisioner.specs().getOrDefault(kernelName,
                new KernelProvisioner.KernelSpecInfo(kernelName, "", "", Map.of(), Set.of()))
                .specJson().getOrDefault("metadata", Map.of());
        if (metadata instanceof Map<?, ?> m && m.get("workbench_warmup") instanceof String code && !code.isBlank()) {
            Execution run = Execution.start(p.client(), new ExecuteRequest(code, true, false, Map.of(), false, false))
                    .await(startTimeout);
            if (!"ok".equals(run.status())) {
                LOG.warn("The warm-up cell of a {} kernel failed: {}", kernelName, run.iopub(MessageType.ERROR.name()));
            }
        }
    }

    /** The kernel's answer to "where is Spark?": "" if it answered without saying, null if it did not answer. */
    private static String sparkStatus(KernelProvisioner.KernelProcess p) throws InterruptedException {
        try {
            Message reply = p.client().request(Channel.CONTROL, WorkbenchMessages.STREAMS_STATE_REQUEST,
                    new StreamsStateRequest()).reply().get(5, TimeUnit.SECONDS);
            return reply.content().path("sparkStatus").asText("");
        } catch (ExecutionException | TimeoutException | CancellationException ex) {
            // cancelled: the kernel's client was closed, as it is when the kernel is shut down
            return null;
        }
    }

    @Override
    public void close() {
        closed = true;
        launcher.shutdownNow();
        Entry e;
        while ((e = entries.poll()) != null) {
            KernelProvisioner.KernelProcess p;
            synchronized (e) {
                e.discarded = true;
                p = e.launched.isDone() && !e.launched.isCompletedExceptionally() ? e.launched.join() : null;
            }
            if (p != null) {
                p.shutdown(Duration.ofSeconds(5));
            }
        }
    }
}
