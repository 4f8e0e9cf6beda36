package io.workbench.cluster;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.cluster.spark.MasterStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * A real local cluster on free ports under target/: a Spark application on both workers, acks=all writes across a
 * kill -9 of the Kafka quorum's leader, a killed worker seen dead and back, and nothing left running after close.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LocalClusterIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static LocalCluster cluster;

    @BeforeAll
    static void start() throws IOException {
        Path dir = Path.of("target", "local-cluster-it");
        deleteTree(dir);
        long t0 = System.nanoTime();
        cluster = LocalCluster.start(dir, ClusterConfig.defaults().withFreePorts());
        System.out.printf("LocalClusterIT: cluster started in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, cluster);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void sparkApplicationRunsOnBothWorkers() throws Exception {
        assertTrue(cluster.masterUrl().startsWith("spark://127.0.0.1:"), cluster.masterUrl());
        SparkSession spark = SparkSession.builder().appName("LocalClusterIT").master(cluster.masterUrl())
                .config("spark.cores.max", "2").config("spark.executor.memory", "512m")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        try {
            // The driver counts itself among the executors.
            await("two executors registered", () -> spark.sparkContext().statusTracker().getExecutorInfos().length == 3);
            Set<String> executors = ConcurrentHashMap.newKeySet();
            CountDownLatch jobEnded = new CountDownLatch(1);
            spark.sparkContext().addSparkListener(new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
                    executors.add(taskEnd.taskInfo().executorId());
                }

                @Override
                public void onJobEnd(SparkListenerJobEnd jobEnd) {
                    jobEnded.countDown();
                }
            });

            long total = spark.range(0, 1_000_000, 1, 4).filter(col("id").mod(7).equalTo(3)).agg(sum("id")).first()
                    .getLong(0);

            assertEquals(LongStream.range(0, 1_000_000).filter(i -> i % 7 == 3).sum(), total);
            assertTrue(jobEnded.await(30, TimeUnit.SECONDS), "the listener saw the job end");
            assertEquals(2, executors.size(), "tasks ran on two executors: " + executors);
        } finally {
            spark.stop();
        }
    }

    @Test
    @Order(2)
    void acknowledgedWritesSurviveAKillOfTheQuorumLeader() throws Exception {
        Admin admin = cluster.admin();
        String topic = "local-cluster-it";
        admin.createTopics(List.of(new NewTopic(topic, 3, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
                .all().get(30, TimeUnit.SECONDS);
        int leader = admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS).leaderId();
        ClusterNode victim = cluster.brokers().get(leader - 1);
        Set<String> acknowledged = new HashSet<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            acknowledged.addAll(produce(producer, "before", 2_000));
            victim.kill();
            assertFalse(victim.alive());
            long t0 = System.nanoTime();
            acknowledged.addAll(produce(producer, "after", 2_000));
            System.out.printf("LocalClusterIT: 2000 acks=all writes after kill -9 of %s took %.1f s%n", victim.name(),
                    (System.nanoTime() - t0) / 1e9);
        }
        assertEquals(4_000, acknowledged.size(), "every write was acknowledged with two of three nodes up");

        long t0 = System.nanoTime();
        victim.restart();
        await("the restarted node back in the cluster and every replica in sync", () -> {
            try {
                return cluster.health().brokers().size() == 3 && inSync(admin, topic);
            } catch (Exception e) {
                return false;
            }
        });
        System.out.printf("LocalClusterIT: %s rejoined and caught up in %.1f s%n", victim.name(),
                (System.nanoTime() - t0) / 1e9);

        List<String> consumed = consumeAll(topic);
        assertEquals(acknowledged.size(), consumed.size(), "no record lost, none duplicated");
        assertEquals(acknowledged, new HashSet<>(consumed));
    }

    @Test
    @Order(3)
    void masterSeesAKilledWorkerDeadAndThenAliveAgain() throws Exception {
        ClusterNode worker = cluster.workers().get(0);
        worker.kill();
        await("the master reports the killed worker dead", () -> workerState(worker).equals("DEAD"));
        worker.restart();
        assertEquals("ALIVE", workerState(worker));
        cluster.awaitHealthy(WAIT);
    }

    @Test
    @Order(4)
    void closeLeavesNoProcess() {
        List<ProcessHandle> processes = cluster.nodes().stream().flatMap(ClusterNode::processTree).toList();
        assertEquals(6, processes.size(), "six processes and no stray executors: " + processes);
        cluster.close();
        assertTrue(processes.stream().noneMatch(ProcessHandle::isAlive), "left running: " + processes);
        assertTrue(cluster.nodes().stream().noneMatch(ClusterNode::alive));
        assertFalse(Files.exists(cluster.dir().resolve(ClusterState.FILE)));
    }

    private static String workerState(ClusterNode worker) {
        try {
            return MasterStatus.fetch(cluster.masterUiUrl()).worker(worker.port()).map(MasterStatus.Worker::state)
                    .orElse("absent");
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static Map<String, Object> producerConfig() {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return c;
    }

    /** Sends {@code n} records and returns the values that were acknowledged. */
    private static List<String> produce(KafkaProducer<String, String> producer, String prefix, int n) throws Exception {
        Map<String, Future<RecordMetadata>> sent = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String value = prefix + "-" + i;
            sent.put(value, producer.send(new ProducerRecord<>("local-cluster-it", String.valueOf(i), value)));
        }
        producer.flush();
        List<String> acked = new ArrayList<>();
        for (Map.Entry<String, Future<RecordMetadata>> e : sent.entrySet()) {
            try {
                e.getValue().get(2, TimeUnit.MINUTES);
                acked.add(e.getKey());
            } catch (java.util.concurrent.ExecutionException failed) {
                System.out.println("LocalClusterIT: not acknowledged: " + e.getKey() + ": " + failed.getCause());
            }
        }
        return acked;
    }

    private static boolean inSync(Admin admin, String topic) throws Exception {
        TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic);
        return d.partitions().stream().allMatch(p -> p.isr().size() == 3);
    }

    private static List<String> consumeAll(String topic) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertTrue(System.nanoTime() < deadline, "read to the end offsets " + end);
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "waited " + WAIT.toSeconds() + " s for " + what);
            Thread.sleep(200);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
