package io.workbench.events;

import java.util.concurrent.atomic.AtomicLong;

/** Events per second over the last full second, from a counter ticked by one thread and read by any. */
final class RateMeter {
    private final AtomicLong count = new AtomicLong();
    private volatile long windowStart = System.nanoTime();
    private volatile long windowBase;
    private volatile double lastRate;

    void tick() {
        long c = count.incrementAndGet();
        long now = System.nanoTime();
        long elapsed = now - windowStart;
        if (elapsed >= 1_000_000_000L) {
            lastRate = (c - windowBase) * 1e9 / elapsed;
            windowBase = c;
            windowStart = now;
        }
    }

    double perSecond() {
        long elapsed = System.nanoTime() - windowStart;
        return elapsed > 2_000_000_000L ? 0 : lastRate;
    }
}
