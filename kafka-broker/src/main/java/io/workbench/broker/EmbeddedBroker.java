package io.workbench.broker;

import io.workbench.config.MetricsKeys;
import io.workbench.process.ChildProcess;
import io.workbench.process.ChildProcessException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the embedded Kafka broker in its own JVM and stops it. {@link #start} returns once the broker has
 * answered a real admin request, or throws a {@link BrokerException} that says why it could not start (a port
 * in use, a locked data directory, a missing build). The data directory survives restarts.
 *
 * <p>The broker JVM exits by itself when the JVM that started it dies.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final String CLASSPATH_RESOURCE = "broker.classpath";

    private final ChildProcess process;
    private final String bootstrapServers;
    private final int controllerPort;
    private final Path logFile;

    private EmbeddedBroker(ChildProcess process, String bootstrapServers, int controllerPort, Path logFile) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.controllerPort = controllerPort;
        this.logFile = logFile;
    }

    public static EmbeddedBroker start(BrokerConfig config) {
        BrokerConfig pinned = config.withFreePorts();
        int port = pinned.port();
        int controllerPort = pinned.controllerPort();
        requireFree(port, "client port", BrokerConfig.PORT.envName());
        requireFree(controllerPort, "controller port", BrokerConfig.CONTROLLER_PORT.envName());
        String bootstrap = "127.0.0.1:" + port;
        Path dataDir;
        Path properties;
        String classpath;
        try {
            dataDir = Files.createDirectories(config.dataDir());
            properties = writeProperties(config, dataDir, port, controllerPort);
            classpath = classpath();
        } catch (IOException e) {
            throw new BrokerException("Cannot start the embedded Kafka broker: " + e.getMessage(), e);
        }
        List<String> flags = config.metricsDir() == null ? List.of() : List.of(
                "-D" + BrokerMetrics.PORT_FILE_PROPERTY + "=" + config.metricsDir().resolve(MetricsKeys.BROKER_PORT_FILE),
                "-D" + BrokerMetrics.TOKEN_FILE_PROPERTY + "=" + config.metricsDir().resolve(MetricsKeys.TOKEN_FILE),
                "-D" + BrokerMetrics.BIND_HOST_PROPERTY + "=" + config.metricsBindHost());
        List<String> command = command(config.heap(), dataDir, classpath, properties, bootstrap, flags);
        Path console = dataDir.resolve("logs/broker-console.log");
        try {
            ChildProcess process = ChildProcess.start(new ChildProcess.Spec("The embedded Kafka broker", command, Map.of(),
                    null, console), child -> child.logHasLine(BrokerMain.READY),
                    Duration.ofSeconds(config.startTimeoutSeconds()));
            return new EmbeddedBroker(process, bootstrap, controllerPort, dataDir.resolve("logs/broker.log"));
        } catch (ChildProcessException e) {
            throw new BrokerException(e.getMessage() + "\nSee " + dataDir.resolve("logs/broker.log")
                    + " for the full log; on a slow machine raise " + BrokerConfig.START_TIMEOUT.envName() + ".", e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** The broker's JVM as a child process, for a supervisor. */
    public ChildProcess process() {
        return process;
    }

    /** Stops the broker cleanly (SIGTERM lets Kafka flush and close its logs), forcibly after 20 s. */
    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }

    private static Path writeProperties(BrokerConfig config, Path dataDir, int port, int controllerPort)
            throws IOException {
        String props = String.join("\n",
                "# Written by the workbench at every start of the embedded broker; edits are overwritten.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dataDir.resolve("kraft-logs"),
                "num.partitions=" + config.defaultPartitions(),
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=168",
                "log.segment.bytes=268435456",
                "");
        Path file = dataDir.resolve("server.properties");
        Files.writeString(file, props);
        return file;
    }

    private static void requireFree(int port, String what, String env) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            s.setReuseAddress(true);
        } catch (IOException e) {
            throw new BrokerException("Port " + port + " is already in use, so the embedded Kafka broker cannot take"
                    + " it as its " + what + ". Stop what holds it (ss -ltnp 'sport = :" + port + "'), choose"
                    + " another port with " + env + ", or set KAFKA_BOOTSTRAP_SERVERS to use an existing cluster.");
        }
    }

    /**
     * The command line of a broker JVM running {@link BrokerMain}: its log in {@code dataDir/logs}, the given heap, and
     * {@code jvmFlags} (system properties such as {@link BrokerMain#CLUSTER_ID_PROPERTY}) before the main class.
     *
     * @param classpath what {@link #classpath()} returns
     */
    public static List<String> command(String heap, Path dataDir, String classpath, Path properties, String bootstrap,
                                       List<String> jvmFlags) {
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaBin(), "-Xmx" + heap, "-Xms128m",
                "-XX:+UseG1GC", "-Djava.awt.headless=true", "-Djava.net.preferIPv4Stack=true",
                "-Dlog4j2.configurationFile=io/workbench/broker/log4j2.properties",
                "-Dworkbench.broker.log.dir=" + dataDir.resolve("logs")));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", classpath, BrokerMain.class.getName(), properties.toString(), bootstrap));
        return command;
    }

    /**
     * This module's own classes, workbench-process's (for the metrics endpoint) and the broker dependencies that the
     * build wrote down (Kafka 4 with its tools, Micrometer):
     * for JVMs that must run Kafka's own code, never for one that also loads Spark.
     */
    public static String classpath() throws IOException {
        String deps;
        try (InputStream in = EmbeddedBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new BrokerException("The broker classpath is missing from the build; run ./workbench build.");
            }
            deps = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        try {
            Path self = Path.of(EmbeddedBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // The metrics endpoint (BrokerMetrics) is workbench-process's, which this JVM has and the list leaves out.
            Path process = Path.of(io.workbench.process.MetricsEndpoint.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            return self + java.io.File.pathSeparator + process + java.io.File.pathSeparator + deps;
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

}
