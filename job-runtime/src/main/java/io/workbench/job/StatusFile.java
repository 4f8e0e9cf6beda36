package io.workbench.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The file a run writes its status to (docs/jobs.md), rewritten whole each time: the JSON goes to a temporary file
 * beside it, which is then renamed over it atomically, so a reader (the supervisor) sees the old status or the new
 * one, never a part. Not thread-safe: {@link RunStatus} serializes the writes.
 */
final class StatusFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final Path temporary;

    StatusFile(Path path) {
        this.path = path.toAbsolutePath();
        this.temporary = this.path.resolveSibling("." + this.path.getFileName() + ".tmp");
    }

    Path path() {
        return path;
    }

    /** Replaces the file's content with {@code status} as JSON (null values written as null). */
    void write(Map<String, Object> status) throws IOException {
        Files.createDirectories(path.getParent());
        Files.write(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(status));
        Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
