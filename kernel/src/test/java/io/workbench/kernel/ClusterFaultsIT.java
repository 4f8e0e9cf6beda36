package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.cluster.ClusterNode;
import io.workbench.cluster.LocalCluster;
import io.workbench.events.EventLog;
import io.workbench.testkit.SharedCluster;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Faults while a streaming query runs on the project's cluster ({@link SharedCluster}): the built-in producer writes
 * to a topic replicated on the three Kafka nodes, a notebook's query counts it on the two Spark workers, and
 * meanwhile one worker and then one Kafka node are killed with kill -9 and restarted. The producer and the query go
 * on by themselves, every acknowledged event is in the topic, and the query's counts equal the plain consumer's.
 */
class ClusterFaultsIT {
    private static final int EVENTS = 60_000;

    @Test
    void aQuerySurvivesAKilledWorkerAndAKilledBrokerWithTheRightCounts() throws Exception {
        LocalCluster cluster = SharedCluster.cluster();
        String topic = "cluster-faults-" + UUID.randomUUID().toString().substring(0, 8);
        try (StreamingKernel kernel = new StreamingKernel(Map.of("WORKBENCH_SPARK_MASTER", cluster.masterUrl(),
                "KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers()))) {
            kernel.cell("producer", "var p = events.start(ProducerSettings.defaults().topic(\"" + topic
                    + "\").partitions(4).rate(600).seed(11).maxEvents(" + EVENTS + "));");
            kernel.cell("query", "display(kafka.events(\"" + topic + "\").groupBy(\"event_type\").count(), \"fault_counts\");");
            kernel.await("a first batch with rows", () -> kernel.query("fault_counts"),
                    q -> q.path("progress").path("batchId").asLong(-1) >= 1);

            ClusterNode worker = cluster.workers().get(0);
            worker.kill();
            long t0 = System.nanoTime();
            Thread.sleep(5_000);
            ClusterNode broker = cluster.brokers().get(1);
            broker.kill();
            Thread.sleep(10_000);
            String during = kernel.cell("during", "p.stats()").resultText();
            assertTrue(during.contains("RUNNING"), "the producer was still writing when the broker died: " + during);
            worker.restart();
            broker.restart();
            cluster.awaitHealthy(Duration.ofMinutes(2));
            System.out.printf("ClusterFaultsIT: worker and broker down for %.1f s; producer meanwhile: %s%n",
                    (System.nanoTime() - t0) / 1e9, during);

            kernel.cell("done", "if (!p.awaitDone(java.time.Duration.ofMinutes(3))) throw new AssertionError(\"producer: \""
                    + " + p.stats());");
            String acked = kernel.cell("acked", "p.stats().acked()").resultText().trim();
            assertEquals(String.valueOf(EVENTS), acked, "every event acknowledged despite the killed broker");

            EventLog log = EventLog.read(cluster.bootstrapServers(), topic, Duration.ofMinutes(2));
            assertEquals(EVENTS, log.events().size(), "every acknowledged event is in the topic, once");
            TreeMap<String, Long> expected = new TreeMap<>();
            log.events().forEach(e -> expected.merge((String) e.get("event_type"), 1L, Long::sum));

            kernel.cell("processed", "streams.awaitProcessed(\"fault_counts\")");
            String live = kernel.cell("live", "var live = new TreeMap<String, Long>();\n"
                    + "for (var row : streams.table(\"fault_counts\").rows()) live.put((String) row.get(0), (Long) row.get(1));\n"
                    + "live.toString()").resultText().trim();
            assertEquals(expected.toString(), live.replace("\"", ""), "the query's counts equal the plain consumer's");
            assertEquals("running", kernel.query("fault_counts").path("status").asText(), "the query goes on");
            assertTrue(cluster.health().healthy(), cluster.health().toString());
        }
    }
}
