package io.workbench.ext.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * What a checkpoint was made from, written beside Spark's own files as {@value #FILE} when a query first uses the
 * checkpoint: the query's sources and stateful operators as {@link QueryPlan} describes them. Spark 3.5 checks only
 * the types of a resumed state's key and value, so a query grouped by another string column would silently reuse
 * the old counts; this record is what lets {@link CheckpointCheck} see the difference before the query starts.
 *
 * @param version           the format of this file, {@value #VERSION}
 * @param query             the query's name
 * @param sources           {@link QueryPlan#sources()}
 * @param statefulOperators {@link QueryPlan#statefulOperators()}
 * @param createdAt         when the checkpoint was first used, ISO-8601
 */
public record CheckpointManifest(int version, String query, List<String> sources, List<String> statefulOperators,
                                 String createdAt) {
    public static final String FILE = "workbench-query.json";
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The manifest of {@code plan}, made now. */
    public static CheckpointManifest of(String query, QueryPlan plan) {
        return new CheckpointManifest(VERSION, query, plan.sources(), plan.statefulOperators(), Instant.now().toString());
    }

    /** Reads the manifest of a checkpoint directory; null when it has none (a checkpoint from elsewhere). */
    public static CheckpointManifest read(Path checkpoint) throws IOException {
        Path file = checkpoint.resolve(FILE);
        return Files.isRegularFile(file) ? JSON.readValue(file.toFile(), CheckpointManifest.class) : null;
    }

    /** Writes it into the checkpoint directory (created if missing), atomically. */
    public void write(Path checkpoint) throws IOException {
        Files.createDirectories(checkpoint);
        Path tmp = checkpoint.resolve(FILE + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
        Files.move(tmp, checkpoint.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
