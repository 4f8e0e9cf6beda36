package io.workbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.events.Event;
import io.workbench.events.EventEncoder;
import io.workbench.events.EventGenerator;
import io.workbench.events.EventSchemas;
import io.workbench.testkit.SharedBroker;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka browser against the shared test broker: events of both schema versions and poison records go into a
 * fresh topic, a consumer group commits part of it, and the listing, the lag and the tail are checked against
 * what was sent (counted here, not asked of Kafka). A server pointed at a dead port answers 503 quickly.
 */
class KafkaBrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 3;
    private static final int EVENTS = 60;
    private static final String TOPIC = "kafka-browser-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String GROUP = TOPIC + "-group";

    /** What was sent, in order; expected is the decoded event, or null for poison with its reason. */
    record Sent(int partition, long offset, String key, byte[] value, int version, ObjectNode expected, String poison) {
    }

    private static final List<Sent> sent = new ArrayList<>();
    private static final Map<Integer, Long> committed = new HashMap<>();
    private static TestServers server;

    @BeforeAll
    static void produceAndConsumePart() throws Exception {
        String bootstrap = SharedBroker.bootstrapServers();
        Properties ap = new Properties();
        ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(ap)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        long t0 = System.currentTimeMillis() - 60_000;
        EventGenerator generator = new EventGenerator(7, System::currentTimeMillis);
        EventEncoder[] encoders = {null, new EventEncoder(1), new EventEncoder(2)};
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pp, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < EVENTS; i++) {
                Event e = generator.next();
                int version = 1 + i % 2;
                byte[] value = encoders[version].encode(e);
                send(producer, null, t0 + i, e.userId, value, String.valueOf(version), expected(e, version), null);
            }
            Event e = generator.next();
            byte[] v2 = encoders[2].encode(e);
            // Poison, newest of all and on one partition: each must come back as bytes with the reason.
            send(producer, 1, t0 + EVENTS, "poison", "{\"json\": \"is not Avro\"}".getBytes(StandardCharsets.UTF_8), "1", null,
                    "not Avro");
            send(producer, 1, t0 + EVENTS + 1, "poison", Arrays.copyOf(v2, v2.length / 2), "2", null, "truncated");
            send(producer, 1, t0 + EVENTS + 2, "poison", v2, "7", null, "unknown schema version '7'");
            byte[] padded = Arrays.copyOf(v2, v2.length + 3);
            send(producer, 1, t0 + EVENTS + 3, "poison", padded, "2", null, "left over");
        }
        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cp.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(cp, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            // Reads roughly half of every partition, then commits exactly what it read.
            Map<Integer, Long> target = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                target.put(p, count(p) / 2);
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (!committed.equals(target) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(java.time.Duration.ofMillis(200))) {
                    if (r.offset() < target.get(r.partition())) {
                        committed.merge(r.partition(), r.offset() + 1, Math::max);
                    }
                }
            }
            assertEquals(target, committed, "the group read half of each partition");
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            committed.forEach((p, o) -> offsets.put(new TopicPartition(TOPIC, p), new OffsetAndMetadata(o)));
            consumer.commitSync(offsets);
        }
        server = TestServers.echo(bootstrap);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, Integer partition, long timestamp, String key,
                             byte[] value, String version, ObjectNode expected, String poison) throws Exception {
        RecordMetadata m = producer.send(new ProducerRecord<>(TOPIC, partition, timestamp, key.getBytes(StandardCharsets.UTF_8),
                value, List.of(new RecordHeader(EventSchemas.VERSION_HEADER, version.getBytes(StandardCharsets.UTF_8)))))
                .get(30, TimeUnit.SECONDS);
        sent.add(new Sent(m.partition(), m.offset(), key, value, Integer.parseInt(version), expected, poison));
    }

    private static ObjectNode expected(Event e, int version) {
        ObjectNode o = JSON.createObjectNode().put("event_id", e.eventId).put("event_type", e.typeName())
                .put("user_id", e.userId).put("session_id", e.sessionId)
                .put("timestamp", Instant.ofEpochMilli(e.timestamp).toString()).put("device", Event.DEVICES[e.device])
                .put("location", e.location).put("product_id", e.productId).put("product_category", e.productCategory)
                .put("amount", e.amount).put("quantity", e.quantity).put("search_query", e.searchQuery);
        return o.put("referrer", version == 2 ? e.referrer : null);
    }

    private static long count(int partition) {
        return sent.stream().filter(s -> s.partition == partition).count();
    }

    private static JsonNode get(String path, int status) throws Exception {
        HttpResponse<String> r = server.get(path);
        assertEquals(status, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void listsTheTopicWithItsOffsetsSizeAndTheGroupsLag() throws Exception {
        JsonNode topics = get("/api/workbench/kafka/topics", 200).get("topics");
        JsonNode topic = null;
        for (JsonNode t : topics) {
            if (t.get("name").asText().equals(TOPIC)) {
                topic = t;
            }
        }
        assertNotNull(topic, topics.toString());
        assertFalse(topic.get("internal").asBoolean());
        assertEquals(PARTITIONS, topic.get("partition_count").asInt());
        assertEquals(sent.size(), topic.get("records").asLong());
        assertTrue(topic.get("size_bytes").asLong() > 0, topic.toString());
        assertEquals(1, topic.get("replication_factor").asInt(), "the test broker is one node");
        assertEquals(0, topic.get("under_replicated_partitions").asInt(), topic.toString());
        for (JsonNode p : topic.get("partitions")) {
            int id = p.get("id").asInt();
            assertEquals(0, p.get("start_offset").asLong());
            assertEquals(count(id), p.get("end_offset").asLong(), "end offset of partition " + id);
            assertTrue(p.get("leader").isInt());
            assertEquals(1, p.get("replicas").asInt());
            assertEquals(1, p.get("in_sync_replicas").asInt());
        }
        JsonNode group = null;
        for (JsonNode g : topic.get("consumer_groups")) {
            if (g.get("group_id").asText().equals(GROUP)) {
                group = g;
            }
        }
        assertNotNull(group, topic.toString());
        long committedTotal = committed.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(sent.size() - committedTotal, group.get("lag").asLong());
        for (JsonNode p : group.get("partitions")) {
            int id = p.get("partition").asInt();
            assertEquals(committed.get(id), p.get("committed_offset").asLong());
            assertEquals(count(id) - committed.get(id), p.get("lag").asLong());
        }
        assertTrue(topics.findValues("internal").stream().anyMatch(JsonNode::asBoolean), "__consumer_offsets is flagged");
    }

    @Test
    void tailsEveryRecordNewestFirstWithDecodedEventsAndPoisonAsBytes() throws Exception {
        JsonNode tail = get("/api/workbench/kafka/topics/" + TOPIC + "/records?limit=500", 200);
        assertTrue(tail.get("complete").asBoolean());
        JsonNode records = tail.get("records");
        assertEquals(sent.size(), records.size());
        for (int i = 0; i < sent.size(); i++) {
            Sent s = sent.get(sent.size() - 1 - i);
            JsonNode r = records.get(i);
            assertEquals(s.partition, r.get("partition").asInt(), r.toString());
            assertEquals(s.offset, r.get("offset").asLong(), r.toString());
            assertEquals(s.key, r.get("key").asText());
            assertEquals(String.valueOf(s.version), r.get("headers").get(0).get("value").asText());
            if (s.expected != null) {
                assertFalse(r.has("decode_error"), r.toString());
                assertEquals(s.version, r.get("schema_version").asInt());
                assertEquals(s.expected, r.get("value"));
            } else {
                assertTrue(r.get("decode_error").asText().contains(s.poison), r.toString());
                assertFalse(r.has("value"), r.toString());
                assertEquals(Arrays.toString(s.value), Arrays.toString(Base64.getDecoder().decode(r.get("value_base64").asText())));
                assertTrue(r.get("value_hex").asText().startsWith(String.format("%02x %02x", s.value[0], s.value[1])));
            }
        }
    }

    @Test
    void tailsTheNewestFewAndOnePartition() throws Exception {
        JsonNode five = get("/api/workbench/kafka/topics/" + TOPIC + "/records?limit=5", 200).get("records");
        assertEquals(5, five.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(sent.get(sent.size() - 1 - i).offset, five.get(i).get("offset").asLong());
        }
        JsonNode defaults = get("/api/workbench/kafka/topics/" + TOPIC + "/records", 200);
        assertEquals(50, defaults.get("records").size());
        JsonNode p0 = get("/api/workbench/kafka/topics/" + TOPIC + "/records?partition=0&limit=10", 200).get("records");
        assertEquals(Math.min(10, count(0)), p0.size());
        long expectedOffset = count(0) - 1;
        for (JsonNode r : p0) {
            assertEquals(0, r.get("partition").asInt());
            assertEquals(expectedOffset--, r.get("offset").asLong());
        }
    }

    @Test
    void rejectsBadParametersAndUnknownTopics() throws Exception {
        for (String q : List.of("limit=0", "limit=501", "limit=abc", "partition=-1", "partition=x")) {
            JsonNode error = get("/api/workbench/kafka/topics/" + TOPIC + "/records?" + q, 400);
            assertFalse(error.get("message").asText().isBlank());
        }
        assertTrue(get("/api/workbench/kafka/topics/" + TOPIC + "/records?partition=" + PARTITIONS, 404)
                .get("message").asText().contains("no partition " + PARTITIONS));
        assertTrue(get("/api/workbench/kafka/topics/no-such-topic-" + TOPIC + "/records", 404)
                .get("message").asText().contains("no-such-topic-" + TOPIC));
    }

    @Test
    void needsTheTokenAndRejectsForeignOrigins() throws Exception {
        assertEquals(401, server.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.base() + "/api/workbench/kafka/topics")).build()).statusCode());
        assertEquals(403, server.send(server.request("/api/workbench/kafka/topics").header("Origin", "http://evil.example")
                .build()).statusCode());
    }

    @Test
    void aDeadBrokerIsA503WithinSeconds() throws Exception {
        try (TestServers dead = TestServers.echo()) {
            for (String path : List.of("/api/workbench/kafka/topics", "/api/workbench/kafka/topics/events/records")) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = dead.get(path);
                double seconds = (System.nanoTime() - t0) / 1e9;
                assertEquals(503, r.statusCode(), r.body());
                assertTrue(seconds < 6, path + " took " + seconds + " s");
                String message = JSON.readTree(r.body()).get("message").asText();
                assertTrue(message.contains(TestServers.DEAD_KAFKA) && message.contains("./workbench start"), message);
            }
        }
    }
}
