package io.workbench.ext.live;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import io.workbench.ext.display.Times;

/**
 * The HTML and text of a live view for front ends that do not know the workbench's JSON: a status line, the
 * error if any, a line chart as inline SVG, and the table. No script, so sandboxed outputs show it as is. Times are
 * shown in the view's time zone (the session's), named in the column headers and the status line.
 */
final class LiveHtml {
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
            "#e377c2", "#7f7f7f"};
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private LiveHtml() {
    }

    @SuppressWarnings("unchecked")
    static String statusLine(Map<String, Object> json) {
        Map<String, Object> q = (Map<String, Object>) json.get("query");
        Map<String, Object> p = (Map<String, Object>) json.get("progress");
        ZoneId zone = zone(json);
        StringBuilder s = new StringBuilder().append(q.get("name")).append(" [").append(q.get("status")).append("]");
        if (p.get("batchId") != null) {
            s.append(" batch ").append(p.get("batchId"))
                    .append(" · in ").append(num(p.get("inputRowsPerSecond"))).append(" rows/s")
                    .append(" · processed ").append(num(p.get("processedRowsPerSecond"))).append(" rows/s")
                    .append(" · ").append(p.get("batchDurationMs")).append(" ms");
            if (p.get("watermark") != null) {
                s.append(" · watermark ").append(time(p.get("watermark"), zone)).append(" / max event ")
                        .append(time(p.get("maxEventTime"), zone)).append(" ").append(zone.getId());
            }
            s.append(" · late dropped ").append(p.get("droppedLate")).append(" · state rows ").append(p.get("stateRows"));
            if (p.get("offsetsBehindLatest") != null) {
                s.append(" · behind ").append(p.get("offsetsBehindLatest"));
            }
        } else if ("running".equals(q.get("status"))) {
            s.append(" waiting for the first batch");
        }
        return s.toString();
    }

    @SuppressWarnings("unchecked")
    static String html(Map<String, Object> json) {
        Map<String, Object> q = (Map<String, Object>) json.get("query");
        ZoneId zone = zone(json);
        StringBuilder h = new StringBuilder("<div class=\"workbench-live\">");
        h.append("<div style=\"font-family:monospace;font-size:12px\">").append(esc(statusLine(json))).append("</div>");
        if (q.get("error") != null) {
            h.append("<pre style=\"color:#b00020;white-space:pre-wrap\">").append(esc(String.valueOf(q.get("error"))))
                    .append("</pre>");
        }
        List<Map<String, Object>> cols = (List<Map<String, Object>>) json.get("columns");
        if (cols != null) {
            List<List<Object>> rows = (List<List<Object>>) json.get("rows");
            Map<String, Object> chart = (Map<String, Object>) json.get("chart");
            if (chart != null) {
                h.append(svg(cols, rows, chart, zone));
            }
            h.append("<table><thead><tr>");
            for (Map<String, Object> c : cols) {
                h.append("<th>").append(esc(header(c, zone))).append("</th>");
            }
            h.append("</tr></thead><tbody>");
            for (List<Object> r : rows) {
                h.append("<tr>");
                for (Object v : r) {
                    h.append("<td>").append(esc(cell(v, zone))).append("</td>");
                }
                h.append("</tr>");
            }
            h.append("</tbody></table>");
        }
        return h.append("</div>").toString();
    }

    /** The time zone a view's times are shown in: its "timeZone" field, UTC without one. */
    static ZoneId zone(Map<String, Object> json) {
        return Times.zone((String) json.get("timeZone"));
    }

    /** A column header: its name, and for times the zone they are shown in, as "minute (UTC)". */
    static String header(Map<String, Object> column, ZoneId zone) {
        String type = String.valueOf(column.get("type"));
        String name = String.valueOf(column.get("name"));
        return type.startsWith("timestamp") || type.startsWith("struct<start:timestamp") ? name + " (" + zone.getId() + ")" : name;
    }

    /**
     * A value as a table cell: windows as "10:00:00–10:01:00", timestamps as "2026-11-30 10:00:00" in the view's
     * zone, numbers with at most two decimals.
     */
    static String cell(Object v, ZoneId zone) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map<?, ?> m && m.containsKey("start") && m.containsKey("end")) {
            return time(m.get("start"), zone) + "–" + time(m.get("end"), zone);
        }
        if (Times.isInstant(v)) {
            return Times.dateTime((String) v, zone);
        }
        if (v instanceof Double || v instanceof Float) {
            return num(v);
        }
        return String.valueOf(v);
    }

    private static String svg(List<Map<String, Object>> cols, List<List<Object>> rows, Map<String, Object> chart,
                              ZoneId zone) {
        int xi = index(cols, (String) chart.get("x"));
        int yi = index(cols, (String) chart.get("y"));
        int si = chart.get("series") == null ? -1 : index(cols, (String) chart.get("series"));
        Map<String, TreeMap<Long, Double>> series = new LinkedHashMap<>();
        long minX = Long.MAX_VALUE;
        long maxX = Long.MIN_VALUE;
        double maxY = 0;
        for (List<Object> r : rows) {
            Object start = LiveTable.start(r.get(xi));
            if (!(start instanceof String s) || !(r.get(yi) instanceof Number y)) {
                continue;
            }
            long x = Instant.parse(s).toEpochMilli();
            String name = si < 0 ? String.valueOf(cols.get(yi).get("name")) : String.valueOf(r.get(si));
            series.computeIfAbsent(name, k -> new TreeMap<>()).merge(x, y.doubleValue(), Double::sum);
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            maxY = Math.max(maxY, y.doubleValue());
        }
        if (series.isEmpty()) {
            return "";
        }
        int w = 640;
        int ht = 180;
        int left = 50;
        int bottom = 20;
        double spanX = Math.max(1, maxX - minX);
        double spanY = maxY <= 0 ? 1 : maxY;
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w + 140)
                .append("\" height=\"").append(ht + bottom + 10).append("\" style=\"font:11px sans-serif\">");
        s.append("<line x1=\"").append(left).append("\" y1=\"").append(ht).append("\" x2=\"").append(w)
                .append("\" y2=\"").append(ht).append("\" stroke=\"#999\"/>");
        s.append("<text x=\"2\" y=\"12\">").append(esc(num(maxY))).append("</text>");
        s.append("<text x=\"2\" y=\"").append(ht).append("\">0</text>");
        s.append("<text x=\"").append(left).append("\" y=\"").append(ht + 15).append("\">")
                .append(esc(HM.format(Instant.ofEpochMilli(minX).atZone(zone)))).append("</text>");
        s.append("<text x=\"").append(w - 30).append("\" y=\"").append(ht + 15).append("\">")
                .append(esc(HM.format(Instant.ofEpochMilli(maxX).atZone(zone)))).append("</text>");
        List<String> names = new ArrayList<>(series.keySet());
        for (int i = 0; i < names.size() && i < COLORS.length; i++) {
            StringBuilder pts = new StringBuilder();
            for (Map.Entry<Long, Double> e : series.get(names.get(i)).entrySet()) {
                double px = left + (e.getKey() - minX) / spanX * (w - left);
                double py = ht - e.getValue() / spanY * (ht - 10);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
            }
            s.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(COLORS[i]).append("\" points=\"")
                    .append(pts.toString().trim()).append("\"/>");
            s.append("<text x=\"").append(w + 8).append("\" y=\"").append(14 + 14 * i).append("\" fill=\"")
                    .append(COLORS[i]).append("\">").append(esc(names.get(i))).append("</text>");
        }
        return s.append("</svg>").toString();
    }

    private static int index(List<Map<String, Object>> cols, String name) {
        for (int i = 0; i < cols.size(); i++) {
            if (name.equals(cols.get(i).get("name"))) {
                return i;
            }
        }
        return -1;
    }

    static String num(Object v) {
        if (!(v instanceof Number n)) {
            return "–";
        }
        double d = n.doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) d)
                : String.format(Locale.ROOT, "%,.2f", d);
    }

    static String time(Object iso, ZoneId zone) {
        if (!(iso instanceof String s)) {
            return "–";
        }
        try {
            return Times.time(s, zone);
        } catch (RuntimeException e) {
            return s;
        }
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
