package io.workbench.server.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the newest records of some partitions with an assigned consumer (no group, nothing committed): seeks
 * each partition to {@code end - limit}, reads up to the end offset it saw at the start, and stops at the
 * deadline with what it has. Records that arrive meanwhile are left out, so the answer is one consistent cut.
 */
final class RecordTail {
    /** The newest records first, and whether every partition was read up to its end before the deadline. */
    record Result(List<ConsumerRecord<byte[], byte[]>> records, boolean complete) {
    }

    private RecordTail() {
    }

    static Result read(Consumer<byte[], byte[]> consumer, List<TopicPartition> partitions, int limit, Deadline deadline) {
        Map<TopicPartition, Long> begin;
        Map<TopicPartition, Long> end;
        try {
            begin = consumer.beginningOffsets(partitions, Duration.ofMillis(deadline.remainingMillis()));
            end = consumer.endOffsets(partitions, Duration.ofMillis(deadline.remainingMillis()));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw deadline.unreachable(e);
        }
        Map<TopicPartition, Long> pending = new HashMap<>();
        for (TopicPartition tp : partitions) {
            long from = Math.max(begin.get(tp), end.get(tp) - limit);
            if (from < end.get(tp)) {
                pending.put(tp, from);
            }
        }
        consumer.assign(pending.keySet());
        pending.forEach(consumer::seek);
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        while (!pending.isEmpty() && !deadline.passed()) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(Math.min(500, deadline.remainingMillis())))) {
                if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                    read.add(r);
                }
            }
            // Positions move past transaction markers and compacted gaps too, so they, not the records, say when a
            // partition is done.
            List<TopicPartition> done = pending.keySet().stream()
                    .filter(tp -> consumer.position(tp, Duration.ofMillis(deadline.remainingMillis())) >= end.get(tp)).toList();
            done.forEach(pending::remove);
            consumer.pause(done);
        }
        read.sort(Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.timestamp())
                .thenComparingLong(ConsumerRecord::offset).thenComparingInt(ConsumerRecord::partition).reversed());
        return new Result(List.copyOf(read.subList(0, Math.min(limit, read.size()))), pending.isEmpty());
    }
}
