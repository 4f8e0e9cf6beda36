package io.workbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.cluster.ClusterNode;
import io.workbench.cluster.LocalCluster;
import io.workbench.testkit.SharedCluster;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * The Kafka panel's topic listing against the project's three-node Kafka cluster ({@link SharedCluster}): a topic
 * gets the cluster's replication factor, a kill -9 of one node shows its partitions as under-replicated, and once
 * the node is restarted they are in sync again, without a user action.
 */
class KafkaClusterBrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 3;

    @Test
    void underReplicatedPartitionsShowWhileANodeIsDownAndClearWhenItIsBack() throws Exception {
        LocalCluster cluster = SharedCluster.cluster();
        String topic = "cluster-browser-it-" + UUID.randomUUID().toString().substring(0, 8);
        cluster.admin().createTopics(List.of(new NewTopic(topic, Optional.of(PARTITIONS), Optional.empty()))).all()
                .get(30, TimeUnit.SECONDS);
        try (TestServers server = TestServers.echo(cluster.bootstrapServers())) {
            JsonNode healthy = await(server, topic, t -> t.path("partitions").size() == PARTITIONS
                    && t.path("under_replicated_partitions").asInt(-1) == 0);
            assertEquals(3, healthy.path("replication_factor").asInt(), healthy.toString());

            ClusterNode victim = cluster.brokers().get(2);
            victim.kill();
            try {
                JsonNode degraded = await(server, topic, t -> t.path("under_replicated_partitions").asInt() == PARTITIONS);
                for (JsonNode p : degraded.path("partitions")) {
                    assertEquals(3, p.path("replicas").asInt(), p.toString());
                    assertEquals(2, p.path("in_sync_replicas").asInt(), "the killed node left the ISR: " + p);
                    assertTrue(p.path("leader").isInt(), "a live node leads: " + p);
                }
            } finally {
                victim.restart();
            }
            await(server, topic, t -> t.path("under_replicated_partitions").asInt(-1) == 0);
        }
    }

    /** Polls the topic listing (for up to 2 minutes) until the topic's entry satisfies {@code done}. */
    private static JsonNode await(TestServers server, String topic, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = server.get("/api/workbench/kafka/topics");
            if (r.statusCode() == 200) {
                for (JsonNode t : JSON.readTree(r.body()).path("topics")) {
                    if (t.path("name").asText().equals(topic)) {
                        last = t;
                    }
                }
                if (last != null && done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the listing of " + topic + " never got there; last: " + last);
    }
}
