package io.workbench.server.kafka;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.server.http.Responses;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.ClusterAuthorizationException;

/**
 * Every topic of the cluster with its partitions (leader, start and end offsets), record count, size on disk
 * and the lag of each consumer group that committed offsets for it. Sizes are summed over all replicas; a
 * cluster that does not let us describe log dirs gets null sizes instead of an error.
 */
final class TopicSummaries {
    private final Admin admin;
    private final Deadline deadline;

    TopicSummaries(Admin admin, Deadline deadline) {
        this.admin = admin;
        this.deadline = deadline;
    }

    ArrayNode list() throws ExecutionException {
        Map<String, Boolean> internal = new TreeMap<>();
        deadline.get(admin.listTopics(new ListTopicsOptions().listInternal(true)).listings())
                .forEach(l -> internal.put(l.name(), l.isInternal()));
        Map<String, TopicDescription> topics = deadline.get(admin.describeTopics(internal.keySet()).allTopicNames());
        List<TopicPartition> partitions = topics.values().stream().flatMap(t -> t.partitions().stream()
                .map(p -> new TopicPartition(t.name(), p.partition()))).toList();
        Map<TopicPartition, Long> start = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> sizes = sizes();
        Map<String, Map<TopicPartition, OffsetAndMetadata>> groups = committedByGroup();

        ArrayNode out = Responses.MAPPER.createArrayNode();
        for (Map.Entry<String, Boolean> name : internal.entrySet()) {
            TopicDescription t = topics.get(name.getKey());
            if (t == null) {
                continue; // deleted between the two calls
            }
            ObjectNode topic = out.addObject().put("name", t.name()).put("internal", name.getValue());
            ArrayNode parts = topic.putArray("partitions");
            long records = 0;
            int underReplicated = 0;
            Long size = sizes == null ? null : 0L;
            for (TopicPartitionInfo info : t.partitions()) {
                TopicPartition tp = new TopicPartition(t.name(), info.partition());
                long s = start.getOrDefault(tp, 0L);
                long e = end.getOrDefault(tp, 0L);
                Long bytes = sizes == null ? null : sizes.getOrDefault(tp, 0L);
                parts.addObject().put("id", info.partition())
                        .put("leader", info.leader() == null || info.leader().isEmpty() ? null : info.leader().id())
                        .put("start_offset", s).put("end_offset", e).put("records", e - s).put("size_bytes", bytes)
                        .put("replicas", info.replicas().size()).put("in_sync_replicas", info.isr().size());
                records += e - s;
                // Kafka's definition (UnderReplicatedPartitions): fewer replicas in sync than assigned.
                underReplicated += info.isr().size() < info.replicas().size() ? 1 : 0;
                size = size == null ? null : size + bytes;
            }
            topic.put("partition_count", t.partitions().size()).put("records", records).put("size_bytes", size)
                    .put("replication_factor", t.partitions().isEmpty() ? 0 : t.partitions().get(0).replicas().size())
                    .put("under_replicated_partitions", underReplicated);
            topic.set("consumer_groups", lag(t, end, groups));
        }
        return out;
    }

    private ArrayNode lag(TopicDescription t, Map<TopicPartition, Long> end,
                          Map<String, Map<TopicPartition, OffsetAndMetadata>> groups) {
        ArrayNode out = Responses.MAPPER.createArrayNode();
        groups.forEach((group, committed) -> {
            ObjectNode g = null;
            long total = 0;
            for (TopicPartitionInfo info : t.partitions()) {
                TopicPartition tp = new TopicPartition(t.name(), info.partition());
                OffsetAndMetadata c = committed.get(tp);
                if (c == null) {
                    continue;
                }
                if (g == null) {
                    g = out.addObject().put("group_id", group);
                    g.putArray("partitions");
                }
                // A committed offset past the end (after the log was truncated) is no lag, not negative lag.
                long lag = Math.max(0, end.getOrDefault(tp, 0L) - c.offset());
                total += lag;
                ((ArrayNode) g.get("partitions")).addObject().put("partition", info.partition())
                        .put("committed_offset", c.offset()).put("lag", lag);
            }
            if (g != null) {
                g.put("lag", total);
            }
        });
        return out;
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) throws ExecutionException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, ListOffsetsResultInfo> info = deadline.get(admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(Function.identity(), tp -> spec))).all());
        Map<TopicPartition, Long> out = new HashMap<>();
        info.forEach((tp, i) -> out.put(tp, i.offset()));
        return out;
    }

    /** Bytes on disk per partition, over all brokers and replicas; null when the cluster does not allow it. */
    private Map<TopicPartition, Long> sizes() throws ExecutionException {
        Collection<Node> nodes = deadline.get(admin.describeCluster().nodes());
        Map<Integer, Map<String, LogDirDescription>> dirs;
        try {
            dirs = deadline.get(admin.describeLogDirs(nodes.stream().map(Node::id).toList()).allDescriptions());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ClusterAuthorizationException) {
                return null;
            }
            throw e;
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        dirs.values().forEach(byDir -> byDir.values().forEach(dir -> dir.replicaInfos().forEach((tp, replica) -> {
            if (!replica.isFuture()) {
                out.merge(tp, replica.size(), Long::sum);
            }
        })));
        return out;
    }

    private Map<String, Map<TopicPartition, OffsetAndMetadata>> committedByGroup() throws ExecutionException {
        Collection<ConsumerGroupListing> groups = deadline.get(admin.listConsumerGroups().all());
        if (groups.isEmpty()) {
            return Map.of();
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = new TreeMap<>();
        groups.forEach(g -> specs.put(g.groupId(), new ListConsumerGroupOffsetsSpec()));
        return new TreeMap<>(deadline.get(admin.listConsumerGroupOffsets(specs).all()));
    }
}
