package io.workbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contents API on a real server and a real directory. */
class ContentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServers s;

    @BeforeAll
    static void start() throws Exception {
        s = TestServers.echo();
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void createSaveReadRenameAndDeleteANotebook() throws Exception {
        HttpResponse<String> created = s.call("POST", "/api/contents", "{\"type\":\"notebook\"}");
        assertEquals(201, created.statusCode(), created.body());
        String path = json(created).path("path").asText();
        assertTrue(path.startsWith("Untitled") && path.endsWith(".ipynb"), path);

        JsonNode model = json(s.get("/api/contents/" + path));
        ObjectNode nb = (ObjectNode) model.path("content");
        assertEquals(5, nb.path("nbformat_minor").asInt());
        assertFalse(nb.path("cells").get(0).path("id").asText().isEmpty(), "cells have ids (nbformat 4.5)");
        ObjectNode cell = (ObjectNode) nb.withArray("cells").get(0);
        cell.put("source", "int a = 1;\nint b = 2;\n");
        cell.putArray("outputs").addObject().put("output_type", "stream").put("name", "stdout").put("text", "x\ny\n");
        ObjectNode body = JSON.createObjectNode().put("type", "notebook").put("format", "json")
                .put("last_modified", model.path("last_modified").asText());
        body.set("content", nb);
        HttpResponse<String> saved = s.call("PUT", "/api/contents/" + path, body.toString());
        assertEquals(200, saved.statusCode(), saved.body());

        String onDisk = Files.readString(s.notebooks.resolve(path));
        assertTrue(onDisk.contains("\"int a = 1;\\n\",") && onDisk.contains("\"x\\n\","),
                "multi-line strings are lists of lines on disk: " + onDisk);
        JsonNode reread = json(s.get("/api/contents/" + path)).path("content");
        assertEquals("int a = 1;\nint b = 2;\n", reread.path("cells").get(0).path("source").asText());
        assertEquals("x\ny\n", reread.path("cells").get(0).path("outputs").get(0).path("text").asText());

        HttpResponse<String> renamed = s.call("PATCH", "/api/contents/" + path, "{\"path\":\"renamed.ipynb\"}");
        assertEquals(200, renamed.statusCode());
        assertTrue(Files.exists(s.notebooks.resolve("renamed.ipynb")));
        assertFalse(Files.exists(s.notebooks.resolve(path)));
        assertEquals(409, s.call("PATCH", "/api/contents/renamed.ipynb", "{\"path\":\"renamed.ipynb\"}").statusCode());
        assertEquals(204, s.call("DELETE", "/api/contents/renamed.ipynb", null).statusCode());
        assertEquals(404, s.get("/api/contents/renamed.ipynb").statusCode());
    }

    @Test
    void aSaveOverAFileChangedOnDiskIsAConflict() throws Exception {
        String path = json(s.call("POST", "/api/contents", "{\"type\":\"notebook\"}")).path("path").asText();
        JsonNode model = json(s.get("/api/contents/" + path));
        Thread.sleep(20);
        Files.writeString(s.notebooks.resolve(path), Files.readString(s.notebooks.resolve(path)).replace("\"cells\"", "\"cells\" "));
        ObjectNode body = JSON.createObjectNode().put("type", "notebook")
                .put("last_modified", model.path("last_modified").asText());
        body.set("content", model.path("content"));
        HttpResponse<String> r = s.call("PUT", "/api/contents/" + path, body.toString());
        assertEquals(409, r.statusCode(), r.body());
        assertTrue(json(r).path("message").asText().contains("changed on disk"));
        body.remove("last_modified");
        assertEquals(200, s.call("PUT", "/api/contents/" + path, body.toString()).statusCode(), "without a version the save wins");
    }

    @Test
    void aMalformedNotebookIsReportedAndNeverOverwritten() throws Exception {
        String broken = "{\"nbformat\": 4, \"cells\": [ {\"cell_type\": \"code\", \"source\": \"x\" ";
        Path file = Files.writeString(s.notebooks.resolve("broken.ipynb"), broken);
        HttpResponse<String> r = s.get("/api/contents/broken.ipynb");
        assertEquals(422, r.statusCode());
        String message = json(r).path("message").asText();
        assertTrue(message.contains("broken.ipynb is not valid JSON (line 1") && message.contains("left as it is"), message);
        assertEquals(broken, Files.readString(file), "a failed load changes nothing");

        HttpResponse<String> bad = s.call("PUT", "/api/contents/broken.ipynb",
                "{\"type\":\"notebook\",\"content\":{\"nbformat\":4,\"cells\":[{\"cell_type\":\"nonsense\",\"source\":\"\"}]}}");
        assertEquals(422, bad.statusCode());
        assertEquals(broken, Files.readString(file), "an invalid save writes nothing");
    }

    @Test
    void checkpointsCanBeCreatedListedAndRestored() throws Exception {
        String path = json(s.call("POST", "/api/contents", "{\"type\":\"notebook\"}")).path("path").asText();
        String original = Files.readString(s.notebooks.resolve(path));
        assertEquals(201, s.call("POST", "/api/contents/" + path + "/checkpoints", null).statusCode());
        assertEquals("checkpoint", json(s.get("/api/contents/" + path + "/checkpoints")).get(0).path("id").asText());
        Files.writeString(s.notebooks.resolve(path), original.replace("\"cells\"", "\"cells\"   "));
        assertEquals(204, s.call("POST", "/api/contents/" + path + "/checkpoints/checkpoint", null).statusCode());
        assertEquals(original, Files.readString(s.notebooks.resolve(path)));
        assertFalse(json(s.get("/api/contents")).toString().contains("ipynb_checkpoints"), "checkpoints stay hidden");
    }

    @Test
    void savesLeaveNoTemporaryFilesBehind() throws Exception {
        String path = json(s.call("POST", "/api/contents", "{\"type\":\"notebook\"}")).path("path").asText();
        JsonNode content = json(s.get("/api/contents/" + path)).path("content");
        for (int i = 0; i < 20; i++) {
            ObjectNode body = JSON.createObjectNode().put("type", "notebook");
            body.set("content", content);
            assertEquals(200, s.call("PUT", "/api/contents/" + path, body.toString()).statusCode());
        }
        try (Stream<Path> files = Files.list(s.notebooks)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }
}
