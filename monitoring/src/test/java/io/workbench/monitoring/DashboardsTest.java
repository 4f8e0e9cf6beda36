package io.workbench.monitoring;

import static io.workbench.monitoring.MonitoringFiles.GRAFANA;
import static io.workbench.monitoring.MonitoringFiles.map;
import static io.workbench.monitoring.MonitoringFiles.maps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that Grafana can provision the dashboards from files as they are (a datasource by a fixed uid, dashboards
 * with stable uids, no import-time inputs, panels on a 24-column grid that do not overlap), that every expression in
 * them is PromQL that promtool accepts, and that every metric and label the dashboards, the rules and the rule unit
 * tests name is declared in docs/metrics.md: a metric renamed there but not here fails the build.
 */
class DashboardsTest {
    private static final Set<String> PANEL_TYPES = Set.of("timeseries", "stat", "table");
    private static final Pattern UID = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*(?:(.*),\\s*)?(\\w+)\\s*\\)");
    private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");
    private static final Pattern TEMPLATE_LABEL = Pattern.compile("\\$labels\\.(\\w+)");
    private static final Pattern SERIES_NAME = Pattern.compile("^\\s*([A-Za-z_:][\\w:]*)");

    @TempDir
    Path tmp;

    @Test
    void theDatasourceIsProvisionedWithTheUidTheDashboardsUse() {
        List<Map<String, Object>> sources = maps(MonitoringFiles.yaml(
                GRAFANA.resolve("provisioning/datasources/prometheus.yml")).get("datasources"));
        assertEquals(1, sources.size());
        Map<String, Object> source = sources.get(0);
        assertEquals("workbench-prometheus", source.get("uid"));
        assertEquals("prometheus", source.get("type"));
        assertEquals("http://127.0.0.1:9090", source.get("url"));
    }

    @Test
    void dashboardsAreProvisionedFromFiles() {
        List<Map<String, Object>> providers = maps(MonitoringFiles.yaml(
                GRAFANA.resolve("provisioning/dashboards/workbench.yml")).get("providers"));
        assertEquals(1, providers.size());
        assertEquals("file", providers.get(0).get("type"));
        assertTrue(map(providers.get(0).get("options")).get("path") instanceof String, "the provider needs options.path");
    }

    @Test
    void dashboardsHaveWhatFileProvisioningNeeds() {
        Set<String> uids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (Path file : MonitoringFiles.dashboards()) {
            String text = MonitoringFiles.read(file);
            assertFalse(text.contains("${DS_"), file + ": a ${DS_...} input; name the datasource by its uid");
            JsonNode dash = MonitoringFiles.json(file);
            assertFalse(dash.has("__inputs"), file + ": __inputs is for manual import, not provisioning");
            assertTrue(dash.has("id") && dash.get("id").isNull(), file + ": id must be null");
            String uid = dash.path("uid").asText("");
            assertTrue(UID.matcher(uid).matches(), file + ": uid must be 1-40 letters, digits, - or _: " + uid);
            assertTrue(uids.add(uid), file + ": uid used twice: " + uid);
            assertTrue(titles.add(dash.path("title").asText("")) && !dash.path("title").asText("").isBlank(),
                    file + ": a unique, non-empty title");
            assertTrue(dash.path("schemaVersion").isInt(), file + ": schemaVersion");
            assertTrue(dash.path("panels").isArray() && !dash.path("panels").isEmpty(), file + ": no panels");
            checkPanels(file, dash.path("panels"));
            for (JsonNode variable : dash.path("templating").path("list")) {
                if (variable.path("type").asText().equals("query")) {
                    checkDatasource(file + " variable " + variable.path("name").asText(), variable);
                }
            }
            for (JsonNode annotation : dash.path("annotations").path("list")) {
                if (annotation.has("expr")) {
                    checkDatasource(file + " annotation " + annotation.path("name").asText(), annotation);
                }
            }
        }
    }

    /** All expressions of all dashboards, as recording rules in one temporary file, through promtool check rules. */
    @Test
    void everyDashboardExpressionIsValidPromQl() throws IOException {
        Map<String, String> expressions = new LinkedHashMap<>();
        for (Path file : MonitoringFiles.dashboards()) {
            for (Expression e : expressions(file)) {
                expressions.put(e.where(), PromQl.withoutGrafanaVariables(e.promQl()));
            }
        }
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-expressions\n    rules:\n");
        int i = 0;
        for (Map.Entry<String, String> e : expressions.entrySet()) {
            rules.append("      # ").append(e.getKey().replace('\n', ' ')).append('\n')
                    .append("      - record: dashboard:expression_").append(i++).append('\n')
                    .append("        expr: '").append(e.getValue().replace("'", "''")).append("'\n");
        }
        Path file = tmp.resolve("dashboard-expressions.yml");
        Files.writeString(file, rules);
        PromTools.Run run = PromTools.promtool(tmp, "check", "rules", file.toString());
        if (run.exitCode() != 0) {
            fail("promtool rejects a dashboard expression (see the comment above its rule):\n" + run.output()
                    + "\n" + rules);
        }
    }

    @Test
    void everyMetricAndLabelIsDeclaredInTheMetricsDoc() {
        MetricsContract contract = MetricsContract.read(MonitoringFiles.METRICS_DOC);
        Set<String> recorded = new TreeSet<>();
        Set<String> createdLabels = new TreeSet<>();
        List<Expression> all = new ArrayList<>();
        for (Map<String, Object> rule : MonitoringFiles.rules()) {
            String name = (String) (rule.containsKey("record") ? rule.get("record") : rule.get("alert"));
            if (rule.containsKey("record")) {
                recorded.add(name);
            }
            all.add(new Expression("rule " + name, (String) rule.get("expr"), List.of()));
            createdLabels.addAll(PromQl.names((String) rule.get("expr")).createdLabels());
            Matcher templated = TEMPLATE_LABEL.matcher(String.valueOf(rule.get("annotations")));
            List<String> templateLabels = new ArrayList<>();
            while (templated.find()) {
                templateLabels.add(templated.group(1));
            }
            all.add(new Expression("annotations of " + name, "vector(0)", templateLabels));
        }
        for (Path file : MonitoringFiles.dashboards()) {
            all.addAll(expressions(file));
        }
        for (Path file : MonitoringFiles.ruleTestFiles()) {
            for (Map<String, Object> test : maps(MonitoringFiles.yaml(file).get("tests"))) {
                for (Map<String, Object> series : maps(test.get("input_series"))) {
                    all.add(new Expression(file.getFileName() + " input series", (String) series.get("series"),
                            List.of()));
                }
            }
        }
        List<String> unknown = new ArrayList<>();
        for (Expression e : all) {
            PromQl.Names names = PromQl.names(PromQl.withoutGrafanaVariables(e.promQl()));
            for (String metric : names.metrics()) {
                if (!contract.declaresMetric(metric) && !MetricsContract.isStandardMetric(metric)
                        && !recorded.contains(metric)) {
                    unknown.add(e.where() + ": metric " + metric);
                }
            }
            List<String> labels = new ArrayList<>(names.labels());
            labels.addAll(e.labels());
            for (String label : labels) {
                if (!contract.declaresLabel(label) && !createdLabels.contains(label)) {
                    unknown.add(e.where() + ": label " + label);
                }
            }
        }
        assertEquals(List.of(), unknown, "names that docs/metrics.md does not declare (rename them here, or declare"
                + " them there and in the code)");
    }

    private static void checkPanels(Path file, JsonNode panels) {
        Set<Integer> ids = new HashSet<>();
        List<int[]> boxes = new ArrayList<>();
        for (JsonNode panel : panels) {
            String where = file.getFileName() + " panel \"" + panel.path("title").asText() + "\"";
            assertFalse(panel.path("title").asText("").isBlank(), where + ": a title");
            assertTrue(panel.path("id").isInt() && ids.add(panel.path("id").asInt()), where + ": a unique integer id");
            assertTrue(PANEL_TYPES.contains(panel.path("type").asText()), where + ": type must be one of " + PANEL_TYPES);
            JsonNode grid = panel.path("gridPos");
            int x = grid.path("x").asInt(-1);
            int y = grid.path("y").asInt(-1);
            int w = grid.path("w").asInt(0);
            int h = grid.path("h").asInt(0);
            assertTrue(x >= 0 && y >= 0 && w >= 1 && h >= 1 && x + w <= 24, where + ": gridPos within 24 columns: " + grid);
            for (int[] other : boxes) {
                boolean apart = x + w <= other[0] || other[0] + other[2] <= x
                        || y + h <= other[1] || other[1] + other[3] <= y;
                assertTrue(apart, where + " overlaps another panel at " + grid);
            }
            boxes.add(new int[] {x, y, w, h});
            checkDatasource(where, panel);
            assertTrue(panel.path("targets").isArray() && !panel.path("targets").isEmpty(), where + ": no targets");
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.path("targets")) {
                checkDatasource(where + " target", target);
                assertFalse(target.path("expr").asText("").isBlank(), where + ": a target without expr");
                assertTrue(refIds.add(target.path("refId").asText("")) && !target.path("refId").asText("").isEmpty(),
                        where + ": refIds must be present and unique");
            }
        }
    }

    private static void checkDatasource(String where, JsonNode node) {
        JsonNode ds = node.path("datasource");
        assertEquals("prometheus", ds.path("type").asText(), where + ": datasource type");
        assertEquals("workbench-prometheus", ds.path("uid").asText(), where + ": datasource uid");
    }

    /** An expression of a dashboard, where it is, and the labels its legend or text names. */
    private record Expression(String where, String promQl, List<String> labels) {
    }

    private static List<Expression> expressions(Path file) {
        JsonNode dash = MonitoringFiles.json(file);
        String name = file.getFileName().toString();
        List<Expression> out = new ArrayList<>();
        for (JsonNode panel : dash.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                out.add(new Expression(name + " \"" + panel.path("title").asText() + "\" " + target.path("refId").asText(),
                        target.path("expr").asText(), legendLabels(target.path("legendFormat").asText(""))));
            }
        }
        for (JsonNode annotation : dash.path("annotations").path("list")) {
            if (annotation.has("expr")) {
                List<String> labels = legendLabels(annotation.path("textFormat").asText("")
                        + annotation.path("titleFormat").asText(""));
                for (String key : annotation.path("tagKeys").asText("").split(",")) {
                    if (!key.isBlank()) {
                        labels.add(key.trim());
                    }
                }
                out.add(new Expression(name + " annotation " + annotation.path("name").asText(),
                        annotation.path("expr").asText(), labels));
            }
        }
        for (JsonNode variable : dash.path("templating").path("list")) {
            String query = variable.path("query").isObject() ? variable.path("query").path("query").asText()
                    : variable.path("query").asText();
            Matcher m = LABEL_VALUES.matcher(query);
            if (m.matches()) {
                // label_values(selector, label) is Grafana's, not PromQL: the selector is checked, and the label.
                out.add(new Expression(name + " variable " + variable.path("name").asText(),
                        m.group(1) == null ? "vector(0)" : m.group(1), List.of(m.group(2))));
            } else if (!query.isBlank()) {
                out.add(new Expression(name + " variable " + variable.path("name").asText(), query, List.of()));
            }
        }
        return out;
    }

    private static List<String> legendLabels(String legend) {
        List<String> labels = new ArrayList<>();
        Matcher m = LEGEND_LABEL.matcher(legend);
        while (m.find()) {
            labels.add(m.group(1));
        }
        return labels;
    }
}
