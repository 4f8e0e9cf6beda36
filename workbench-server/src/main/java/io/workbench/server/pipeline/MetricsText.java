package io.workbench.server.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Prometheus's text exposition format 0.0.4 (https://prometheus.io/docs/instrumenting/exposition_formats/),
 * the format every workbench process serves at /metrics, into samples. Comments ({@code # HELP}, {@code # TYPE}) and
 * timestamps are skipped; a line that does not parse is skipped rather than failing the whole scrape. Our own code
 * because no maintained Java library parses this format (Prometheus's Java client only writes it); it is small and
 * covered by MetricsTextTest.
 */
public final class MetricsText {
    /** One sample: a metric name, its labels (in the order served) and its value (NaN and ±Inf allowed). */
    public record Sample(String name, Map<String, String> labels, double value) {
        /** The value of {@code label}, or "" when the sample has no such label. */
        public String label(String label) {
            return labels.getOrDefault(label, "");
        }
    }

    private MetricsText() {
    }

    /** Every sample in {@code text}, in order. Never throws on malformed input: bad lines are left out. */
    public static List<Sample> parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            Sample s = line(l);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private static Sample line(String l) {
        int i = 0;
        while (i < l.length() && l.charAt(i) != '{' && !Character.isWhitespace(l.charAt(i))) {
            i++;
        }
        String name = l.substring(0, i);
        if (name.isEmpty()) {
            return null;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < l.length() && l.charAt(i) == '{') {
            i++;
            while (true) {
                while (i < l.length() && (l.charAt(i) == ',' || l.charAt(i) == ' ')) {
                    i++;
                }
                if (i >= l.length()) {
                    return null;
                }
                if (l.charAt(i) == '}') {
                    i++;
                    break;
                }
                int eq = l.indexOf('=', i);
                if (eq < 0 || eq + 1 >= l.length() || l.charAt(eq + 1) != '"') {
                    return null;
                }
                String key = l.substring(i, eq).strip();
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; j < l.length() && l.charAt(j) != '"'; j++) {
                    char c = l.charAt(j);
                    if (c == '\\' && j + 1 < l.length()) {
                        char n = l.charAt(++j);
                        value.append(n == 'n' ? '\n' : n);
                    } else {
                        value.append(c);
                    }
                }
                if (j >= l.length()) {
                    return null;
                }
                labels.put(key, value.toString());
                i = j + 1;
            }
        }
        String[] rest = l.substring(i).strip().split("\\s+");
        if (rest.length == 0 || rest[0].isEmpty()) {
            return null;
        }
        double value;
        switch (rest[0]) {
            case "+Inf", "Inf" -> value = Double.POSITIVE_INFINITY;
            case "-Inf" -> value = Double.NEGATIVE_INFINITY;
            case "NaN" -> value = Double.NaN;
            default -> {
                try {
                    value = Double.parseDouble(rest[0]);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return new Sample(name, labels, value);
    }
}
