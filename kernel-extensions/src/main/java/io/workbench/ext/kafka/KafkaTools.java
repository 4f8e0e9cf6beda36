package io.workbench.ext.kafka;

import io.workbench.events.KafkaUnavailableException;
import io.workbench.ext.spark.EventFrames;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import io.workbench.ext.display.Table;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The {@code kafka} object of a notebook. Results come back as {@link Table}s, which display as tables.
 * Admin and producer clients are created on first use and shared; every call fails within
 * {@link #TIMEOUT} with a {@link KafkaUnavailableException} when Kafka does not answer. Thread-safe.
 */
public final class KafkaTools implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /**
     * Where streams of {@link #events} and {@link #eventRecords} start when their query has no checkpoint yet:
     * Spark's {@code startingOffsets} for Kafka.
     */
    public static final io.workbench.config.ConfigKey<String> STARTING_OFFSETS = io.workbench.config.ConfigKey.string(
            "streaming.starting-offsets", "earliest", "Where kafka.events() streams start when their query has no"
                    + " checkpoint yet: earliest, latest, or Spark's JSON of offsets per topic and partition (topics it"
                    + " does not name start at earliest).");

    private final String bootstrapServers;
    private final java.util.function.Supplier<SparkSession> spark;
    private volatile String startingOffsets = "earliest";
    private Admin admin;
    private KafkaProducer<byte[], byte[]> producer;

    /** @param spark the session {@link #events} reads with, or null while there is none */
    public KafkaTools(String bootstrapServers, java.util.function.Supplier<SparkSession> spark) {
        this.bootstrapServers = bootstrapServers;
        this.spark = spark;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * The e-commerce events of {@code topic} as a streaming Dataset from the earliest offset: one column per
     * event field (v1 and v2 records alike), plus schema_version, partition, offset and kafka_timestamp.
     * Records that are not events are left out; {@link #eventRecords} keeps them.
     */
    public Dataset<Row> events(String topic) {
        return EventFrames.events(spark(), bootstrapServers, topic, true, startingOffsetsOf(topic));
    }

    /** {@link #events(String)} read once, as a batch Dataset of what the topic holds now. */
    public Dataset<Row> eventsNow(String topic) {
        return EventFrames.events(spark(), bootstrapServers, topic, false, "earliest");
    }

    /**
     * Every record of {@code topic}, streaming from the earliest offset: key, value, topic, partition, offset,
     * kafka_timestamp, headers, schema_version, and {@code event}, the decoded struct (all fields null when the
     * record is not an event). For dead-letter handling.
     */
    public Dataset<Row> eventRecords(String topic) {
        return EventFrames.raw(spark(), bootstrapServers, topic, true, startingOffsetsOf(topic));
    }

    /**
     * Sets where new streams start (see {@link #STARTING_OFFSETS}).
     *
     * @throws IllegalArgumentException for anything but earliest, latest or a JSON object of offsets
     */
    public void useStartingOffsets(String value) {
        String v = value == null || value.isBlank() ? "earliest" : value.trim();
        if (!v.equals("earliest") && !v.equals("latest")) {
            try {
                if (!new com.fasterxml.jackson.databind.ObjectMapper().readTree(v).isObject()) {
                    throw new IllegalArgumentException();
                }
            } catch (Exception e) {
                throw new IllegalArgumentException("Starting offsets are earliest, latest or a JSON object such as"
                        + " {\"events\": {\"0\": 42}}, not '" + value + "'.");
            }
        }
        startingOffsets = v;
    }

    /** The starting offsets for one topic: the setting, or the topic's part of its JSON (earliest if it has none). */
    String startingOffsetsOf(String topic) {
        String v = startingOffsets;
        if (!v.startsWith("{")) {
            return v;
        }
        try {
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            com.fasterxml.jackson.databind.JsonNode all = json.readTree(v);
            if (!all.has(topic)) {
                return "earliest";
            }
            return json.writeValueAsString(java.util.Map.of(topic, all.get(topic)));
        } catch (Exception e) {
            return "earliest";
        }
    }

    private SparkSession spark() {
        SparkSession s = spark.get();
        if (s == null) {
            throw new IllegalStateException("Spark is not running in this kernel (kernel.spark=false, or it failed to"
                    + " start: see the first cell's output).");
        }
        return s;
    }

    /** Topics with their partition counts and record counts (end minus start offsets). */
    public Table topics() {
        Set<String> names = call(admin().listTopics().names());
        Map<String, TopicDescription> descriptions = call(admin().describeTopics(names).allTopicNames());
        Map<TopicPartition, long[]> offsets = offsets(descriptions.values());
        Table.Builder t = Table.builder(null).column("topic", "string").column("partitions", "int")
                .column("replication", "int").column("records", "bigint");
        for (String name : new TreeMap<>(descriptions).keySet()) {
            TopicDescription d = descriptions.get(name);
            long records = d.partitions().stream().mapToLong(p -> {
                long[] o = offsets.get(new TopicPartition(name, p.partition()));
                return o[1] - o[0];
            }).sum();
            t.row(name, d.partitions().size(), d.partitions().get(0).replicas().size(), records);
        }
        return t.build();
    }

    public List<String> topicNames() {
        return call(admin().listTopics().names()).stream().sorted().toList();
    }

    /**
     * Creates a topic with the cluster's default replication factor ({@code default.replication.factor}: 1 on the
     * embedded broker, 3 on the local cluster) and returns {@link #describe(String)} of it.
     */
    public Table createTopic(String name, int partitions) {
        call(admin().createTopics(List.of(new NewTopic(name, java.util.Optional.of(partitions), java.util.Optional.empty())))
                .all());
        return describeCreated(name);
    }

    public Table createTopic(String name, int partitions, short replication) {
        call(admin().createTopics(List.of(new NewTopic(name, partitions, replication))).all());
        return describeCreated(name);
    }

    /**
     * {@link #describe} of a topic just created: a broker may not know it yet for a moment after the controller
     * accepted it (its metadata propagates asynchronously), which Kafka reports as an unknown topic. Asks again for up
     * to 10 s before passing that error on.
     */
    private Table describeCreated(String name) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                return describe(name);
            } catch (RuntimeException e) {
                boolean unknown = false;
                for (Throwable t = e; t != null; t = t.getCause()) {
                    unknown |= t instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
                }
                if (!unknown || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** One row per partition: leader, replicas, in-sync replicas, start and end offsets. */
    public Table describe(String topic) {
        TopicDescription d = call(admin().describeTopics(List.of(topic)).allTopicNames()).get(topic);
        Map<TopicPartition, long[]> offsets = offsets(List.of(d));
        Table.Builder t = Table.builder("topic " + topic).column("partition", "int").column("leader", "int")
                .column("replicas", "string").column("isr", "string").column("start_offset", "bigint")
                .column("end_offset", "bigint");
        for (TopicPartitionInfo p : d.partitions()) {
            long[] o = offsets.get(new TopicPartition(topic, p.partition()));
            t.row(p.partition(), p.leader() == null ? null : p.leader().id(), ids(p.replicas()), ids(p.isr()), o[0], o[1]);
        }
        return t.build();
    }

    public void deleteTopic(String topic) {
        call(admin().deleteTopics(List.of(topic)).all());
    }

    public RecordMetadata produce(String topic, String key, String value) {
        return produce(topic, utf8(key), utf8(value));
    }

    public RecordMetadata produce(String topic, byte[] key, byte[] value) {
        return call(producer().send(new ProducerRecord<>(topic, key, value)));
    }

    /** Produces every entry as a keyed record and waits until all are acknowledged; returns how many. */
    public int produce(String topic, Map<String, String> records) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        records.forEach((k, v) -> sent.add(producer().send(new ProducerRecord<>(topic, utf8(k), utf8(v)))));
        sent.forEach(this::call);
        return sent.size();
    }

    /** Produces every value (text, or bytes as they are) without a key; returns how many. */
    public int produceAll(String topic, Collection<?> values) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Object v : values) {
            byte[] bytes = v instanceof byte[] b ? b : utf8(String.valueOf(v));
            sent.add(producer().send(new ProducerRecord<>(topic, null, bytes)));
        }
        sent.forEach(this::call);
        return sent.size();
    }

    /** The last {@code n} records of a topic across its partitions, oldest first. */
    public Table tail(String topic, int n) {
        TopicDescription d = call(admin().describeTopics(List.of(topic)).allTopicNames()).get(topic);
        Map<TopicPartition, long[]> offsets = offsets(List.of(d));
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            consumer.assign(offsets.keySet());
            Map<TopicPartition, Long> remaining = new HashMap<>();
            offsets.forEach((tp, o) -> {
                consumer.seek(tp, Math.max(o[0], o[1] - n));
                if (o[1] > Math.max(o[0], o[1] - n)) {
                    remaining.put(tp, o[1]);
                }
            });
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!remaining.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    Long end = remaining.get(tp);
                    if (end != null && r.offset() < end) {
                        records.add(r);
                    }
                    if (end != null && r.offset() >= end - 1) {
                        remaining.remove(tp);
                    }
                }
            }
        }
        records.sort(Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.timestamp())
                .thenComparingInt(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset));
        List<ConsumerRecord<byte[], byte[]>> last = records.subList(Math.max(0, records.size() - n), records.size());
        Table.Builder t = Table.builder("last " + last.size() + " records of " + topic).column("partition", "int")
                .column("offset", "bigint").column("timestamp", "timestamp").column("key", "string")
                .column("value", "string");
        for (ConsumerRecord<byte[], byte[]> r : last) {
            t.row(r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()), text(r.key()), text(r.value()));
        }
        return t.build();
    }

    /** Consumer groups known to the cluster. */
    public Table groups() {
        Collection<ConsumerGroupListing> groups = call(admin().listConsumerGroups().all());
        Table.Builder t = Table.builder(null).column("group", "string").column("state", "string");
        groups.stream().sorted(Comparator.comparing(ConsumerGroupListing::groupId))
                .forEach(g -> t.row(g.groupId(), g.state().map(Object::toString).orElse("")));
        return t.build();
    }

    /** Committed offset, end offset and lag of every partition a group has committed. */
    public Table lag(String group) {
        Map<TopicPartition, OffsetAndMetadata> committed =
                call(admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = call(admin().listOffsets(latest).all());
        Table.Builder t = Table.builder("lag of consumer group " + group).column("topic", "string")
                .column("partition", "int").column("committed", "bigint").column("end_offset", "bigint")
                .column("lag", "bigint");
        committed.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<TopicPartition, OffsetAndMetadata> e) -> e.getKey().topic())
                        .thenComparingInt(e -> e.getKey().partition()))
                .forEach(e -> {
                    long end = ends.get(e.getKey()).offset();
                    long c = e.getValue() == null ? 0 : e.getValue().offset();
                    t.row(e.getKey().topic(), e.getKey().partition(), c, end, Math.max(0, end - c));
                });
        return t.build();
    }

    /** The shared admin client, for anything the helpers do not cover. */
    public synchronized Admin admin() {
        if (admin == null) {
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            p.put(AdminClientConfig.CLIENT_ID_CONFIG, "workbench-notebook-admin");
            admin = Admin.create(p);
        }
        return admin;
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() * 3);
            p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "workbench-notebook-producer");
            producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** Consumer settings for this cluster, without a group: for assign-and-seek reads. */
    public Properties consumerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        return p;
    }

    private Map<TopicPartition, long[]> offsets(Collection<TopicDescription> topics) {
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription d : topics) {
            for (TopicPartitionInfo p : d.partitions()) {
                TopicPartition tp = new TopicPartition(d.name(), p.partition());
                earliest.put(tp, OffsetSpec.earliest());
                latest.put(tp, OffsetSpec.latest());
            }
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> start = call(admin().listOffsets(earliest).all());
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = call(admin().listOffsets(latest).all());
        Map<TopicPartition, long[]> out = new HashMap<>();
        start.forEach((tp, info) -> out.put(tp, new long[] {info.offset(), end.get(tp).offset()}));
        return out;
    }

    private <T> T call(Future<T> future) {
        try {
            return future.get(TIMEOUT.toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException(bootstrapServers, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new KafkaUnavailableException(bootstrapServers, e.getCause());
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    private static String ids(List<org.apache.kafka.common.Node> nodes) {
        return nodes.stream().map(n -> String.valueOf(n.id())).collect(Collectors.joining(","));
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes as text when they are valid printable UTF-8, else as hex. */
    static Object text(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            boolean printable = s.chars().allMatch(c -> c >= 0x20 || c == '\n' || c == '\t' || c == '\r');
            return printable ? s : bytes;
        } catch (CharacterCodingException e) {
            return bytes;
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }
}
