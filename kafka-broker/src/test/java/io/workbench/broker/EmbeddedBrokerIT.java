package io.workbench.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.workbench.config.Settings;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker in its own JVM, on free ports and a temporary data directory. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EmbeddedBrokerIT {
    private static final String TOPIC = "embedded-broker-it";

    @TempDir
    Path dataDir;

    private BrokerConfig config() {
        return BrokerConfig.from(Settings.of(Map.of(), Map.of(), Map.of())).withDataDir(dataDir).withPorts(0, 0);
    }

    @Test
    void servesRequestsAndKeepsClusterTopicsAndRecordsAcrossRestarts() throws Exception {
        String clusterId;
        RecordMetadata written;
        EmbeddedBroker first = EmbeddedBroker.start(config());
        try {
            assertTrue(first.isAlive());
            String bootstrap = first.bootstrapServers();
            assertTrue(bootstrap.matches("127\\.0\\.0\\.1:[1-9][0-9]*"), bootstrap);
            try (Admin admin = admin(bootstrap)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = producer(bootstrap)) {
                written = producer.send(new ProducerRecord<>(TOPIC, "key-1", "survives a restart"))
                        .get(30, TimeUnit.SECONDS);
            }
            ConsumerRecord<String, String> read = readFirst(bootstrap);
            assertEquals("key-1", read.key());
            assertEquals("survives a restart", read.value());
            assertEquals(written.offset(), read.offset());
            clusterId = clusterId();
            assertNotNull(clusterId);
        } finally {
            first.close();
        }
        assertGone(first);

        EmbeddedBroker second = EmbeddedBroker.start(config());
        try {
            assertNotEquals(first.pid(), second.pid());
            assertEquals(clusterId, clusterId(), "the data directory is formatted once");
            try (Admin admin = admin(second.bootstrapServers())) {
                assertTrue(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC));
            }
            ConsumerRecord<String, String> read = readFirst(second.bootstrapServers());
            assertEquals("survives a restart", read.value());
            assertEquals(written.offset(), read.offset());
        } finally {
            second.close();
        }
        assertGone(second);
    }

    @Test
    void closeEndsTheBrokerJvmAndFreesItsPort() throws Exception {
        int port = freePort();
        EmbeddedBroker broker = EmbeddedBroker.start(config().withPorts(port, 0));
        try {
            assertEquals("127.0.0.1:" + port, broker.bootstrapServers());
            assertTrue(ProcessHandle.of(broker.pid()).map(ProcessHandle::isAlive).orElse(false));
        } finally {
            broker.close();
        }
        assertGone(broker);
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, s.getLocalPort(), "the client port is released");
        }
        broker.close();
    }

    @Test
    void takenClientPortIsReportedWithTheSettingToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            BrokerException e = assertThrows(BrokerException.class,
                    () -> EmbeddedBroker.start(config().withPorts(port, 0)).close());
            assertTrue(e.getMessage().contains("Port " + port), e.getMessage());
            assertTrue(e.getMessage().contains("WORKBENCH_KAFKA_PORT"), e.getMessage());
        }
        assertNoBrokerChild();
    }

    @Test
    void takenControllerPortIsReportedWithTheSettingToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            BrokerException e = assertThrows(BrokerException.class,
                    () -> EmbeddedBroker.start(config().withPorts(0, port)).close());
            assertTrue(e.getMessage().contains("Port " + port), e.getMessage());
            assertTrue(e.getMessage().contains("WORKBENCH_KAFKA_CONTROLLER_PORT"), e.getMessage());
        }
        assertNoBrokerChild();
    }

    private String clusterId() throws IOException {
        Properties meta = new Properties();
        try (Reader in = Files.newBufferedReader(dataDir.resolve("kraft-logs/meta.properties"), StandardCharsets.UTF_8)) {
            meta.load(in);
        }
        return meta.getProperty("cluster.id");
    }

    private static void assertGone(EmbeddedBroker broker) {
        assertFalse(broker.isAlive(), "close() returns once the broker JVM has exited");
        assertFalse(ProcessHandle.of(broker.pid()).map(ProcessHandle::isAlive).orElse(false),
                "no process " + broker.pid() + " is left");
    }

    private static void assertNoBrokerChild() {
        List<String> brokers = ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains(BrokerMain.class.getName()))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .toList();
        assertEquals(List.of(), brokers, "no broker JVM was started");
    }

    private static ConsumerRecord<String, String> readFirst(String bootstrap) {
        Map<String, Object> conf = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(conf, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    return r;
                }
            }
        }
        return fail("no record in " + TOPIC + " within 30 s");
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
