package io.workbench.server.contents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.workbench.server.http.ApiException;
import java.io.IOException;
import java.util.Set;
import java.util.UUID;

/**
 * nbformat 4 as the contents API needs it: parsing with errors that say where the file is broken, the
 * structural checks that must pass before a file is written, cell ids (4.5), and the multi-line string
 * convention (lists of lines on disk, joined strings over the API).
 */
public final class NotebookFormat {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> CELL_TYPES = Set.of("code", "markdown", "raw");
    private static final Set<String> MULTILINE = Set.of("source", "text");

    private NotebookFormat() {
    }

    /** Parses a notebook file for the API: validated, ids added, multi-line strings joined. */
    public static ObjectNode read(String name, byte[] bytes) {
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new ApiException.Unprocessable(name + " is not valid JSON" + where + ": " + e.getOriginalMessage()
                    + ". The file was left as it is: fix it in a text editor, or restore a checkpoint.");
        } catch (IOException e) {
            throw new ApiException.Unprocessable(name + " cannot be read: " + e.getMessage());
        }
        ObjectNode nb = validate(name, node);
        joinLines(nb);
        ensureIds(nb);
        return nb;
    }

    /** The bytes to write for a notebook received over the API; throws if it is not a notebook. */
    public static byte[] write(String name, JsonNode content) {
        ObjectNode nb = validate(name, content).deepCopy();
        ensureIds(nb);
        splitLines(nb);
        try {
            return (MAPPER.writeValueAsString(nb) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An empty notebook for the workbench-java kernel. */
    public static ObjectNode empty() {
        ObjectNode nb = JsonNodeFactory.instance.objectNode();
        nb.put("nbformat", 4).put("nbformat_minor", 5);
        ObjectNode meta = nb.putObject("metadata");
        meta.putObject("kernelspec").put("name", "workbench-java").put("display_name", "Java (Spark + Kafka)")
                .put("language", "java");
        meta.putObject("language_info").put("name", "java").put("mimetype", "text/x-java").put("file_extension", ".java");
        ObjectNode cell = nb.putArray("cells").addObject();
        cell.put("cell_type", "code").put("id", newId()).put("source", "").putNull("execution_count");
        cell.putObject("metadata");
        cell.putArray("outputs");
        return nb;
    }

    static ObjectNode validate(String name, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw invalid(name, "the top level must be a JSON object");
        }
        if (node.path("nbformat").asInt(-1) != 4) {
            throw invalid(name, "only nbformat 4 is supported (found " + node.path("nbformat") + ")");
        }
        JsonNode cells = node.get("cells");
        if (cells == null || !cells.isArray()) {
            throw invalid(name, "'cells' must be a list");
        }
        for (int i = 0; i < cells.size(); i++) {
            JsonNode cell = cells.get(i);
            if (!cell.isObject() || !CELL_TYPES.contains(cell.path("cell_type").asText())) {
                throw invalid(name, "cell " + (i + 1) + " has no valid cell_type (code, markdown or raw)");
            }
            JsonNode source = cell.get("source");
            if (source == null || !(source.isTextual() || source.isArray())) {
                throw invalid(name, "cell " + (i + 1) + " has no source");
            }
            if ("code".equals(cell.path("cell_type").asText()) && cell.has("outputs") && !cell.get("outputs").isArray()) {
                throw invalid(name, "the outputs of cell " + (i + 1) + " must be a list");
            }
        }
        if (!node.has("metadata") || !node.get("metadata").isObject()) {
            ((ObjectNode) node).putObject("metadata");
        }
        return (ObjectNode) node;
    }

    private static ApiException invalid(String name, String why) {
        return new ApiException.Unprocessable(name + " is not a valid notebook: " + why
                + ". The file on disk was not changed.");
    }

    static void ensureIds(ObjectNode nb) {
        if (nb.path("nbformat_minor").asInt(0) < 5) {
            nb.put("nbformat_minor", 5);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (JsonNode cell : nb.withArray("cells")) {
            String id = cell.path("id").asText("");
            if (id.isEmpty() || !id.matches("[a-zA-Z0-9_-]{1,64}") || !seen.add(id)) {
                id = newId();
                ((ObjectNode) cell).put("id", id);
                seen.add(id);
            }
        }
    }

    static String newId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static void joinLines(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (var it = o.fields(); it.hasNext(); ) {
                var e = it.next();
                if (MULTILINE.contains(e.getKey()) && e.getValue().isArray()) {
                    StringBuilder sb = new StringBuilder();
                    e.getValue().forEach(line -> sb.append(line.asText()));
                    e.setValue(TextNode.valueOf(sb.toString()));
                } else if (e.getKey().equals("data") && e.getValue().isObject()) {
                    joinMimeLines((ObjectNode) e.getValue());
                } else {
                    joinLines(e.getValue());
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(NotebookFormat::joinLines);
        }
    }

    /** Text MIME types are multi-line strings too; JSON MIME types are kept as they are. */
    private static void joinMimeLines(ObjectNode data) {
        for (var it = data.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().isArray() && !e.getKey().endsWith("json")) {
                StringBuilder sb = new StringBuilder();
                e.getValue().forEach(line -> sb.append(line.asText()));
                e.setValue(TextNode.valueOf(sb.toString()));
            }
        }
    }

    private static void splitLines(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (var it = o.fields(); it.hasNext(); ) {
                var e = it.next();
                if (MULTILINE.contains(e.getKey()) && e.getValue().isTextual()) {
                    e.setValue(lines(e.getValue().asText()));
                } else if (e.getKey().equals("data") && e.getValue().isObject()) {
                    for (var d = e.getValue().fields(); d.hasNext(); ) {
                        var m = d.next();
                        if (m.getValue().isTextual() && m.getKey().startsWith("text/")) {
                            m.setValue(lines(m.getValue().asText()));
                        }
                    }
                } else {
                    splitLines(e.getValue());
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(NotebookFormat::splitLines);
        }
    }

    private static ArrayNode lines(String text) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }
}
