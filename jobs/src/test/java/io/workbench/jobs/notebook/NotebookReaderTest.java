package io.workbench.jobs.notebook;

import static io.workbench.jobs.TestNotebooks.code;
import static io.workbench.jobs.TestNotebooks.json;
import static io.workbench.jobs.TestNotebooks.markdown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotebookReaderTest {
    private static final Path NB = Path.of("nb.ipynb");

    @Test
    void readsCellsWithIdsTypesSourcesAndTags() throws Exception {
        Notebook nb = NotebookReader.parse(NB, json(markdown("m1", "# Title\n"),
                code("c1", "int a = 1;\nint b = 2;", "parameters"), code("c2", "a + b", "exploration", "other")));
        assertEquals(3, nb.cells().size());
        NotebookCell c1 = nb.cells().get(1);
        assertEquals("c1", c1.id());
        assertEquals(NotebookCell.Type.CODE, c1.type());
        assertEquals("int a = 1;\nint b = 2;", c1.source());
        assertEquals(List.of("parameters"), c1.tags());
        assertEquals(List.of("exploration", "other"), nb.cells().get(2).tags());
        assertEquals(List.of("c1", "c2"), nb.codeCells().stream().map(NotebookCell::id).toList());
    }

    @Test
    void aSourceMayBeOneString() throws Exception {
        String text = "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": [{\"id\": \"x\","
                + " \"cell_type\": \"code\", \"metadata\": {}, \"source\": \"int a = 1;\\nint b;\"}]}";
        assertEquals("int a = 1;\nint b;", NotebookReader.parse(NB, text).cells().get(0).source());
    }

    @Test
    void notebooksBefore45GetIdsFromTheirPositions() throws Exception {
        String text = "{\"nbformat\": 4, \"nbformat_minor\": 4, \"metadata\": {}, \"cells\": ["
                + "{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": []},"
                + "{\"cell_type\": \"code\", \"metadata\": {}, \"source\": [\"1\"]}]}";
        assertEquals(List.of("cell-1", "cell-2"),
                NotebookReader.parse(NB, text).cells().stream().map(NotebookCell::id).toList());
    }

    @Test
    void whatIsNotANotebookIsRefusedWithWhereItIsWrong() {
        assertRefused("{ not json", "is not JSON");
        assertRefused("[1, 2]", "not an object");
        assertRefused("{\"nbformat\": 3, \"cells\": []}", "not nbformat 4");
        assertRefused("{\"nbformat\": 4, \"nbformat_minor\": 5}", "no cells");
        assertRefused(cells("{\"id\": \"a\", \"cell_type\": \"python\", \"metadata\": {}, \"source\": \"\"}"),
                "cell 1: cell_type must be code, markdown or raw");
        assertRefused(cells("{\"id\": \"a\", \"cell_type\": \"code\", \"metadata\": {}, \"source\": 42}"),
                "cell 1: source must be a string or a list of strings");
        assertRefused(cells("{\"id\": \"a\", \"cell_type\": \"code\", \"metadata\": {}, \"source\": [\"x\", 1]}"),
                "cell 1: source must be");
        assertRefused(cells("{\"id\": \"a\", \"cell_type\": \"code\", \"metadata\": {\"tags\": \"exploration\"},"
                + " \"source\": \"\"}"), "cell 1: metadata.tags must be a list of strings");
        assertRefused(cells("{\"cell_type\": \"code\", \"metadata\": {}, \"source\": \"\"}"), "cell 1: nbformat 4.5 requires an id");
        assertRefused(cells("{\"id\": \"a b\", \"cell_type\": \"code\", \"metadata\": {}, \"source\": \"\"}"),
                "cell 1: the id \"a b\" is not");
        assertRefused(cells("{\"id\": \"a\", \"cell_type\": \"code\", \"metadata\": {}, \"source\": \"\"},"
                + "{\"id\": \"a\", \"cell_type\": \"code\", \"metadata\": {}, \"source\": \"\"}"), "cell 2: the id a is used");
        assertRefused(cells("7"), "cell 1: a cell must be a JSON object");
    }

    @Test
    void headingsNameTheCellsBelowThem() throws Exception {
        Notebook nb = NotebookReader.parse(NB, json(code("c0", "1"), markdown("m1", "# Sales per window\n\ntext"),
                code("c1", "1"), markdown("m2", "Prose only."), code("c2", "2"),
                markdown("m3", "## The queries ##\n### Details"), code("c3", "3")));
        Headings h = Headings.of(nb);
        assertEquals("", h.above("c0"));
        assertEquals("Sales per window", h.above("c1"));
        assertEquals("Sales per window", h.above("c2"));
        assertEquals("Details", h.above("c3"));
        assertEquals("Sales per window", h.title());
    }

    private static String cells(String cells) {
        return "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": [" + cells + "]}";
    }

    private static void assertRefused(String text, String expected) {
        InvalidNotebookException e = assertThrows(InvalidNotebookException.class, () -> NotebookReader.parse(NB, text));
        assertTrue(e.getMessage().contains(expected), () -> "expected \"" + expected + "\" in: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("nb.ipynb"), e.getMessage());
    }
}
