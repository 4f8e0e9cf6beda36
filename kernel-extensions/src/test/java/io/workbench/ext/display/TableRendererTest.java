package io.workbench.ext.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableRendererTest {
    private static final String XSS = "<script>alert(1)</script>";

    @Test
    void htmlEscapesCellsColumnNamesTypesAndTitle() {
        Table t = Table.builder(XSS).column(XSS, XSS).column("quote\"d", "string").row(XSS, "a & 'b'").build();
        String html = (String) TableRenderer.render(t, RenderOptions.DEFAULT).data().get(MimeBundle.HTML);

        assertFalse(html.toLowerCase().contains("<script"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertTrue(html.contains("quote&quot;d"), html);
        assertTrue(html.contains("a &amp; &#39;b&#39;"), html);
        // title, column name, column type (attribute and label) and the cell: every one escaped
        assertEquals(5, occurrences(html, "&lt;script&gt;"), html);
    }

    @Test
    void textIsAlignedLikeSparkShow() {
        Table t = Table.builder(null).column("id", "int").column("name", "string")
                .row(1, "alice").row(22, "bob").row(333, null).build();
        String text = TableRenderer.text(t, RenderOptions.DEFAULT);

        String expected = String.join("\n",
                "+---+-----+",
                "| id| name|",
                "+---+-----+",
                "|  1|alice|",
                "| 22|  bob|",
                "|333| null|",
                "+---+-----+",
                "3 rows");
        assertEquals(expected, text);
    }

    @Test
    void textStartsWithTheTitle() {
        Table t = Table.builder("topic orders").column("partition", "int").row(0).build();
        String[] lines = TableRenderer.text(t, RenderOptions.DEFAULT).split("\n");
        assertEquals("topic orders", lines[0]);
        assertEquals("+---------+", lines[1]);
        assertEquals("|        0|", lines[4]);
        assertEquals("1 row", lines[lines.length - 1]);
    }

    @Test
    void rowLimitAppliesToEveryRepresentation() {
        Table.Builder b = Table.builder("numbers").column("n", "int");
        for (int i = 0; i < 25; i++) {
            b.row(i);
        }
        MimeBundle bundle = TableRenderer.render(b.build(), new RenderOptions(10, 200));

        String text = bundle.textPlain();
        assertTrue(text.contains("\n|9|\n"), text);
        assertFalse(text.contains("|10|"), text);
        assertEquals(10, text.lines().filter(l -> l.matches("\\|\\d+\\|")).count(), text);
        assertTrue(text.endsWith("showing the first 10 rows"), text);

        String html = (String) bundle.data().get(MimeBundle.HTML);
        assertEquals(10, occurrences(html, "<tr><td>"), html);
        assertTrue(html.contains("showing the first 10 rows"), html);

        Map<?, ?> json = (Map<?, ?>) bundle.data().get(MimeBundle.TABLE_JSON);
        assertEquals(10, ((List<?>) json.get("rows")).size());
        assertEquals(true, json.get("truncated"));
    }

    @Test
    void truncatedSourceSaysSoEvenWithinTheLimit() {
        Table t = Table.builder(null).column("n", "int").row(1).row(2).truncated(true).build();
        MimeBundle bundle = TableRenderer.render(t, RenderOptions.DEFAULT);
        assertTrue(bundle.textPlain().endsWith("showing the first 2 rows"), bundle.textPlain());
        assertEquals(true, ((Map<?, ?>) bundle.data().get(MimeBundle.TABLE_JSON)).get("truncated"));
    }

    @Test
    void tableJsonHasTitleColumnsRowsAndTruncated() {
        Table t = Table.builder("people").column("name", "string").column("age", "int")
                .row("ann", 31).row(null, 7).build();
        Map<?, ?> json = (Map<?, ?>) TableRenderer.render(t, RenderOptions.DEFAULT).data().get(MimeBundle.TABLE_JSON);

        assertEquals("people", json.get("title"));
        assertEquals(List.of(Map.of("name", "name", "type", "string"), Map.of("name", "age", "type", "int")),
                json.get("columns"));
        List<?> rows = (List<?>) json.get("rows");
        assertEquals(List.of("ann", "31"), rows.get(0));
        assertNull(((List<?>) rows.get(1)).get(0), "null stays null, not the text null");
        assertEquals("7", ((List<?>) rows.get(1)).get(1));
        assertEquals(false, json.get("truncated"));
    }

    @Test
    void bundleOffersJsonHtmlAndText() {
        Table t = Table.builder(null).column("a", "int").row(1).build();
        assertEquals(Set.of(MimeBundle.TABLE_JSON, MimeBundle.HTML, MimeBundle.TEXT),
                TableRenderer.render(t, RenderOptions.DEFAULT).data().keySet());
        assertTrue(new TableRenderer().supports(t));
        assertFalse(new TableRenderer().supports("a string"));
    }

    @Test
    void cellsAreCutToTheConfiguredWidthAndBytesShowAsHex() {
        RenderOptions narrow = new RenderOptions(20, 5);
        assertEquals("abcd…", TableRenderer.cell("abcdefgh", narrow));
        assertEquals("abcde", TableRenderer.cell("abcde", narrow));
        assertEquals("0x00ff10", TableRenderer.cell(new byte[] {0, (byte) 0xff, 0x10}, RenderOptions.DEFAULT));
        assertTrue(TableRenderer.cell(new byte[40], RenderOptions.DEFAULT).endsWith("… (40 bytes)"));
        assertEquals("[a, [1, 2]]", TableRenderer.cell(new Object[] {"a", new int[] {1, 2}}, RenderOptions.DEFAULT));
        assertEquals("null", TableRenderer.cell(null, RenderOptions.DEFAULT));
    }

    private static int occurrences(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
