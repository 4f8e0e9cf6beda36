package io.workbench.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A notebook's revision as an export records it (docs/jobs.md): the first 12 hex digits of the SHA-256 of its code
 * cells' sources, in order, each with its tags; outputs and markdown do not count. Compared with a job's revision,
 * it tells whether the notebook changed since the job was exported.
 */
final class NotebookRevision {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NotebookRevision() {
    }

    /** The revision of the notebook file, or null when it is gone or not a notebook. */
    static String of(Path notebook) {
        try {
            JsonNode nb = JSON.readTree(notebook.toFile());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (JsonNode cell : nb.path("cells")) {
                if (!"code".equals(cell.path("cell_type").asText())) {
                    continue;
                }
                StringBuilder text = new StringBuilder();
                JsonNode source = cell.path("source");
                if (source.isArray()) {
                    source.forEach(line -> text.append(line.asText()));
                } else {
                    text.append(source.asText());
                }
                sha.update(text.toString().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(cell.path("metadata").path("tags").toString().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
