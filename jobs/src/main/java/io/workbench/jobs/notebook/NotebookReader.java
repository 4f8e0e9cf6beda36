package io.workbench.jobs.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a notebook file (nbformat 4) into cells, checking the shape the exporter relies on: JSON, {@code nbformat}
 * 4, a {@code cells} array, and cells with a known {@code cell_type}, a {@code source} string or list of strings,
 * string tags and unique ids (required from nbformat 4.5 on, as the schema says). Outputs are not read.
 * Stateless and thread-safe.
 */
public final class NotebookReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    private NotebookReader() {
    }

    /**
     * @throws InvalidNotebookException naming what is wrong, and the cell (by position, from 1) where it is
     * @throws IOException              when the file cannot be read
     */
    public static Notebook read(Path path) throws IOException, InvalidNotebookException {
        return parse(path, Files.readString(path));
    }

    /** {@link #read} of text already in memory; {@code path} only names the notebook. */
    public static Notebook parse(Path path, String text) throws InvalidNotebookException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidNotebookException(path + " is not JSON (line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage() + "), so it is not a notebook");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidNotebookException(path + " is not a notebook: its JSON is not an object");
        }
        JsonNode format = root.get("nbformat");
        if (format == null || !format.isInt() || format.asInt() != 4) {
            throw new InvalidNotebookException(path + " is not nbformat 4 (nbformat: " + format + ")");
        }
        JsonNode cells = root.get("cells");
        if (cells == null || !cells.isArray()) {
            throw new InvalidNotebookException(path + " has no cells array");
        }
        boolean idsRequired = root.path("nbformat_minor").asInt(0) >= 5;
        List<NotebookCell> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < cells.size(); i++) {
            NotebookCell cell = cell(cells.get(i), i, idsRequired, path);
            if (!ids.add(cell.id())) {
                throw new InvalidNotebookException(path + ", cell " + (i + 1) + ": the id " + cell.id()
                        + " is used by an earlier cell; cell ids must be unique");
            }
            out.add(cell);
        }
        return new Notebook(path, out);
    }

    private static NotebookCell cell(JsonNode node, int index, boolean idRequired, Path path)
            throws InvalidNotebookException {
        String where = path + ", cell " + (index + 1) + ": ";
        if (!node.isObject()) {
            throw new InvalidNotebookException(where + "a cell must be a JSON object");
        }
        NotebookCell.Type type = switch (node.path("cell_type").asText("")) {
            case "code" -> NotebookCell.Type.CODE;
            case "markdown" -> NotebookCell.Type.MARKDOWN;
            case "raw" -> NotebookCell.Type.RAW;
            default -> throw new InvalidNotebookException(where + "cell_type must be code, markdown or raw, not "
                    + node.get("cell_type"));
        };
        JsonNode idNode = node.get("id");
        String id;
        if (idNode == null) {
            if (idRequired) {
                throw new InvalidNotebookException(where + "nbformat 4.5 requires an id");
            }
            id = "cell-" + (index + 1);
        } else if (!idNode.isTextual() || !ID.matcher(idNode.asText()).matches()) {
            throw new InvalidNotebookException(where + "the id " + idNode + " is not 1 to 64 letters, digits, - or _");
        } else {
            id = idNode.asText();
        }
        JsonNode metadata = node.get("metadata");
        if (metadata != null && !metadata.isObject()) {
            throw new InvalidNotebookException(where + "metadata must be an object");
        }
        JsonNode tags = metadata == null ? null : metadata.get("tags");
        return new NotebookCell(index, id, type, source(node.get("source"), where), tags(tags, where),
                tags == null ? "" : tags.toString());
    }

    private static String source(JsonNode source, String where) throws InvalidNotebookException {
        if (source != null && source.isTextual()) {
            return source.asText();
        }
        if (source == null || !source.isArray()) {
            throw new InvalidNotebookException(where + "source must be a string or a list of strings");
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode line : source) {
            if (!line.isTextual()) {
                throw new InvalidNotebookException(where + "source must be a string or a list of strings, not " + line);
            }
            sb.append(line.asText());
        }
        return sb.toString();
    }

    private static List<String> tags(JsonNode tags, String where) throws InvalidNotebookException {
        if (tags == null) {
            return List.of();
        }
        if (!tags.isArray()) {
            throw new InvalidNotebookException(where + "metadata.tags must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode t : tags) {
            if (!t.isTextual()) {
                throw new InvalidNotebookException(where + "metadata.tags must be a list of strings, not " + t);
            }
            out.add(t.asText());
        }
        return out;
    }
}
