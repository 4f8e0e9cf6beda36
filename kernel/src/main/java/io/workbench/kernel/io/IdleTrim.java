package io.workbench.kernel.io;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.workbench.config.ConfigKey;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives memory back to the OS once the kernel has been idle for a while. A query leaves the heap as large as it
 * needed and full of garbage that no collection comes for while nothing runs; the C heap keeps what Spark's and
 * JShell's native code freed. So when no cell has run for {@code delay}, this collects garbage once (a full GC,
 * with {@code MaxHeapFreeRatio} lowered to 20% for that collection only, so the heap shrinks to what is live plus
 * a margin) and trims the C heap. Once per idle period: a kernel that stays idle is not collected again, and queries
 * run with the JVM's own heap sizing. Streaming queries keep running meanwhile; they see one pause.
 *
 * <p>Thread-safe.
 */
public final class IdleTrim {
    public static final ConfigKey<Integer> DELAY = ConfigKey.integer("kernel.idle-trim-seconds", 30,
            "Seconds without a running cell after which a kernel collects garbage once and gives free memory back to the OS (0 never).");
    private static final Logger LOG = LoggerFactory.getLogger(IdleTrim.class);
    /** The most and the least of the heap left free after the idle collection, in percent. */
    private static final String IDLE_MAX_HEAP_FREE_RATIO = "20";
    private static final String IDLE_MIN_HEAP_FREE_RATIO = "10";

    private final Duration delay;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "idle-trim");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> pending;
    private boolean running;

    /** {@code delay} zero or negative never trims. */
    public IdleTrim(Duration delay) {
        this.delay = delay;
    }

    /** A cell starts: no trim while it runs. */
    public synchronized void cellStarted() {
        running = true;
        cancel();
    }

    /** The cell is done: trim after {@code delay} unless a cell starts before. */
    public synchronized void cellFinished() {
        running = false;
        schedule();
    }

    /** The kernel has started up (Spark and its warm-up included): trim after {@code delay} if nothing runs. */
    public synchronized void started() {
        if (!running) {
            schedule();
        }
    }

    private void schedule() {
        cancel();
        if (!delay.isZero() && !delay.isNegative()) {
            pending = timer.schedule(this::trim, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    private void trim() {
        long before = usedHeapMb();
        long committedBefore = committedHeapMb();
        long t0 = System.nanoTime();
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String maxRatio = hotspot.getVMOption("MaxHeapFreeRatio").getValue();
        String minRatio = hotspot.getVMOption("MinHeapFreeRatio").getValue();
        try {
            // MinHeapFreeRatio may not exceed MaxHeapFreeRatio, so it goes down first and back up last.
            hotspot.setVMOption("MinHeapFreeRatio", IDLE_MIN_HEAP_FREE_RATIO);
            hotspot.setVMOption("MaxHeapFreeRatio", IDLE_MAX_HEAP_FREE_RATIO);
            System.gc();
        } finally {
            hotspot.setVMOption("MaxHeapFreeRatio", maxRatio);
            hotspot.setVMOption("MinHeapFreeRatio", minRatio);
        }
        String trimmed = trimNativeHeap();
        LOG.info("Idle for {} s: collected garbage in {} ms, heap {} MB used of {} MB before, {} MB of {} MB after; {}",
                delay.toSeconds(), (System.nanoTime() - t0) / 1_000_000, before, committedBefore, usedHeapMb(),
                committedHeapMb(), trimmed);
    }

    /** glibc's malloc_trim through the JVM's own command (JDK 17.0.9 and later); a word on what it did. */
    private static String trimNativeHeap() {
        try {
            Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "systemTrimNativeHeap",
                    new Object[] {null}, new String[] {String[].class.getName()});
            return String.valueOf(out).trim();
        } catch (Exception e) {
            return "the C heap was not trimmed (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static long usedHeapMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    private static long committedHeapMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() >> 20;
    }
}
