package io.workbench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child process of this JVM: started from a command with an environment, its stdout and stderr written to a log
 * file, waited for until a readiness probe passes, watched, and stopped gracefully (SIGTERM, then SIGKILL after a
 * grace period).
 *
 * <p>Orphan prevention works both ways: the child is told this JVM's pid ({@link ParentWatch#PARENT_PID_ENV}) and is
 * expected to exit when it is gone, and this JVM stops every child still running when it shuts down normally.
 *
 * <p>Thread-safe. {@link #start} and {@link #stop} block; call them off event loops.
 */
public final class ChildProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
    private static final Set<ChildProcess> LIVE = ConcurrentHashMap.newKeySet();
    private volatile boolean stopRequested;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (ChildProcess c : List.copyOf(LIVE)) {
                c.stop(Duration.ofSeconds(5));
            }
        }, "child-processes-stop"));
    }

    /**
     * How to start a child.
     *
     * @param name    what it is, for messages ("the Kafka broker", "kernel 3f2…")
     * @param command the program and its arguments
     * @param env     variables added to this JVM's environment
     * @param workDir its working directory, or null for this JVM's
     * @param log     where its stdout and stderr go (the file is started afresh)
     */
    public record Spec(String name, List<String> command, Map<String, String> env, Path workDir, Path log) {
        public Spec {
            command = List.copyOf(command);
            env = Map.copyOf(env);
        }
    }

    /** Whether a starting child is ready; probes may block briefly (a connection attempt) and may throw. */
    @FunctionalInterface
    public interface Readiness {
        boolean ready(ChildProcess child) throws Exception;

        /** Ready as soon as the process runs. */
        Readiness RUNNING = child -> true;
    }

    private final Spec spec;
    private final Process process;

    private ChildProcess(Spec spec, Process process) {
        this.spec = spec;
        this.process = process;
    }

    /**
     * Starts the child and waits until {@code readiness} passes, checking every 100 ms.
     *
     * @throws ChildProcessException when it cannot be started, exits first, or is not ready within {@code timeout};
     *                               the message has the end of its log, and the process is stopped
     */
    public static ChildProcess start(Spec spec, Readiness readiness, Duration timeout) {
        ChildProcess child = spawn(spec);
        child.awaitReady(readiness, timeout);
        return child;
    }

    /**
     * Starts the child and returns at once, without waiting for it to be ready: for runs whose outcome is their
     * exit code (it may already have exited when this returns).
     *
     * @throws ChildProcessException when it cannot be started
     */
    public static ChildProcess spawn(Spec spec) {
        Process p;
        try {
            Files.createDirectories(spec.log().toAbsolutePath().getParent());
            ProcessBuilder pb = new ProcessBuilder(spec.command()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(spec.log().toFile()));
            if (spec.workDir() != null) {
                pb.directory(spec.workDir().toFile());
            }
            pb.environment().put(ParentWatch.PARENT_PID_ENV, String.valueOf(ProcessHandle.current().pid()));
            pb.environment().putAll(spec.env());
            p = pb.start();
        } catch (IOException e) {
            throw new ChildProcessException("Cannot start " + spec.name() + " (" + spec.command().get(0) + "): "
                    + e.getMessage(), e);
        }
        ChildProcess child = new ChildProcess(spec, p);
        LIVE.add(child);
        p.onExit().thenRun(() -> LIVE.remove(child));
        return child;
    }

    /**
     * Runs a command to its end, its output in the spec's log, and returns its exit code; it is killed after
     * {@code timeout}.
     *
     * @throws ChildProcessException when it cannot be started or does not end in time
     */
    public static int runToEnd(Spec spec, Duration timeout) {
        Process p;
        try {
            Files.createDirectories(spec.log().toAbsolutePath().getParent());
            ProcessBuilder pb = new ProcessBuilder(spec.command()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(spec.log().toFile()));
            if (spec.workDir() != null) {
                pb.directory(spec.workDir().toFile());
            }
            pb.environment().putAll(spec.env());
            p = pb.start();
        } catch (IOException e) {
            throw new ChildProcessException("Cannot start " + spec.name() + ": " + e.getMessage(), e);
        }
        ChildProcess child = new ChildProcess(spec, p);
        LIVE.add(child);
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                child.stop(Duration.ofSeconds(5));
                throw new ChildProcessException(spec.name() + " did not end within " + timeout.toSeconds() + " s; see "
                        + spec.log());
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            child.stop(Duration.ofSeconds(1));
            Thread.currentThread().interrupt();
            throw new ChildProcessException("Interrupted while running " + spec.name(), e);
        } finally {
            LIVE.remove(child);
        }
    }

    private void awaitReady(Readiness readiness, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new ChildProcessException(spec.name() + " exited with code " + process.exitValue()
                        + " while starting. The end of its log (" + spec.log() + "):\n" + logTail(30));
            }
            try {
                if (readiness.ready(this)) {
                    return;
                }
            } catch (InterruptedException e) {
                stop(Duration.ofSeconds(1));
                Thread.currentThread().interrupt();
                throw new ChildProcessException("Interrupted while starting " + spec.name(), e);
            } catch (Exception e) {
                last = e;
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                stop(Duration.ofSeconds(1));
                Thread.currentThread().interrupt();
                throw new ChildProcessException("Interrupted while starting " + spec.name(), e);
            }
        }
        stop(Duration.ofSeconds(5));
        throw new ChildProcessException(spec.name() + " was not ready within " + timeout.toSeconds() + " s"
                + (last == null ? "" : " (last check: " + last + ")") + ". The end of its log (" + spec.log() + "):\n"
                + logTail(30));
    }

    /**
     * Leaves this process alone when this JVM shuts down: for children that outlive their parent on purpose (jobs,
     * when the server is set to leave them running). Whoever started it stops it, if anyone does.
     */
    public ChildProcess detached() {
        LIVE.remove(this);
        return this;
    }

    public String name() {
        return spec.name();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The underlying process, for its streams and exit value. */
    public Process process() {
        return process;
    }

    /** Completes with the exit code when the process has exited. */
    public CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    public Path log() {
        return spec.log();
    }

    /** Whether the log holds a line starting with {@code prefix}: a readiness probe for children that announce it. */
    public boolean logHasLine(String prefix) throws IOException {
        try (var lines = Files.lines(spec.log())) {
            return lines.anyMatch(l -> l.startsWith(prefix));
        }
    }

    /** The last lines of the log, for messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(spec.log());
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Stops the process: SIGTERM, then SIGKILL if it has not exited after {@code grace}. Returns its exit code, or -1
     * if it could not be waited for.
     */
    public int stop(Duration grace) {
        stopRequested = true;
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("{} did not stop within {} s of SIGTERM; killing it", spec.name(), grace.toSeconds());
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        LIVE.remove(this);
        return process.isAlive() ? -1 : process.exitValue();
    }

    /**
     * Whether {@link #stop} was called: its exit was asked for, by its owner or by this JVM's shutdown (which stops
     * every live child), and is no crash.
     */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** Stops it within 10 s. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    /** The path of this JVM's java executable, for children that are JVMs too. */
    public static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A command line: the program then its arguments, without nulls. */
    public static List<String> command(String program, List<String> args) {
        List<String> out = new ArrayList<>();
        out.add(program);
        out.addAll(args);
        return out;
    }
}
