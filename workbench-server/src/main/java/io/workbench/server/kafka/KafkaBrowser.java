package io.workbench.server.kafka;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.server.http.ApiException;
import io.workbench.server.http.Responses;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Browses the cluster the workbench uses. Every method blocks (call it from a worker thread, never the event
 * loop) for at most a few seconds: a broker that does not answer in time is an {@link ApiException.Unavailable}
 * (503), an unknown topic an {@link ApiException.NotFound}. One admin client, created on first use and shared by
 * all requests; each tail uses its own short-lived consumer. Thread-safe.
 */
public final class KafkaBrowser implements AutoCloseable {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private final String bootstrap;
    private Admin admin;
    private boolean closed;

    public KafkaBrowser(String bootstrapServers) {
        this.bootstrap = bootstrapServers;
    }

    /** Every topic (internal ones flagged) with partitions, offsets, records, size on disk and group lag. */
    public ObjectNode topics() {
        Deadline deadline = new Deadline(bootstrap, KafkaClients.DEADLINE_MILLIS);
        try {
            ArrayNode topics = new TopicSummaries(admin(deadline), deadline).list();
            ObjectNode out = Responses.MAPPER.createObjectNode().put("bootstrap_servers", bootstrap);
            out.set("topics", topics);
            return out;
        } catch (ExecutionException e) {
            throw failed(e, deadline);
        }
    }

    /** The newest {@code limit} records of the topic, or of one partition when {@code partition} is not null. */
    public ObjectNode tail(String topic, Integer partition, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiException.BadRequest("limit must be between 1 and " + MAX_LIMIT + ", got " + limit + ".");
        }
        Deadline deadline = new Deadline(bootstrap, KafkaClients.DEADLINE_MILLIS);
        TopicDescription t;
        try {
            t = deadline.get(admin(deadline).describeTopics(List.of(topic)).allTopicNames()).get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new ApiException.NotFound("There is no topic '" + topic + "' at " + bootstrap
                        + ". Refresh the topic list; a producer creates its topic when it starts.");
            }
            throw failed(e, deadline);
        }
        List<TopicPartition> partitions = t.partitions().stream().map(p -> new TopicPartition(topic, p.partition()))
                .filter(tp -> partition == null || tp.partition() == partition).toList();
        if (partition != null && partitions.isEmpty()) {
            throw new ApiException.NotFound("Topic '" + topic + "' has no partition " + partition + "; it has partitions 0 to "
                    + (t.partitions().size() - 1) + ".");
        }
        RecordTail.Result result;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(bootstrap),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            result = RecordTail.read(consumer, partitions, limit, new Deadline(bootstrap, KafkaClients.DEADLINE_MILLIS));
        }
        ObjectNode out = Responses.MAPPER.createObjectNode().put("topic", topic).put("partition", partition)
                .put("partition_count", t.partitions().size()).put("limit", limit).put("complete", result.complete());
        RecordDecoder decoder = new RecordDecoder();
        ArrayNode records = out.putArray("records");
        result.records().forEach(r -> records.add(decoder.toJson(r)));
        return out;
    }

    private synchronized Admin admin(Deadline deadline) {
        if (closed) {
            throw new ApiException.Unavailable("The server is stopping.", null);
        }
        if (admin == null) {
            try {
                admin = Admin.create(KafkaClients.admin(bootstrap));
            } catch (KafkaException e) {
                throw deadline.unreachable(e);
            }
        }
        return admin;
    }

    private ApiException failed(ExecutionException e, Deadline deadline) {
        if (e.getCause() instanceof KafkaException k && !(k instanceof org.apache.kafka.common.errors.ApiException)) {
            return deadline.unreachable(k);
        }
        return new ApiException.Unavailable("Kafka at " + bootstrap + " refused the request: " + e.getCause().getMessage(),
                e.getCause());
    }

    /** Closes the admin client; requests after this answer 503. */
    @Override
    public void close() {
        Admin a;
        synchronized (this) {
            closed = true;
            a = admin;
            admin = null;
        }
        if (a != null) {
            a.close(Duration.ofSeconds(2));
        }
    }
}
