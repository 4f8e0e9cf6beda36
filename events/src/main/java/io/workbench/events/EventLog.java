package io.workbench.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Everything a topic holds now, read by a plain Kafka consumer (no group, no Spark) and decoded with the event
 * schemas: the independent side of every correctness check, and what a notebook uses as its oracle. Records
 * that do not decode are kept with the reason instead of being skipped.
 */
public final class EventLog {
    /**
     * One record: its key and value as sent, the decoded event (read as v2), or null with the reason it could
     * not be decoded.
     */
    public record Entry(int partition, long offset, long kafkaTimestamp, String key, byte[] value, GenericRecord event,
                        String error, Map<String, String> headers) {
        public boolean decoded() {
            return event != null;
        }

        /** A field of the event as plain Java: strings for Avro strings and enums, null when absent. */
        public Object get(String field) {
            Object v = event.get(field);
            return v instanceof CharSequence || v instanceof org.apache.avro.generic.GenericEnumSymbol<?>
                    ? v.toString() : v;
        }
    }

    private final List<Entry> entries;

    private EventLog(List<Entry> entries) {
        this.entries = entries;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The events that decoded, in partition then offset order. */
    public List<Entry> events() {
        return entries.stream().filter(Entry::decoded).toList();
    }

    /**
     * The decoded events counted as a tumbling event-time window and a field group them, as Spark's
     * {@code groupBy(window(col("timestamp"), …), col(field)).count()} does: keys are the window's start as an ISO
     * instant, a {@code |}, and the field's value; {@code windowMillis} is the window's length.
     */
    public Map<String, Long> countByWindow(long windowMillis, String field) {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (Entry e : events()) {
            long ts = (Long) e.get("timestamp");
            out.merge(java.time.Instant.ofEpochMilli(ts - Math.floorMod(ts, windowMillis)) + "|" + e.get(field), 1L, Long::sum);
        }
        return out;
    }

    /** The records that did not decode, with their reasons. */
    public List<Entry> undecodable() {
        return entries.stream().filter(e -> !e.decoded()).toList();
    }

    /** Reads {@code topic} from its start offsets to the end offsets it has when the call starts. */
    public static EventLog read(String bootstrapServers, String topic, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Entry> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(topic, timeout).forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("topic " + topic + " does not exist");
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, timeout);
            Map<TopicPartition, Long> next = new HashMap<>();
            for (TopicPartition tp : parts) {
                next.put(tp, c.position(tp, timeout));
            }
            while (parts.stream().anyMatch(tp -> next.get(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " took longer than " + timeout + "; read "
                            + out.size() + " records, positions " + next + ", end offsets " + end);
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    next.put(tp, r.offset() + 1);
                    if (r.offset() < end.get(tp)) {
                        out.add(entry(r));
                    }
                }
            }
        }
        out.sort(java.util.Comparator.comparingInt(Entry::partition).thenComparingLong(Entry::offset));
        return new EventLog(out);
    }

    /** Decodes one record by its {@value EventSchemas#VERSION_HEADER} header (v1 when absent). */
    public static Entry entry(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        String[] error = {null};
        GenericRecord event = decode(r.value(), headers.get(EventSchemas.VERSION_HEADER), error);
        return new Entry(r.partition(), r.offset(), r.timestamp(),
                r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8), r.value(), event, error[0], headers);
    }

    /** The event in {@code value}, or null with the reason in {@code error[0]}. */
    public static GenericRecord decode(byte[] value, String versionHeader, String[] error) {
        if (value == null) {
            error[0] = "the record has no value (a tombstone)";
            return null;
        }
        int version;
        try {
            version = versionHeader == null ? 1 : Integer.parseInt(versionHeader.trim());
            EventSchemas.version(version);
        } catch (RuntimeException e) {
            error[0] = "unknown schema version '" + versionHeader + "' in header " + EventSchemas.VERSION_HEADER;
            return null;
        }
        try {
            GenericRecord event = EventEncoder.decode(value, version);
            String invalid = invalid(event);
            if (invalid != null) {
                error[0] = invalid;
                return null;
            }
            return event;
        } catch (java.io.EOFException e) {
            error[0] = "truncated Avro: the record ends before the v" + version + " schema is complete ("
                    + value.length + " bytes)";
        } catch (Exception e) {
            error[0] = "not Avro of schema v" + version + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage());
        }
        return null;
    }

    /** Why a decoded event breaks the schema's contract (a required field null), or null. */
    private static String invalid(GenericRecord event) {
        for (org.apache.avro.Schema.Field f : event.getSchema().getFields()) {
            if (event.get(f.pos()) == null && f.schema().getType() != org.apache.avro.Schema.Type.UNION) {
                return "required field " + f.name() + " is null";
            }
        }
        return null;
    }
}
