package io.workbench.monitoring;

import static io.workbench.monitoring.MonitoringFiles.ALERTMANAGER_CONFIG;
import static io.workbench.monitoring.MonitoringFiles.map;
import static io.workbench.monitoring.MonitoringFiles.maps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Proves that every alert is usable and tested: it has a severity, a summary and a description; the promtool unit
 * tests assert it firing, with its exact labels and annotations, and assert it quiet in a normal look-alike; and
 * every alert name that the unit tests, Alertmanager's inhibit rules and docs/monitoring.md depend on exists.
 * (PrometheusConfigTest runs the unit tests; this checks that they cover every alert.)
 */
class AlertRulesTest {
    private static final Set<String> SEVERITIES = Set.of("critical", "warning");
    private static final Pattern ALERTNAME_MATCHER = Pattern.compile("alertname\\s*(=~|=)\\s*\"([^\"]*)\"");

    @Test
    void everyAlertHasASeveritySummaryAndDescription() {
        for (Map<String, Object> alert : MonitoringFiles.alerts()) {
            String name = (String) alert.get("alert");
            Object severity = map(alert.get("labels")).get("severity");
            assertTrue(SEVERITIES.contains(severity),
                    name + ": severity must be one of " + SEVERITIES + ", not " + severity);
            Map<String, Object> annotations = map(alert.get("annotations"));
            for (String key : List.of("summary", "description")) {
                Object text = annotations.get(key);
                assertTrue(text instanceof String s && !s.isBlank(), name + " has no " + key + " annotation");
            }
        }
    }

    @Test
    void alertNamesAreUnique() {
        List<String> names = alertNames();
        assertEquals(new TreeSet<>(names).size(), names.size(), "an alert name is used twice: " + names);
    }

    @Test
    void everyAlertHasAFiringAndAQuietUnitTest() {
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (Map<String, Object> test : unitTestCases()) {
            String name = (String) test.get("alertname");
            (maps(test.get("exp_alerts")).isEmpty() ? quiet : firing).add(name);
        }
        for (String alert : alertNames()) {
            assertTrue(firing.contains(alert), alert + " has no unit test in monitoring/prometheus/tests that asserts it"
                    + " firing (an alert_rule_test with exp_alerts)");
            assertTrue(quiet.contains(alert), alert + " has no unit test in monitoring/prometheus/tests that asserts it"
                    + " quiet (an alert_rule_test with exp_alerts: [])");
        }
    }

    /** promtool passes a quiet case for a misspelled alert name, so the names are checked here. */
    @Test
    void unitTestsNameExistingAlerts() {
        Set<String> alerts = Set.copyOf(alertNames());
        for (Map<String, Object> test : unitTestCases()) {
            assertTrue(alerts.contains(test.get("alertname")), "a unit test names no alert: " + test.get("alertname"));
        }
    }

    /** Expected alerts state their severity and both annotations, so promtool compares the whole text. */
    @Test
    void firingCasesAssertSeverityAndAnnotations() {
        for (Map<String, Object> test : unitTestCases()) {
            for (Map<String, Object> expected : maps(test.get("exp_alerts"))) {
                String what = test.get("alertname") + " at " + test.get("eval_time");
                assertTrue(map(expected.get("exp_labels")).containsKey("severity"), what + ": exp_labels lacks severity");
                Map<String, Object> annotations = map(expected.get("exp_annotations"));
                assertTrue(annotations.containsKey("summary") && annotations.containsKey("description"),
                        what + ": exp_annotations must give the summary and the description");
            }
        }
    }

    /**
     * Each test file loads every rule file and orders every group, recording rules first: promtool otherwise
     * evaluates groups in an unspecified order, and an alert could read a recording rule one step late.
     */
    @Test
    void unitTestFilesLoadEveryRuleFileInOrder() {
        Set<String> ruleFiles = MonitoringFiles.ruleFiles().stream().map(p -> p.getFileName().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> groups = MonitoringFiles.groups().stream().map(g -> (String) g.get("name")).toList();
        for (Path file : MonitoringFiles.ruleTestFiles()) {
            Map<String, Object> doc = MonitoringFiles.yaml(file);
            @SuppressWarnings("unchecked")
            List<String> loaded = (List<String>) doc.get("rule_files");
            Set<String> loadedNames = loaded.stream().map(p -> Path.of(p).getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(ruleFiles, loadedNames, file + ": rule_files");
            @SuppressWarnings("unchecked")
            List<String> order = (List<String>) doc.get("group_eval_order");
            assertEquals(new TreeSet<>(groups), new TreeSet<>(order), file + ": group_eval_order must list every group");
            assertEquals("workbench-recording", order.get(0), file + ": recording rules are evaluated first");
        }
    }

    @Test
    void inhibitRulesNameExistingAlerts() {
        List<String> alerts = alertNames();
        for (Map<String, Object> rule : maps(MonitoringFiles.yaml(ALERTMANAGER_CONFIG).get("inhibit_rules"))) {
            List<Object> matchers = new ArrayList<>();
            matchers.addAll(list(rule.get("source_matchers")));
            matchers.addAll(list(rule.get("target_matchers")));
            for (Object matcher : matchers) {
                Matcher m = ALERTNAME_MATCHER.matcher((String) matcher);
                assertTrue(m.find(), "inhibit matcher without an alertname: " + matcher);
                boolean exact = m.group(1).equals("=");
                for (String alternative : exact ? List.of(m.group(2)) : List.of(m.group(2).split("\\|"))) {
                    Pattern p = Pattern.compile(exact ? Pattern.quote(alternative) : alternative);
                    assertTrue(alerts.stream().anyMatch(a -> p.matcher(a).matches()),
                            "inhibit matcher " + matcher + ": " + alternative + " matches no alert");
                }
            }
        }
    }

    @Test
    void everyAlertIsExplainedInTheDocs() {
        String doc = MonitoringFiles.read(MonitoringFiles.MONITORING_DOC);
        for (String alert : alertNames()) {
            assertTrue(doc.contains("`" + alert + "`"), alert + " is not explained in docs/monitoring.md");
        }
    }

    private static List<String> alertNames() {
        return MonitoringFiles.alerts().stream().map(a -> (String) a.get("alert")).toList();
    }

    private static List<Map<String, Object>> unitTestCases() {
        List<Map<String, Object>> cases = new ArrayList<>();
        for (Path file : MonitoringFiles.ruleTestFiles()) {
            for (Map<String, Object> test : maps(MonitoringFiles.yaml(file).get("tests"))) {
                cases.addAll(maps(test.get("alert_rule_test")));
            }
        }
        assertTrue(!cases.isEmpty(), "no alert_rule_test in monitoring/prometheus/tests");
        return cases;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object yaml) {
        return yaml == null ? List.of() : (List<Object>) yaml;
    }
}
