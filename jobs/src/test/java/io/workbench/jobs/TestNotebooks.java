package io.workbench.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.jobs.notebook.InvalidNotebookException;
import io.workbench.jobs.notebook.Notebook;
import io.workbench.jobs.notebook.NotebookReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Notebooks for tests, written as nbformat 4.5 JSON from cells. */
public final class TestNotebooks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestNotebooks() {
    }

    public static ObjectNode code(String id, String source, String... tags) {
        ObjectNode cell = cell(id, "code", source, tags);
        cell.putNull("execution_count");
        cell.putArray("outputs");
        return cell;
    }

    public static ObjectNode markdown(String id, String source) {
        return cell(id, "markdown", source);
    }

    public static String json(ObjectNode... cells) {
        ObjectNode nb = JSON.createObjectNode();
        ArrayNode list = nb.putArray("cells");
        for (ObjectNode c : cells) {
            list.add(c);
        }
        nb.putObject("metadata").putObject("kernelspec").put("name", "workbench-java").put("language", "java");
        nb.put("nbformat", 4).put("nbformat_minor", 5);
        return nb.toPrettyString();
    }

    public static Path write(Path dir, String name, ObjectNode... cells) throws IOException {
        return Files.writeString(dir.resolve(name), json(cells));
    }

    public static Notebook notebook(ObjectNode... cells) {
        try {
            return NotebookReader.parse(Path.of("test.ipynb"), json(cells));
        } catch (InvalidNotebookException e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectNode cell(String id, String type, String source, String... tags) {
        ObjectNode cell = JSON.createObjectNode().put("id", id).put("cell_type", type);
        ArrayNode t = cell.putObject("metadata").putArray("tags");
        for (String tag : tags) {
            t.add(tag);
        }
        ArrayNode lines = cell.putArray("source");
        for (String line : source.split("(?<=\n)")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return cell;
    }
}
