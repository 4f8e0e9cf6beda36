package io.workbench.monitoring;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric and label names a PromQL expression refers to, read lexically: enough for the expressions in
 * monitoring/, not a parser (promtool is the parser; this only finds names to hold against docs/metrics.md).
 */
final class PromQl {
    /** Metrics read, labels read (matchers, grouping, label_replace sources) and labels made by label_replace. */
    record Names(Set<String> metrics, Set<String> labels, Set<String> createdLabels) {
    }

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    // The tail of label_replace(v, "dst", "replacement", "src", "regex").
    private static final Pattern LABEL_REPLACE = Pattern.compile(
            "label_replace\\s*\\(.*?,\\s*\"(\\w+)\"\\s*,\\s*\"(?:[^\"\\\\]|\\\\.)*\"\\s*,\\s*\"(\\w*)\"", Pattern.DOTALL);
    private static final Pattern SELECTOR = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern MATCHER_LABEL = Pattern.compile("(\\w+)\\s*(?:=~|!~|!=|=)");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^()]*)\\)");
    private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:])[A-Za-z_:][\\w:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan", "atan2");
    private static final Pattern GRAFANA_INTERVAL = Pattern.compile("\\$__(?:rate_interval|interval|range)\\b");
    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$([A-Za-z_]\\w*)");

    private PromQl() {
    }

    static Names names(String expr) {
        Set<String> metrics = new TreeSet<>();
        Set<String> labels = new TreeSet<>();
        Set<String> created = new TreeSet<>();
        Matcher replace = LABEL_REPLACE.matcher(expr);
        while (replace.find()) {
            created.add(replace.group(1));
            if (!replace.group(2).isEmpty()) {
                labels.add(replace.group(2));
            }
        }
        String rest = STRING.matcher(expr).replaceAll("\"\"");
        Matcher selector = SELECTOR.matcher(rest);
        while (selector.find()) {
            Matcher label = MATCHER_LABEL.matcher(selector.group(1));
            while (label.find()) {
                labels.add(label.group(1));
            }
        }
        rest = SELECTOR.matcher(rest).replaceAll(" ");
        Matcher grouping = GROUPING.matcher(rest);
        while (grouping.find()) {
            for (String label : grouping.group(1).split(",")) {
                if (!label.isBlank()) {
                    labels.add(label.trim());
                }
            }
        }
        rest = RANGE.matcher(GROUPING.matcher(rest).replaceAll(" ")).replaceAll(" ");
        Matcher identifier = IDENTIFIER.matcher(rest);
        while (identifier.find()) {
            String name = identifier.group();
            if (!KEYWORDS.contains(name) && !isCall(rest, identifier.end())) {
                metrics.add(name);
            }
        }
        labels.remove("__name__");
        return new Names(metrics, labels, created);
    }

    /** A Grafana expression with its variables replaced by values PromQL accepts: intervals by 1m, others by .*. */
    static String withoutGrafanaVariables(String expr) {
        String intervals = GRAFANA_INTERVAL.matcher(expr).replaceAll("1m");
        return GRAFANA_VARIABLE.matcher(intervals).replaceAll(".*");
    }

    private static boolean isCall(String s, int end) {
        int i = end;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i < s.length() && s.charAt(i) == '(';
    }
}
