package io.workbench.process;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a child process running: when it exits without being asked to, it is started again after a delay that
 * doubles with each restart, from {@link Policy#initialDelay()} up to {@link Policy#maxDelay()}. More than
 * {@link Policy#maxRestarts()} restarts within {@link Policy#window()} is a crash loop: the supervisor gives up,
 * says why, and stays {@link State#GAVE_UP} until started again.
 *
 * <p>Thread-safe. Restarts run on a timer thread of the supervisor's; listeners are called there and must not
 * block for long.
 */
public final class Supervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

    /**
     * When to restart.
     *
     * @param initialDelay the delay before the first restart
     * @param maxDelay     the longest delay, however many restarts came before
     * @param maxRestarts  how many restarts within {@code window} are allowed before giving up
     */
    public record Policy(Duration initialDelay, Duration maxDelay, int maxRestarts, Duration window) {
        public Policy {
            if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0 || maxRestarts < 0 || window.isNegative()) {
                throw new IllegalArgumentException("a restart policy needs 0 <= initial delay <= max delay, max restarts"
                        + " >= 0 and a window >= 0, not " + initialDelay + ", " + maxDelay + ", " + maxRestarts + ", " + window);
            }
        }

        /** The delay before restart number {@code n} (1-based) of a series. */
        public Duration delay(int n) {
            long millis = initialDelay.toMillis();
            for (int i = 1; i < n && millis < maxDelay.toMillis(); i++) {
                millis = Math.max(1, millis) * 2;
            }
            return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
        }
    }

    /** Where the supervised process is. */
    public enum State { RUNNING, BACKING_OFF, GAVE_UP, STOPPED }

    /** Starts the process and waits until it is ready. */
    @FunctionalInterface
    public interface Launcher {
        ChildProcess start() throws Exception;
    }

    /** Hears what the supervisor does. */
    public interface Listener {
        default void started(ChildProcess child, int restarts) {
        }

        /** The process exited without being asked to; it will be started again after {@code delay}. */
        default void exited(int exitCode, Duration delay) {
        }

        /** Restarting failed too often; {@code why} says so, for a user. */
        default void gaveUp(String why) {
        }
    }

    private final String name;
    private final Launcher launcher;
    private final Policy policy;
    private final Listener listener;
    private final Deque<Instant> restarts = new ArrayDeque<>();
    private final ScheduledExecutorService timer;
    private volatile ChildProcess current;
    private volatile State state = State.STOPPED;
    private volatile String lastError;

    private Supervisor(String name, Launcher launcher, Policy policy, Listener listener) {
        this.name = name;
        this.launcher = launcher;
        this.policy = policy;
        this.listener = listener;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "supervisor-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the process once, on the calling thread, and supervises it from then on.
     *
     * @throws Exception what the launcher threw: the first start is not retried
     */
    public static Supervisor start(String name, Launcher launcher, Policy policy, Listener listener) throws Exception {
        Supervisor s = new Supervisor(name, launcher, policy, listener);
        s.watch(launcher.start());
        return s;
    }

    public State state() {
        return state;
    }

    /** The running process, or the last one. */
    public ChildProcess current() {
        return current;
    }

    /** Why the supervisor gave up, or why the last restart failed; null if nothing went wrong. */
    public String lastError() {
        return lastError;
    }

    /** Restarts within the current window. */
    public synchronized int recentRestarts() {
        prune(Instant.now());
        return restarts.size();
    }

    private void watch(ChildProcess child) {
        current = child;
        state = State.RUNNING;
        listener.started(child, restarts.size());
        child.onExit().thenAccept(code -> {
            // A child stopped on purpose (this JVM's shutdown stops every child, possibly before stop() here) is no
            // crash: restarting it, or saying it "exited unexpectedly", would be wrong.
            if (state != State.STOPPED && current == child && !child.stopRequested()) {
                scheduleRestart(code);
            }
        });
    }

    private synchronized void scheduleRestart(int exitCode) {
        Instant now = Instant.now();
        prune(now);
        if (restarts.size() >= policy.maxRestarts()) {
            giveUp(name + " exited (code " + exitCode + ") " + (restarts.size() + 1) + " times within "
                    + policy.window().toMinutes() + " min; not starting it again. See " + current.log() + ".");
            return;
        }
        restarts.addLast(now);
        Duration delay = policy.delay(restarts.size());
        state = State.BACKING_OFF;
        LOG.warn("{} exited unexpectedly (code {}); starting it again in {} ms. See {}.", name, exitCode,
                delay.toMillis(), current.log());
        listener.exited(exitCode, delay);
        timer.schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart() {
        if (state == State.STOPPED) {
            return;
        }
        try {
            watch(launcher.start());
            LOG.info("{} is running again", name);
        } catch (Exception e) {
            lastError = e.getMessage();
            LOG.error("{} could not be started again: {}", name, e.getMessage());
            scheduleRestart(-1);
        }
    }

    private void giveUp(String why) {
        state = State.GAVE_UP;
        lastError = why;
        LOG.error(why);
        listener.gaveUp(why);
    }

    private void prune(Instant now) {
        while (!restarts.isEmpty() && restarts.peekFirst().isBefore(now.minus(policy.window()))) {
            restarts.removeFirst();
        }
    }

    /** Stops supervising and stops the process within {@code grace}; returns its exit code (-1 if unknown). */
    public int stop(Duration grace) {
        state = State.STOPPED;
        timer.shutdownNow();
        ChildProcess c = current;
        return c == null ? -1 : c.stop(grace);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(20));
    }
}
