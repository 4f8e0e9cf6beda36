package io.workbench.ext.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RenderersTest {

    @Test
    void plainTextOfSimpleValues() {
        assertEquals("null", Renderers.plainText(null));
        assertEquals("\"hello\"", Renderers.plainText("hello"));
        assertEquals("\"\"", Renderers.plainText(""));
        assertEquals("42", Renderers.plainText(42));
        assertEquals("[a, b]", Renderers.plainText(List.of("a", "b")));
    }

    @Test
    void plainTextSpellsOutArrays() {
        assertEquals("[1, 2, 3]", Renderers.plainText(new int[] {1, 2, 3}));
        assertEquals("[true, false]", Renderers.plainText(new boolean[] {true, false}));
        assertEquals("[x, y]", Renderers.plainText(new char[] {'x', 'y'}));
        assertEquals("[-1, 0]", Renderers.plainText(new byte[] {-1, 0}));
        assertEquals("[1.5, 2.0]", Renderers.plainText(new double[] {1.5, 2}));
        assertEquals("[a, [1, 2], null]", Renderers.plainText(new Object[] {"a", new int[] {1, 2}, null}));
        assertEquals("[[x]]", Renderers.plainText(new String[][] {{"x"}}));
    }

    @Test
    void plainTextAbbreviatesBigCollectionsAndMaps() {
        List<Integer> big = IntStream.range(0, 150).boxed().toList();
        String text = Renderers.plainText(big);
        assertTrue(text.startsWith("[0, 1, 2, "), text);
        assertTrue(text.contains(", 99, "), text);
        assertFalse(text.contains(", 100,"), text);
        assertTrue(text.endsWith(", … (150 elements)]"), text);

        List<Integer> exactly100 = IntStream.range(0, 100).boxed().toList();
        assertEquals(exactly100.toString(), Renderers.plainText(exactly100));

        Map<Integer, Integer> bigMap = new TreeMap<>();
        IntStream.range(0, 101).forEach(i -> bigMap.put(i, i));
        assertEquals("{… 101 entries}", Renderers.plainText(bigMap));
        assertEquals("{1=2}", Renderers.plainText(Map.of(1, 2)));
    }

    @Test
    void valuesNobodyClaimsBecomePlainText() {
        Renderers renderers = new Renderers();
        assertEquals(Map.of(MimeBundle.TEXT, "\"x\""), renderers.render("x").data());
        assertEquals(Map.of(MimeBundle.TEXT, "null"), renderers.render(null).data());
        assertEquals(Map.of(MimeBundle.TEXT, "[1, 2]"), renderers.render(new long[] {1, 2}).data());
    }

    @Test
    void aRenderableRendersItself() {
        MimeBundle own = MimeBundle.builder().put(MimeBundle.HTML, "<b>mine</b>").put(MimeBundle.TEXT, "mine").build();
        Renderable value = () -> own;
        assertEquals(own, new Renderers().render(value));
    }

    @Test
    void aRenderableWinsOverTheImageRenderer() {
        MimeBundle own = MimeBundle.text("a chart that describes itself");
        assertEquals(own, new Renderers().render(new RenderableImage(own)));
    }

    @Test
    void imagesBecomePng() {
        MimeBundle bundle = new Renderers().render(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB));
        assertEquals("image 3x2", bundle.textPlain());
        String png = (String) bundle.data().get(MimeBundle.PNG);
        assertNotNull(png);
        byte[] bytes = java.util.Base64.getDecoder().decode(png);
        assertEquals("PNG", new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void tablesRenderAsTables() {
        Table t = Table.builder("t").column("a", "int").row(1).build();
        MimeBundle bundle = new Renderers().render(t);
        assertTrue(bundle.data().containsKey(MimeBundle.HTML));
        assertTrue(bundle.data().containsKey(MimeBundle.TABLE_JSON));
    }

    @Test
    void tablesHonourTheRenderersRowLimit() {
        Table.Builder b = Table.builder(null).column("n", "int");
        IntStream.range(0, 30).forEach(b::row);
        Renderers renderers = new Renderers();
        renderers.options(new RenderOptions(3, 200));

        MimeBundle bundle = renderers.render(b.build());
        assertTrue(bundle.textPlain().endsWith("showing the first 3 rows"), bundle.textPlain());
        Map<?, ?> json = (Map<?, ?>) bundle.data().get(MimeBundle.TABLE_JSON);
        assertEquals(3, ((List<?>) json.get("rows")).size());
    }

    @Test
    void laterRegistrationsTakePrecedence() {
        Renderers renderers = new Renderers();
        List<String> asked = new ArrayList<>();
        renderers.register(stringRenderer("first", asked));
        renderers.register(stringRenderer("second", asked));

        assertEquals("second", renderers.render("x").textPlain());
        assertEquals(List.of("second"), asked, "the first renderer is not consulted once the second claims it");
        assertEquals("1", renderers.render(1).textPlain(), "values they do not support fall through");
    }

    @Test
    void aRegisteredRendererOverridesTheBuiltIns() {
        Renderers renderers = new Renderers();
        renderers.register(new Renderer() {
            @Override
            public boolean supports(Object value) {
                return value instanceof Table;
            }

            @Override
            public MimeBundle render(Object value, RenderOptions options) {
                return MimeBundle.text("custom table with limit " + options.maxRows());
            }
        });
        renderers.options(new RenderOptions(7, 100));
        assertEquals("custom table with limit 7",
                renderers.render(Table.builder(null).column("a", "int").build()).textPlain());
    }

    private static Renderer stringRenderer(String name, List<String> asked) {
        return new Renderer() {
            @Override
            public boolean supports(Object value) {
                asked.add(name);
                return value instanceof String;
            }

            @Override
            public MimeBundle render(Object value, RenderOptions options) {
                return MimeBundle.text(name);
            }
        };
    }

    private static final class RenderableImage extends BufferedImage implements Renderable {
        private final MimeBundle bundle;

        RenderableImage(MimeBundle bundle) {
            super(1, 1, BufferedImage.TYPE_INT_RGB);
            this.bundle = bundle;
        }

        @Override
        public MimeBundle toMimeBundle() {
            return bundle;
        }
    }
}
