package io.workbench.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The Kafka offsets a job's checkpoints had reached: for each query, the newest {@code offsets/<batch>} entry Spark
 * wrote (a line per source after the version and metadata lines; a Kafka source's line is
 * {@code {"topic": {"partition": offset}}}); merged over queries by taking, per partition, the least offset, so
 * that starting there skips nothing any query had yet to read.
 */
final class CheckpointOffsets {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointOffsets() {
    }

    /**
     * Spark's {@code startingOffsets} JSON for where the checkpoints in {@code dir} had got to.
     *
     * @throws JobException.Invalid when no checkpoint there recorded Kafka offsets
     */
    static String reached(Path dir) throws IOException {
        Map<String, Map<String, Long>> least = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> queries = Files.list(dir)) {
                for (Path q : queries.toList()) {
                    Path newest = newestOffsets(q.resolve("offsets"));
                    if (newest == null) {
                        continue;
                    }
                    List<String> lines = Files.readAllLines(newest);
                    for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
                        if (line.startsWith("{")) {
                            merge(JSON.readTree(line), least);
                        }
                    }
                }
            }
        }
        if (least.isEmpty()) {
            throw new JobException.Invalid("The job's checkpoints hold no Kafka offsets to start from; start from"
                    + " earliest or latest instead.");
        }
        ObjectNode out = JSON.createObjectNode();
        least.forEach((topic, parts) -> {
            ObjectNode t = out.putObject(topic);
            parts.forEach(t::put);
        });
        return JSON.writeValueAsString(out);
    }

    private static void merge(JsonNode offsets, Map<String, Map<String, Long>> least) {
        offsets.fields().forEachRemaining(topic -> {
            if (topic.getValue().isObject()) {
                topic.getValue().fields().forEachRemaining(p -> least.computeIfAbsent(topic.getKey(), k -> new TreeMap<>())
                        .merge(p.getKey(), p.getValue().asLong(), Math::min));
            }
        });
    }

    private static Path newestOffsets(Path offsets) throws IOException {
        if (!Files.isDirectory(offsets)) {
            return null;
        }
        try (Stream<Path> s = Files.list(offsets)) {
            return s.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .max((a, b) -> Long.compare(Long.parseLong(a.getFileName().toString()),
                            Long.parseLong(b.getFileName().toString()))).orElse(null);
        }
    }
}
