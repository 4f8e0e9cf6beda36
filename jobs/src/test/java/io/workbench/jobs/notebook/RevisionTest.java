package io.workbench.jobs.notebook;

import static io.workbench.jobs.TestNotebooks.code;
import static io.workbench.jobs.TestNotebooks.markdown;
import static io.workbench.jobs.TestNotebooks.notebook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class RevisionTest {
    private static String revision(ObjectNode... cells) {
        return Revision.of(notebook(cells));
    }

    @Test
    void isTwelveHexDigitsOfTheCodeCellsSha256() {
        // Pinned: the UI compares revisions across versions of the exporter, so the recipe must not drift.
        // sha256("" + US + "int a = 1;" + RS + "parameters" + US + "x" + RS)
        assertEquals("322aa5f828e8", revision(code("a", "int a = 1;"), code("b", "x", "parameters")));
        assertTrue(revision(code("a", "1")).matches("[0-9a-f]{12}"));
    }

    @Test
    void staysWhenOnlyProseOutputsIdsOrTagOrderChange() {
        String base = revision(markdown("m", "# One"), code("a", "int a = 1;", "x", "y"), code("b", "a"));
        assertEquals(base, revision(markdown("m", "# Another title"), code("a", "int a = 1;", "x", "y"), code("b", "a")));
        assertEquals(base, revision(code("z1", "int a = 1;", "x", "y"), code("z2", "a")));
        assertEquals(base, revision(code("a", "int a = 1;", "y", "x"), code("b", "a")));
        ObjectNode withOutput = code("b", "a");
        withOutput.putArray("outputs").addObject().put("output_type", "stream").put("text", "1");
        withOutput.put("execution_count", 3);
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
}
