package io.workbench.cluster;

import io.workbench.cluster.ClusterNode.Role;
import io.workbench.cluster.daemon.SparkDaemonMain;
import io.workbench.cluster.kafka.KafkaNodes;
import io.workbench.cluster.kafka.QuorumStatus;
import io.workbench.cluster.spark.SparkDaemons;
import io.workbench.cluster.spark.SparkHome;
import io.workbench.broker.BrokerMain;
import io.workbench.process.ChildProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.admin.Admin;

/**
 * A local cluster as plain processes on 127.0.0.1: a Spark standalone master with {@value ClusterConfig#WORKERS}
 * workers, and {@value ClusterConfig#KAFKA_NODES} Kafka KRaft nodes (each broker and controller). Everything lives
 * in one directory, one folder per process ({@code spark-master}, {@code spark-worker-1}, {@code kafka-1}, ...), plus
 * {@code spark-home} and {@code cluster.json}.
 *
 * <p>{@link #start} ties the processes to this JVM: they exit when it does (tests). {@link #startDetached} leaves them
 * running after this JVM exits ({@code ./workbench cluster start}); {@link ClusterState} then finds them again.
 * Either way {@link #close} stops them all.
 *
 * <p>Thread-safe. Starting, {@link #awaitHealthy} and {@link #close} block.
 */
public final class LocalCluster implements AutoCloseable {
    private final Path dir;
    private final ClusterConfig config;
    private final ClusterConfig.Ports ports;
    private final boolean detached;
    private final String bootstrapServers;
    private final Instant startedAt = Instant.now();
    private final List<ClusterNode> workers = new ArrayList<>();
    private final List<ClusterNode> brokers = new ArrayList<>();
    private ClusterNode master;
    private Admin admin;
    private boolean closed;

