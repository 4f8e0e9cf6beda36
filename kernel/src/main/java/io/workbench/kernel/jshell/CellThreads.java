package io.workbench.kernel.jshell;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs cell code, one piece at a time, each on a fresh thread whose context class loader is the snippet
 * loader. Only that thread is joined: threads the cell starts (Spark, streaming queries, producers) live on
 * after the cell returns. {@link #stop} interrupts the thread, which ends sleeps and waits at once, and kills
 * it with {@code Thread.stop} if it is still running after a grace period, which ends busy loops.
 */
public final class CellThreads {
    /** Thrown by {@link #run} when the code was stopped by {@link #stop}. */
    public static final class StoppedException extends Exception {
        StoppedException() {
            super("stopped");
        }
    }

    /** Called on the cell thread around each piece of cell code. */
    public interface Hooks {
        void before();

        void after();
    }

    private static final long GRACE_MILLIS = 300;

    private final ClassLoader loader;
    private final AtomicInteger counter = new AtomicInteger();
    private volatile Thread running;
    private volatile boolean stopRequested;
    /** Set by {@link #stop} for the whole current cell, so that a stop before its code starts is not lost. */
    private boolean cellStopped;
    private volatile Hooks hooks = new Hooks() {
        @Override
        public void before() {
        }

        @Override
        public void after() {
        }
    };

    public CellThreads(ClassLoader loader) {
        this.loader = loader;
    }

    public void hooks(Hooks hooks) {
        this.hooks = hooks;
    }

    /**
     * Runs {@code body} on a new cell thread and waits for it. Exceptions from reflective calls are unwrapped.
     *
     * @throws StoppedException if {@link #stop} ended it
     */
    @SuppressWarnings("removal")
    public Object run(Callable<Object> body) throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Hooks h = hooks;
        Thread t = new Thread(() -> {
            try {
                h.before();
                try {
                    result.set(body.call());
                } finally {
                    h.after();
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "cell-" + counter.incrementAndGet());
        t.setContextClassLoader(loader);
        t.setDaemon(true);
        synchronized (this) {
            if (cellStopped) {
                throw new StoppedException();
            }
            stopRequested = false;
            running = t;
            // Started under the lock: stop() interrupts only started threads (interrupting an unstarted
            // thread does nothing), so the code runs at least until it sees that interrupt.
            t.start();
        }
        try {
            t.join();
        } finally {
            running = null;
        }
        Throwable e = failure.get();
        if (e instanceof InvocationTargetException ite && ite.getCause() != null) {
            e = ite.getCause();
        }
        if (e instanceof ThreadDeath || (stopRequested && e instanceof InterruptedException)) {
            throw new StoppedException();
        }
        if (e != null && stopRequested && isInterruption(e)) {
            throw new StoppedException();
        }
        if (e instanceof Exception ex) {
            throw ex;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IllegalStateException(e);
        }
        return result.get();
    }

    /**
     * Starts a new cell: forgets an earlier cell's stop. Call before the cell can be interrupted, so that a
     * stop that arrives while the cell is still being compiled ends it before its code runs.
     */
    public synchronized void newCell() {
        cellStopped = false;
    }

    public boolean isRunning() {
        return running != null;
    }

    /**
     * Stops the current cell: its running code, if any, and any code it would still start. Returns at once.
     * Safe from any thread.
     */
    @SuppressWarnings({"removal", "deprecation"})
    public void stop() {
        Thread t;
        synchronized (this) {
            cellStopped = true;
            t = running;
            if (t == null) {
                return;
            }
            stopRequested = true;
        }
        t.interrupt();
        Thread killer = new Thread(() -> {
            try {
                t.join(GRACE_MILLIS);
                if (t.isAlive()) {
                    t.stop();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cell-stopper");
        killer.setDaemon(true);
        killer.start();
    }

    private static boolean isInterruption(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof InterruptedException || c instanceof ThreadDeath
                    || c instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }
}
