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
 * once its first batch is done, one worker and then one Kafka node are killed with kill -9 and restarted. The producer
 * and the query go on by themselves, every event sent is acknowledged and in the topic, and the query's counts equal
 * the plain consumer's.
 */
class ClusterFaultsIT {
    @Test
    void aQuerySurvivesAKilledWorkerAndAKilledBrokerWithTheRightCounts() throws Exception {
        LocalCluster cluster = SharedCluster.cluster();
        String topic = "cluster-faults-" + UUID.randomUUID().toString().substring(0, 8);
        try (StreamingKernel kernel = new StreamingKernel(Map.of("WORKBENCH_SPARK_MASTER", cluster.masterUrl(),
                "KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers()))) {
            kernel.cell("producer", "var p = events.start(ProducerSettings.defaults().topic(\"" + topic
                    + "\").partitions(4).rate(600).seed(11));"); // until this test closes it
            kernel.cell("query", "display(kafka.events(\"" + topic + "\").groupBy(\"event_type\").count(), \"fault_counts\");");
            // The first batch waits for executors to start from none (dynamic allocation) and to fetch the jars: a
            // minute or more on a loaded 2-core machine.
            long firstBy = System.nanoTime() + TimeUnit.MINUTES.toNanos(6);
            while (kernel.query("fault_counts").path("progress").path("batchId").asLong(-1) < 0) {
                assertTrue(System.nanoTime() < firstBy, "no first batch within 6 minutes: " + kernel.query("fault_counts")
                        + "\n" + kernel.kernel().logTail(40));
                Thread.sleep(1_000);
            }

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

            Thread.sleep(10_000); // the producer and the query go on with every node back
            kernel.cell("stop-producer", "p.close();");
            String stats = kernel.cell("stats", "p.stats().sent() + \" \" + p.stats().acked() + \" \" + p.stats().failed()")
                    .resultText().replace("\"", "").trim();
            String[] sentAckedFailed = stats.split(" ");
            assertEquals(sentAckedFailed[0], sentAckedFailed[1], "every event sent was acknowledged: " + stats);
            assertEquals("0", sentAckedFailed[2], "no send failed despite the killed broker: " + stats);
            long acked = Long.parseLong(sentAckedFailed[1]);

            EventLog log = EventLog.read(cluster.bootstrapServers(), topic, Duration.ofMinutes(2));
            assertEquals(acked, log.events().size(), "every acknowledged event is in the topic, once");
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