    private LocalCluster(Path dir, ClusterConfig config, ClusterConfig.Ports ports, boolean detached,
                         String bootstrapServers) {
        this.dir = dir;
        this.config = config;
        this.ports = ports;
        this.detached = detached;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts the cluster in {@code dir} (created if needed; Kafka's data there survives restarts) and returns once it
     * is healthy ({@link #awaitHealthy}). Its processes exit when this JVM does.
     *
     * @throws ClusterException when a port is taken, a process does not start, or the cluster is not healthy within
     *                          {@link ClusterConfig#startTimeoutSeconds()}; whatever started is stopped again
     */
    public static LocalCluster start(Path dir, ClusterConfig config) {
        return start(dir, config, false);
    }

    /** As {@link #start}, but the processes keep running when this JVM exits; {@code cluster.json} records them. */
    public static LocalCluster startDetached(Path dir, ClusterConfig config) {
        return start(dir, config, true);
    }

    private static LocalCluster start(Path dir, ClusterConfig config, boolean detached) {
        ClusterConfig.Ports ports = config.resolvePorts();
        requireFree(ports);
        Path home = dir.toAbsolutePath().normalize();
        LocalCluster cluster;
        try {
            Files.createDirectories(home);
            KafkaNodes kafka = new KafkaNodes(home, ports.kafka(), ports.kafkaControllers(), config.kafkaHeap());
            cluster = new LocalCluster(home, config, ports, detached, kafka.bootstrapServers());
            cluster.define(new SparkDaemons(SparkHome.prepare(home.resolve("spark-home")), config.daemonHeap()), kafka);
        } catch (IOException e) {
            throw new ClusterException("Cannot prepare the local cluster in " + home + ": " + e.getMessage(), e);
        }
        try {
            cluster.startAll();
            cluster.awaitHealthy(Duration.ofSeconds(config.startTimeoutSeconds()));
            cluster.writeState();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** {@code spark://127.0.0.1:PORT}. */
    public String masterUrl() {
        return "spark://127.0.0.1:" + ports.master();
    }

    /** {@code http://127.0.0.1:PORT}: the master's web UI, whose {@code /json/} lists the workers. */
    public String masterUiUrl() {
        return "http://127.0.0.1:" + ports.masterUi();
    }

    /** The Kafka nodes' client addresses, comma-separated. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dir() {
        return dir;
    }

    public ClusterNode master() {
        return master;
    }

    /** The Spark workers, {@code spark-worker-1} first. */
    public List<ClusterNode> workers() {
        return List.copyOf(workers);
    }

    /** The Kafka nodes; {@code brokers().get(i)} has {@code node.id} {@code i + 1}. */
    public List<ClusterNode> brokers() {
        return List.copyOf(brokers);
    }

    /** Every process: master, workers, Kafka nodes. */
    public List<ClusterNode> nodes() {
        List<ClusterNode> all = new ArrayList<>();
        all.add(master);
        all.addAll(workers);
        all.addAll(brokers);
        return all;
    }

    /** An admin client of the cluster's Kafka, closed with the cluster. */
    public synchronized Admin admin() {
        if (admin == null) {
            admin = QuorumStatus.admin(bootstrapServers);
        }
        return admin;
    }

    /** Asks the master and Kafka now; blocks for at most about 10 s. */
    public ClusterHealth health() {
        try {
            return ClusterHealth.check(masterUiUrl(), admin());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("Interrupted while checking the local cluster", e);
        }
    }

    /**
     * Waits until every worker is ALIVE on the master's {@code /json/} and every Kafka node is in
     * {@code describeCluster}, checking every 250 ms.
     *
     * @throws ClusterException when that does not happen within {@code timeout}, with what was seen last
     */
    public void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ClusterHealth last = health();
        while (!last.healthy()) {
            if (System.nanoTime() > deadline) {
                throw new ClusterException("The local cluster was not healthy within " + timeout.toSeconds() + " s: "
                        + last + ". The processes' logs are in " + dir + "/<process>/console.log.");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterException("Interrupted while waiting for the local cluster", e);
            }
            last = health();
        }
    }

    /** What {@code cluster.json} says now: addresses and the current pid of every process. */
    public ClusterState state() {
        List<ClusterState.Member> members = nodes().stream().map(n -> new ClusterState.Member(n.name(),
                n.role().label(), n.pid(), n.port(), n.dir().toString(), n.log().toString())).toList();
        return new ClusterState(masterUrl(), masterUiUrl(), bootstrapServers, startedAt.toString(), members);
    }

    /**
     * Stops everything (workers with their executors, the master, then the Kafka nodes, each gracefully with a grace
     * period, then killed) and removes {@code cluster.json}; the data stays. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (admin != null) {
                admin.close(Duration.ofSeconds(2));
            }
        }
        List<ProcessHandle> executors = workers.stream().flatMap(ClusterNode::processTree).toList();
        stopAll(workers, Duration.ofSeconds(15));
        executors.forEach(ProcessHandle::destroyForcibly);
        stopAll(master == null ? List.of() : List.of(master), Duration.ofSeconds(15));
        stopAll(brokers, Duration.ofSeconds(30));
        state().delete(dir);
    }

    private void define(SparkDaemons spark, KafkaNodes kafka) throws IOException {
        Duration timeout = Duration.ofSeconds(config.startTimeoutSeconds());
        Path masterDir = dir.resolve(ClusterNode.name(Role.SPARK_MASTER, 1));
        master = node(Role.SPARK_MASTER, 1, ports.master(), spark.master(ClusterNode.name(Role.SPARK_MASTER, 1),
                masterDir, ports.master(), ports.masterUi(), sparkFlags(masterDir)),
                SparkDaemons.masterReady(masterUiUrl()), timeout);
        for (int i = 1; i <= ClusterConfig.WORKERS; i++) {
            String name = ClusterNode.name(Role.SPARK_WORKER, i);
            Path d = dir.resolve(name);
            int port = ports.workers().get(i - 1);
            workers.add(node(Role.SPARK_WORKER, i, port, spark.worker(name, d, masterUrl(), port,
                    ports.workerUis().get(i - 1), config.workerCores(), config.workerMemory(), sparkFlags(d)),
                    SparkDaemons.workerReady(masterUiUrl(), port), timeout));
        }
        for (int i = 1; i <= ClusterConfig.KAFKA_NODES; i++) {
            String name = ClusterNode.name(Role.KAFKA, i);
            Path d = dir.resolve(name);
            List<String> flags = new ArrayList<>(List.of(marker(d)));
            if (detached) {
                flags.add("-D" + BrokerMain.DETACHED_PROPERTY + "=true");
            }
            brokers.add(node(Role.KAFKA, i, ports.kafka().get(i - 1), kafka.node(name, i, d, flags), KafkaNodes.ready(),
                    timeout));
        }
    }

    private ClusterNode node(Role role, int id, int port, ChildProcess.Spec spec, ChildProcess.Readiness readiness,
                             Duration timeout) {
        Path nodeDir = spec.log().getParent();
        List<String> command = spec.command();
        if (detached && Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            // Its own session: a terminal's hangup or Ctrl-C after ./workbench cluster start does not reach it.
            command = ChildProcess.command("/usr/bin/setsid", command);
        }
        ChildProcess.Spec launched = new ChildProcess.Spec(spec.name(), command, spec.env(), spec.workDir(), spec.log());
        return new ClusterNode(role, id, port, nodeDir, new ClusterNode.Launch(launched, readiness, timeout, detached),
                this::writeState);
    }

    private List<String> sparkFlags(Path nodeDir) {
        return detached ? List.of(marker(nodeDir), "-D" + SparkDaemonMain.DETACHED_PROPERTY + "=true")
                : List.of(marker(nodeDir));
    }

    private static String marker(Path nodeDir) {
        return "-D" + ClusterState.NODE_PROPERTY + "=" + nodeDir;
    }

    /** The Kafka nodes and the master together, and the workers as soon as the master is up: they register with it. */
    private void startAll() {
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        brokers.forEach(n -> starts.add(CompletableFuture.runAsync(n::start, LocalCluster::daemonThread)));
        CompletableFuture<Void> master = CompletableFuture.runAsync(this.master::start, LocalCluster::daemonThread);
        starts.add(master);
        workers.forEach(n -> starts.add(master.thenRunAsync(n::start, LocalCluster::daemonThread)));
        List<String> failures = new ArrayList<>();
        for (CompletableFuture<Void> f : starts) {
            try {
                f.join();
            } catch (CompletionException e) {
                if (!failures.contains(e.getCause().getMessage())) {
                    failures.add(e.getCause().getMessage()); // a failed master fails its workers with its own cause
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new ClusterException("The local cluster did not start:\n" + String.join("\n", failures));
        }
    }

    private static void daemonThread(Runnable task) {
        Thread t = new Thread(task, "local-cluster");
        t.setDaemon(true);
        t.start();
    }

    private synchronized void writeState() {
        if (!closed) {
            state().write(dir);
        }
    }

    private static void stopAll(List<ClusterNode> nodes, Duration grace) {
        CompletableFuture.allOf(nodes.stream().map(n -> CompletableFuture.runAsync(() -> n.stop(grace),
                LocalCluster::daemonThread)).toArray(CompletableFuture[]::new)).join();
    }

    private static void requireFree(ClusterConfig.Ports ports) {
        requireFree(ports.master(), "the Spark master", ClusterConfig.MASTER_PORT);
        requireFree(ports.masterUi(), "the Spark master's web UI", ClusterConfig.MASTER_UI_PORT);
        for (int i = 0; i < ClusterConfig.WORKERS; i++) {
            requireFree(ports.workers().get(i), "Spark worker " + (i + 1), ClusterConfig.WORKER_PORT);
            requireFree(ports.workerUis().get(i), "Spark worker " + (i + 1) + "'s web UI", ClusterConfig.WORKER_UI_PORT);
        }
        for (int i = 0; i < ClusterConfig.KAFKA_NODES; i++) {
            requireFree(ports.kafka().get(i), "Kafka node " + (i + 1), ClusterConfig.KAFKA_PORT);
            requireFree(ports.kafkaControllers().get(i), "Kafka node " + (i + 1) + "'s controller",
                    ClusterConfig.KAFKA_CONTROLLER_PORT);
        }
    }

    private static void requireFree(int port, String what, io.workbench.config.ConfigKey<Integer> key) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            s.setReuseAddress(true);
        } catch (IOException e) {
            throw new ClusterException("Port " + port + " is already in use, so " + what + " of the local cluster cannot"
                    + " take it. Is the cluster running already (./workbench cluster status)? Otherwise stop what holds"
                    + " it (ss -ltnp 'sport = :" + port + "') or choose other ports with " + key.envName() + ".");
        }
    }

    @Override
    public String toString() {
        return "LocalCluster[" + masterUrl() + ", " + bootstrapServers + ", " + dir + "]";
    }
}
