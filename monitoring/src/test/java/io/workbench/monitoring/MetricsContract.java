package io.workbench.monitoring;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric and label names docs/metrics.md declares: what dashboards and rules may refer to, so that renaming a
 * metric in the code and in that document, but not in monitoring/, fails the build.
 */
final class MetricsContract {
    private static final Pattern BACKTICKED = Pattern.compile("`([a-z_:][a-z0-9_:]*)`");
    private static final Set<String> TYPES = Set.of("gauge", "counter", "histogram", "summary");
    // Labels that Prometheus adds or uses itself, and those of Micrometer's JVM metrics (docs/metrics.md: "Every JVM").
    private static final Set<String> PROMETHEUS_LABELS = Set.of("job", "instance", "le", "quantile");
    private static final Set<String> JVM_LABELS = Set.of("area", "id", "gc", "action", "cause", "state");

    private final Map<String, String> metricTypes;
    private final Set<String> backticked;

    private MetricsContract(Map<String, String> metricTypes, Set<String> backticked) {
        this.metricTypes = metricTypes;
        this.backticked = backticked;
    }

    static MetricsContract read(Path doc) {
        Map<String, String> types = new HashMap<>();
        Set<String> backticked = new HashSet<>();
        for (String line : MonitoringFiles.read(doc).split("\n")) {
            Matcher names = BACKTICKED.matcher(line);
            while (names.find()) {
                String name = names.group(1);
                backticked.add(name);
                if (name.startsWith("workbench_") || name.startsWith("kafka_")) {
                    types.putIfAbsent(name, "");
                }
            }
            String[] cells = line.split("\\|");
            if (line.startsWith("|") && cells.length > 2 && TYPES.contains(cells[2].trim())) {
                Matcher declared = BACKTICKED.matcher(cells[1]);
                while (declared.find()) {
                    types.put(declared.group(1), cells[2].trim());
                }
            }
        }
        return new MetricsContract(types, backticked);
    }

    /** Declared in docs/metrics.md, or a series Prometheus derives from one (a histogram's _bucket, _sum, _count). */
    boolean declaresMetric(String name) {
        if (metricTypes.containsKey(name)) {
            return true;
        }
        return derived(name, "_bucket", Set.of("histogram"))
                || derived(name, "_sum", Set.of("histogram", "summary"))
                || derived(name, "_count", Set.of("histogram", "summary"));
    }

    /** Prometheus's up, and the JVM, process and system metrics every JVM serves under Micrometer's names. */
    static boolean isStandardMetric(String name) {
        return name.equals("up") || name.startsWith("jvm_") || name.startsWith("process_") || name.startsWith("system_");
    }

    /** A label docs/metrics.md names (a metric's or a discovery target's), or one of Prometheus's or the JVM's. */
    boolean declaresLabel(String name) {
        return backticked.contains(name) || PROMETHEUS_LABELS.contains(name) || JVM_LABELS.contains(name);
    }

    private boolean derived(String name, String suffix, Set<String> types) {
        if (!name.endsWith(suffix)) {
            return false;
        }
        String type = metricTypes.get(name.substring(0, name.length() - suffix.length()));
        return type != null && types.contains(type);
    }
}
