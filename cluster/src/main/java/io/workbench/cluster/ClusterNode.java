package io.workbench.cluster;

import io.workbench.process.ChildProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One process of a {@link LocalCluster}: the Spark master, a Spark worker or a Kafka node. It can be killed as a crash
 * would kill it and started again on the same ports and data, which is what failure tests need.
 *
 * <p>Thread-safe: {@link #kill}, {@link #restart} and {@link #stop} are serialized per node and block.
 */
public final class ClusterNode {
    /** What a node is; {@link #label()} starts its name ({@code spark-worker-2}, {@code kafka-1}). */
    public enum Role {
        SPARK_MASTER("spark-master"), SPARK_WORKER("spark-worker"), KAFKA("kafka");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** How a node is started again; the same every time. */
    record Launch(ChildProcess.Spec spec, ChildProcess.Readiness readiness, Duration timeout, boolean detached) {
    }

    private final Role role;
    private final int id;
    private final int port;
    private final Path dir;
    private final Launch launch;
    private final Runnable onStart;
    private volatile ChildProcess process;

    ClusterNode(Role role, int id, int port, Path dir, Launch launch, Runnable onStart) {
        this.role = role;
        this.id = id;
        this.port = port;
        this.dir = dir;
        this.launch = launch;
        this.onStart = onStart;
    }

    /** The node's name: the role's label, and for workers and Kafka nodes its number ({@code kafka-3}). */
    public String name() {
        return name(role, id);
    }

    static String name(Role role, int id) {
        return role == Role.SPARK_MASTER ? role.label() : role.label() + "-" + id;
    }

    public Role role() {
        return role;
    }

    /** 1 for the master; for workers and Kafka nodes their number from 1, which is a Kafka node's {@code node.id}. */
    public int id() {
        return id;
    }

    /** The port it serves on: the master's and workers' RPC port, a Kafka node's client port. */
    public int port() {
        return port;
    }

    /** Its directory: data, {@code console.log} (stdout and stderr), {@code pid}. */
    public Path dir() {
        return dir;
    }

    /** Its stdout and stderr; for the Spark daemons their whole log (a Kafka node's is {@code logs/broker.log}). */
    public Path log() {
        return launch.spec().log();
    }

    /** The pid of its current process, or -1 before the first start. */
    public long pid() {
        ChildProcess p = process;
        return p == null ? -1 : p.pid();
    }

    public boolean alive() {
        ChildProcess p = process;
        return p != null && p.isAlive();
    }

    /** The process and all processes it started (a worker's executors), for checks that nothing is left over. */
    public java.util.stream.Stream<ProcessHandle> processTree() {
        ChildProcess p = process;
        if (p == null) {
            return java.util.stream.Stream.empty();
        }
        ProcessHandle h = p.process().toHandle();
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(h), h.descendants());
    }

    /** Kills the process with SIGKILL, as a crash would, and returns once it is gone (at most 10 s). */
    public synchronized void kill() {
        ChildProcess p = process;
        if (p != null && p.isAlive()) {
            try {
                p.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Starts the node again on the same ports and data (stopping it first if it runs) and returns once it is ready:
     * the master answers, a worker is registered, a Kafka node serves requests.
     *
     * @throws io.workbench.process.ChildProcessException when it does not start within the cluster's start timeout
     */
    public void restart() {
        synchronized (this) {
            stop(Duration.ofSeconds(20));
            startNow();
        }
        onStart.run();
    }

    /** Stops it gracefully (SIGTERM), with SIGKILL after {@code grace}; nothing happens if it is not running. */
    public synchronized void stop(Duration grace) {
        ChildProcess p = process;
        if (p != null) {
            p.stop(grace);
        }
    }

    /** The first start; {@link LocalCluster} records the pids itself once every node is up. */
    synchronized void start() {
        startNow();
    }

    private void startNow() {
        ChildProcess p = ChildProcess.start(launch.spec(), launch.readiness(), launch.timeout());
        process = launch.detached() ? p.detached() : p;
    }

    @Override
    public String toString() {
        return name() + " (pid " + pid() + (alive() ? ", alive)" : ", not running)");
    }
}
