package io.workbench.ext.kafka;

import io.workbench.events.KafkaUnavailableException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.ext.display.RenderOptions;
import io.workbench.ext.display.Table;
import io.workbench.ext.display.TableRenderer;
import io.workbench.testkit.SharedBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The notebook's kafka helpers against a real broker. Every test uses its own topics. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaToolsIT {
    private static String bootstrap;
    private static KafkaTools kafka;

    @BeforeAll
    static void connect() {
        bootstrap = SharedBroker.bootstrapServers();
        kafka = new KafkaTools(bootstrap, () -> null);
    }

    @AfterAll
    static void close() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static String topic(String purpose) {
        return purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createTopicReturnsItsPartitions() {
        String topic = topic("create");
        Table t = kafka.createTopic(topic, 3);

        assertEquals("topic " + topic, t.title());
        assertEquals(List.of(0, 1, 2), t.column("partition"));
        assertEquals(3, t.size());
        for (List<Object> row : t.rows()) {
            assertEquals(1, row.get(t.indexOf("leader")), "the embedded broker is node 1");
            assertEquals("1", row.get(t.indexOf("replicas")));
            assertEquals("1", row.get(t.indexOf("isr")));
            assertEquals(0L, row.get(t.indexOf("start_offset")));
            assertEquals(0L, row.get(t.indexOf("end_offset")));
        }
        assertTrue(kafka.topicNames().contains(topic));
    }

    @Test
    void describeAndTopicsCountRecords() {
        String topic = topic("describe");
        kafka.createTopic(topic, 2);
        RecordMetadata first = kafka.produce(topic, "k", "one");
        assertEquals(topic, first.topic());
        assertEquals(0L, first.offset());
        RecordMetadata second = kafka.produce(topic, "k", "two");
        assertEquals(first.partition(), second.partition(), "the same key goes to the same partition");
        assertEquals(1L, second.offset());
        assertEquals(3, kafka.produceAll(topic, List.of("a", "b", "c")));

        Table described = kafka.describe(topic);
        long total = 0;
        for (List<Object> row : described.rows()) {
            total += (Long) row.get(described.indexOf("end_offset")) - (Long) row.get(described.indexOf("start_offset"));
        }
        assertEquals(5, total);
        int keyed = described.column("partition").indexOf(first.partition());
        assertTrue((Long) described.rows().get(keyed).get(described.indexOf("end_offset")) >= 2);

        Table topics = kafka.topics();
        int row = topics.column("topic").indexOf(topic);
        assertTrue(row >= 0, topics.toString());
        assertEquals(2, topics.rows().get(row).get(topics.indexOf("partitions")));
        assertEquals(1, topics.rows().get(row).get(topics.indexOf("replication")));
        assertEquals(5L, topics.rows().get(row).get(topics.indexOf("records")));

        List<Object> names = topics.column("topic");
        List<Object> sorted = new ArrayList<>(names);
        sorted.sort(null);
        assertEquals(sorted, names, "topics are listed by name");
        assertEquals(kafka.topicNames().stream().sorted().toList(), kafka.topicNames());
    }

    @Test
    void produceAMapOfKeyedRecords() {
        String topic = topic("map");
        kafka.createTopic(topic, 1);
        Map<String, String> records = new LinkedHashMap<>();
        records.put("alice", "1");
        records.put("bob", "2");
        records.put("carol", "3");
        assertEquals(3, kafka.produce(topic, records));

        Table tail = kafka.tail(topic, 10);
        assertEquals(List.of("alice", "bob", "carol"), tail.column("key"));
        assertEquals(List.of("1", "2", "3"), tail.column("value"));
        assertEquals(List.of(0L, 1L, 2L), tail.column("offset"));
    }

    @Test
    void tailReturnsTheLastRecordsOldestFirst() {
        String topic = topic("tail");
        kafka.createTopic(topic, 1);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            values.add("v" + i);
        }
        assertEquals(10, kafka.produceAll(topic, values));

        Table last4 = kafka.tail(topic, 4);
        assertEquals("last 4 records of " + topic, last4.title());
        assertEquals(List.of("v6", "v7", "v8", "v9"), last4.column("value"));
        assertEquals(List.of(6L, 7L, 8L, 9L), last4.column("offset"));
        List<Object> keys = last4.column("key");
        assertTrue(keys.stream().allMatch(k -> k == null), "produceAll writes no keys: " + keys);
        assertInstanceOf(Instant.class, last4.column("timestamp").get(0));

        assertEquals(values, kafka.tail(topic, 50).column("value"), "a limit above the size returns everything");
        assertEquals(List.of(), kafka.tail(topic, 0).rows());
    }

    @Test
    void tailMergesPartitionsByTimestamp() throws Exception {
        String topic = topic("merge");
        kafka.createTopic(topic, 3);
        long t0 = System.currentTimeMillis() - 60_000;
        // Partition by partition, so that offsets alone would give the wrong order; timestamps interleave them.
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
            for (int p = 0; p < 3; p++) {
                for (int i = p; i < 9; i += 3) {
                    producer.send(new ProducerRecord<>(topic, p, t0 + i * 1000L, "k", "r" + i)).get(30, TimeUnit.SECONDS);
                }
            }
        }
        Table tail = kafka.tail(topic, 5);
        assertEquals(List.of("r4", "r5", "r6", "r7", "r8"), tail.column("value"));
        assertEquals(List.of(1, 2, 0, 1, 2), tail.column("partition"));
        assertEquals(Instant.ofEpochMilli(t0 + 4000), tail.column("timestamp").get(0));
        assertEquals(9, kafka.tail(topic, 100).size());
    }

    @Test
    void binaryValuesAreShownAsBytes() {
        String topic = topic("binary");
        kafka.createTopic(topic, 1);
        byte[] invalidUtf8 = {0, (byte) 0xff, 0x10, 0x7f};
        byte[] controlChars = "\u0001\u0002".getBytes(StandardCharsets.UTF_8);
        kafka.produce(topic, "bin".getBytes(StandardCharsets.UTF_8), invalidUtf8);
        kafka.produce(topic, null, controlChars);
        kafka.produceAll(topic, List.of("plain text", "ünïcödé\ttab"));

        Table tail = kafka.tail(topic, 10);
        List<Object> values = tail.column("value");
        assertArrayEquals(invalidUtf8, assertInstanceOf(byte[].class, values.get(0)));
        assertArrayEquals(controlChars, assertInstanceOf(byte[].class, values.get(1)));
        assertEquals("plain text", values.get(2));
        assertEquals("ünïcödé\ttab", values.get(3));
        assertEquals("bin", tail.column("key").get(0));
        assertNull(tail.column("key").get(1));

        String text = TableRenderer.text(tail, RenderOptions.DEFAULT);
        assertTrue(text.contains("0x00ff107f"), text);
        assertTrue(text.contains("0x0102"), text);
    }

    @Test
    void lagOfAGroupWithCommittedOffsets() throws Exception {
        String topic = topic("lag");
        String group = "group-" + topic;
        kafka.createTopic(topic, 2);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, 0, "k", "p0-" + i)).get(30, TimeUnit.SECONDS);
            }
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, 1, "k", "p1-" + i)).get(30, TimeUnit.SECONDS);
            }
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition p0 = new TopicPartition(topic, 0);
            TopicPartition p1 = new TopicPartition(topic, 1);
            consumer.assign(List.of(p0, p1));
            consumer.commitSync(Map.of(p0, new OffsetAndMetadata(2), p1, new OffsetAndMetadata(3)),
                    Duration.ofSeconds(30));
        }

        Table lag = kafka.lag(group);
        assertEquals("lag of consumer group " + group, lag.title());
        assertEquals(List.of(List.of(topic, 0, 2L, 5L, 3L), List.of(topic, 1, 3L, 3L, 0L)), lag.rows());
        assertTrue(kafka.groups().column("group").contains(group));
    }

    @Test
    void deleteTopicRemovesIt() throws InterruptedException {
        String topic = topic("delete");
        kafka.createTopic(topic, 1);
        assertTrue(kafka.topicNames().contains(topic));
        kafka.deleteTopic(topic);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (kafka.topicNames().contains(topic) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertFalse(kafka.topicNames().contains(topic));
    }

    @Test
    void unreachableKafkaFailsFastNamingTheAddress() {
        try (KafkaTools nowhere = new KafkaTools("127.0.0.1:1", () -> null)) {
            long start = System.nanoTime();
            KafkaUnavailableException e = assertThrows(KafkaUnavailableException.class, nowhere::topics);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
            assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "took " + took);

            start = System.nanoTime();
            KafkaUnavailableException p = assertThrows(KafkaUnavailableException.class,
                    () -> nowhere.produce("any", "k", "v"));
            took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(p.getMessage().contains("127.0.0.1:1"), p.getMessage());
            assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "took " + took);
        }
    }
}
