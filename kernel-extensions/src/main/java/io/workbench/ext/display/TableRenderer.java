package io.workbench.ext.display;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a {@link Table} as an HTML table with its schema, as aligned plain text, and as table JSON. */
public final class TableRenderer implements Renderer {

    @Override
    public boolean supports(Object value) {
        return value instanceof Table;
    }

    @Override
    public MimeBundle render(Object value, RenderOptions options) {
        return render((Table) value, options);
    }

    public static MimeBundle render(Table table, RenderOptions options) {
        return MimeBundle.builder()
                .put(MimeBundle.TABLE_JSON, json(table, options))
                .put(MimeBundle.HTML, html(table, options))
                .put(MimeBundle.TEXT, text(table, options))
                .build();
    }

    static String html(Table t, RenderOptions o) {
        StringBuilder sb = new StringBuilder("<div class=\"wb-table\">");
        if (t.title() != null) {
            sb.append("<div class=\"wb-table-title\">").append(Html.escape(t.title())).append("</div>");
        }
        sb.append("<table><thead><tr>");
        java.time.ZoneId zone = Times.displayZone();
        for (Table.Column c : t.columns()) {
            String type = Times.columnType(c.type(), zone);
            sb.append("<th title=\"").append(Html.escape(type)).append("\">").append(Html.escape(c.name()))
                    .append("<br><small>").append(Html.escape(type)).append("</small></th>");
        }
        sb.append("</tr></thead><tbody>");
        int shown = Math.min(t.rows().size(), o.maxRows());
        for (List<Object> row : t.rows().subList(0, shown)) {
            sb.append("<tr>");
            for (Object v : row) {
                sb.append("<td>").append(Html.escape(cell(v, o))).append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</tbody></table>");
        sb.append("<div class=\"wb-table-footer\">").append(footer(t, shown)).append("</div></div>");
        return sb.toString();
    }

    /** Aligned text in the style of Spark's {@code show()}. */
    public static String text(Table t, RenderOptions o) {
        int shown = Math.min(t.rows().size(), o.maxRows());
        int n = t.columns().size();
        int[] width = new int[n];
        List<String[]> cells = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            width[i] = t.columns().get(i).name().length();
        }
        for (List<Object> row : t.rows().subList(0, shown)) {
            String[] r = new String[n];
            for (int i = 0; i < n; i++) {
                r[i] = cell(row.get(i), o);
                width[i] = Math.max(width[i], r[i].length());
            }
            cells.add(r);
        }
        StringBuilder sep = new StringBuilder("+");
        for (int w : width) {
            sep.append("-".repeat(w)).append('+');
        }
        StringBuilder sb = new StringBuilder();
        if (t.title() != null) {
            sb.append(t.title()).append('\n');
        }
        sb.append(sep).append('\n');
        appendRow(sb, t.columns().stream().map(Table.Column::name).toArray(String[]::new), width);
        sb.append(sep).append('\n');
        for (String[] r : cells) {
            appendRow(sb, r, width);
        }
        sb.append(sep).append('\n').append(footer(t, shown));
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, String[] values, int[] width) {
        sb.append('|');
        for (int i = 0; i < values.length; i++) {
            sb.append(" ".repeat(width[i] - values[i].length())).append(values[i]).append('|');
        }
        sb.append('\n');
    }

    private static Map<String, Object> json(Table t, RenderOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (t.title() != null) {
            m.put("title", t.title());
        }
        java.time.ZoneId zone = Times.displayZone();
        m.put("columns", t.columns().stream().map(c -> Map.of("name", c.name(), "type", Times.columnType(c.type(), zone)))
                .toList());
        int shown = Math.min(t.rows().size(), o.maxRows());
        m.put("rows", t.rows().subList(0, shown).stream()
                .map(r -> r.stream().map(v -> v == null ? null : cell(v, o)).toList()).toList());
        m.put("truncated", t.truncated() || shown < t.rows().size());
        return m;
    }

    private static String footer(Table t, int shown) {
        boolean more = t.truncated() || shown < t.rows().size();
        if (more) {
            return "showing the first " + shown + " rows";
        }
        return shown + (shown == 1 ? " row" : " rows");
    }

    /** One value as text, cut to the configured width; an instant in the outputs' zone ({@link Times}). */
    public static String cell(Object v, RenderOptions o) {
        String s;
        if (v == null) {
            s = "null";
        } else if (v instanceof java.time.Instant i) {
            s = Times.dateTime(i, Times.displayZone());
        } else if (v instanceof byte[] b) {
            s = bytes(b);
        } else if (v instanceof Object[] a) {
            s = Arrays.deepToString(a);
        } else {
            s = v.toString();
        }
        return s.length() > o.maxCellChars() ? s.substring(0, o.maxCellChars() - 1) + "…" : s;
    }

    private static String bytes(byte[] b) {
        StringBuilder sb = new StringBuilder("0x");
        for (int i = 0; i < Math.min(b.length, 32); i++) {
            sb.append(String.format("%02x", b[i]));
        }
        return b.length > 32 ? sb.append("… (").append(b.length).append(" bytes)").toString() : sb.toString();
    }
}
