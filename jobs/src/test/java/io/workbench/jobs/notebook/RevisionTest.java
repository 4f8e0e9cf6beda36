package io.workbench.jobs.notebook;

import static io.workbench.jobs.TestNotebooks.code;
import static io.workbench.jobs.TestNotebooks.markdown;
import static io.workbench.jobs.TestNotebooks.notebook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RevisionTest {
    private static String revision(ObjectNode... cells) {
        return Revision.of(notebook(cells));
    }

    @Test
    void isTwelveHexDigitsOfTheCodeCellsSha256() {
        // Pinned: job.json keeps revisions and the server compares them with the notebook's, so the recipe must not
        // drift. sha256("int a = 1;" NUL "[]" NUL "x" NUL "[\"parameters\"]" NUL)
        assertEquals("9b459820df53", revision(code("a", "int a = 1;"), code("b", "x", "parameters")));
        assertTrue(revision(code("a", "1")).matches("[0-9a-f]{12}"));
    }

    @Test
    void staysWhenOnlyProseOutputsOrIdsChange() {
        String base = revision(markdown("m", "# One"), code("a", "int a = 1;", "x", "y"), code("b", "a"));
        assertEquals(base, revision(markdown("m", "# Another title"), code("a", "int a = 1;", "x", "y"), code("b", "a")));
        assertEquals(base, revision(code("z1", "int a = 1;", "x", "y"), code("z2", "a")));
        ObjectNode withOutput = code("b", "a");
        withOutput.putArray("outputs").addObject().put("output_type", "stream").put("text", "1");
        withOutput.put("execution_count", 3);
        ((ObjectNode) withOutput.get("metadata")).put("collapsed", true);
        assertEquals(base, revision(code("a", "int a = 1;", "x", "y"), withOutput));
    }

    @Test
    void changesWithCodeTagsOrOrder() {
        String base = revision(code("a", "int a = 1;"), code("b", "a"));
        assertNotEquals(base, revision(code("a", "int a = 2;"), code("b", "a")));
        assertNotEquals(base, revision(code("a", "int a = 1;", "exploration"), code("b", "a")));
        assertNotEquals(base, revision(code("b", "a"), code("a", "int a = 1;")));
        // The separators keep a cell boundary from moving unnoticed.
        assertNotEquals(revision(code("a", "ab"), code("b", "c")), revision(code("a", "a"), code("b", "bc")));
    }

    @Test
    void isWhatTheServerComputesFromTheNotebookFile() throws Exception {
        Path repo = Path.of(System.getProperty("workbench.repo", ".."));
        for (String name : new String[] {"02-sales-per-window.ipynb", "06-data-lake.ipynb", "getting-started.ipynb"}) {
            Path file = repo.resolve("notebooks").resolve(name);
            assertEquals(serversRecipe(file), Revision.of(NotebookReader.read(file)), name);
        }
    }

    /** The recipe as workbench-server's jobs.NotebookRevision implements it, on the raw JSON. */
    private static String serversRecipe(Path notebook) throws Exception {
        JsonNode nb = new ObjectMapper().readTree(Files.readString(notebook));
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
    }
}
