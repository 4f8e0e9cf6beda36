package io.workbench.cluster.kafka;

import io.workbench.broker.BrokerMain;
import io.workbench.broker.EmbeddedBroker;
import io.workbench.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;

/**
 * The Kafka nodes of the local cluster: each a KRaft broker and controller in one JVM ({@link BrokerMain}), the
 * controller quorum fixed in {@code controller.quorum.voters}, every node's storage formatted with the cluster's one
 * id. Topics default to replication factor 3 with {@code min.insync.replicas=2}, so acks=all writes go on while one
 * node is down; the internal topics are replicated the same way.
 *
 * <p>Node {@code i} (from 1) has {@code node.id=i}, its data in {@code dir/kafka-i/kraft-logs} and Kafka's log in
 * {@code dir/kafka-i/logs/broker.log}.
 */
public final class KafkaNodes {
    private final List<Integer> ports;
    private final List<Integer> controllerPorts;
    private final String heap;
    private final String clusterId;
    private final String classpath;

    /**
     * @param dir             the cluster's directory; the cluster id is kept in {@code dir/kafka-cluster-id}
     * @param ports           client ports of nodes 1, 2, 3
     * @param controllerPorts controller ports of nodes 1, 2, 3
     * @throws IOException when the directory cannot be written or the broker's build is missing
     */
    public KafkaNodes(Path dir, List<Integer> ports, List<Integer> controllerPorts, String heap) throws IOException {
        this.ports = List.copyOf(ports);
        this.controllerPorts = List.copyOf(controllerPorts);
        this.heap = heap;
        this.clusterId = clusterId(dir.resolve("kafka-cluster-id"));
        this.classpath = EmbeddedBroker.classpath();
    }

    /** {@code 127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3}. */
    public String bootstrapServers() {
        return ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    /** The id every node's storage is formatted with; kept across restarts of the cluster. */
    public String clusterId() {
        return clusterId;
    }

    /**
     * Writes node {@code id}'s server.properties (afresh at every start) and returns how to start it.
     *
     * @param nodeDir  the node's directory
     * @param jvmFlags flags before the main class (system properties)
     */
    public ChildProcess.Spec node(String name, int id, Path nodeDir, List<String> jvmFlags) throws IOException {
        Files.createDirectories(nodeDir);
        int port = ports.get(id - 1);
        Path properties = nodeDir.resolve("server.properties");
        Files.writeString(properties, properties(id, port, controllerPorts.get(id - 1), nodeDir));
        List<String> flags = new ArrayList<>(jvmFlags);
        flags.add("-D" + BrokerMain.CLUSTER_ID_PROPERTY + "=" + clusterId);
        List<String> command = EmbeddedBroker.command(heap, nodeDir, classpath, properties, "127.0.0.1:" + port, flags);
        return new ChildProcess.Spec(name, command, Map.of(), nodeDir, nodeDir.resolve("console.log"));
    }

    /** Ready once the node has answered a real admin request (it prints {@link BrokerMain#READY}). */
    public static ChildProcess.Readiness ready() {
        return child -> child.logHasLine(BrokerMain.READY);
    }

    private String properties(int id, int port, int controllerPort, Path nodeDir) {
        String voters = IntStream.range(0, controllerPorts.size())
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts.get(i)).collect(Collectors.joining(","));
        return String.join("\n",
                "# Written by the workbench at every start of the local cluster; edits are overwritten.",
                "process.roles=broker,controller",
                "node.id=" + id,
                "controller.quorum.voters=" + voters,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + nodeDir.resolve("kraft-logs"),
                "num.partitions=4",
                "default.replication.factor=3",
                "min.insync.replicas=2",
                "unclean.leader.election.enable=false",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=3",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=3",
                "transaction.state.log.min.isr=2",
                "transaction.state.log.num.partitions=6",
                "share.coordinator.state.topic.replication.factor=3",
                "share.coordinator.state.topic.min.isr=2",
                "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=168",
                "log.segment.bytes=268435456",
                "");
    }

    private static String clusterId(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        Files.createDirectories(file.getParent());
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id + "\n");
        return id;
    }
}
