package io.workbench.monitoring;

import static io.workbench.monitoring.MonitoringFiles.ALERTMANAGER_CONFIG;
import static io.workbench.monitoring.MonitoringFiles.PROMETHEUS;
import static io.workbench.monitoring.MonitoringFiles.PROMETHEUS_CONFIG;
import static io.workbench.monitoring.MonitoringFiles.REPO;
import static io.workbench.monitoring.MonitoringFiles.map;
import static io.workbench.monitoring.MonitoringFiles.maps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that Prometheus and Alertmanager accept the committed files as they are, with Debian's promtool and amtool:
 * the Prometheus config with its rule files, the rules, every rule unit test in monitoring/prometheus/tests, and
 * Alertmanager's config and routing by severity. It also pins the config to the server's discovery contract.
 */
class PrometheusConfigTest {

    @TempDir
    Path tmp;

    /**
     * promtool check config, which also loads the rule files. It requires the credentials file to exist, and the real
     * one exists only while a server runs, so the check runs on a copy laid out as in the repository (the config
     * under monitoring/prometheus, a token in data/runtime/metrics.token) with the committed file unchanged.
     */
    @Test
    void prometheusAcceptsTheConfig() throws IOException {
        Path copy = tmp.resolve("monitoring/prometheus");
        copyTree(PROMETHEUS, copy);
        Path token = tmp.resolve("data/runtime/metrics.token");
        Files.createDirectories(token.getParent());
        Files.writeString(token, "a-test-token\n");

        PromTools.Run run = PromTools.promtool(tmp, "check", "config", copy.resolve("prometheus.yml").toString())
                .assertSucceeded();
        for (Path rules : MonitoringFiles.ruleFiles()) {
            assertTrue(run.output().contains("rules/" + rules.getFileName()), "not loaded: " + rules + "\n" + run.output());
        }
    }

    /** The one scrape job reads the server's discovery endpoint and the token the server writes by default. */
    @Test
    void theConfigScrapesWhatTheServerDiscovers() {
        Map<String, Object> config = MonitoringFiles.yaml(PROMETHEUS_CONFIG);
        assertEquals("5s", map(config.get("global")).get("scrape_interval"));
        assertEquals(List.of("rules/*.yml"), config.get("rule_files"));
        List<Map<String, Object>> jobs = maps(config.get("scrape_configs"));
        assertEquals(1, jobs.size());
        Map<String, Object> job = jobs.get(0);
        assertEquals("workbench", job.get("job_name"));
        Map<String, Object> discovery = maps(job.get("http_sd_configs")).get(0);
        assertEquals("http://127.0.0.1:8888/api/workbench/prometheus/targets", discovery.get("url"));
        Path token = REPO.resolve("data/runtime/metrics.token");
        for (Map<String, Object> client : List.of(job, discovery)) {
            Map<String, Object> authorization = map(client.get("authorization"));
            assertEquals("Bearer", authorization.get("type"));
            // Prometheus resolves a relative credentials_file against the config file's directory.
            assertEquals(token, PROMETHEUS.resolve((String) authorization.get("credentials_file")).normalize());
        }
    }

    @Test
    void promtoolAcceptsTheRules() {
        List<String> args = new ArrayList<>(List.of("check", "rules"));
        MonitoringFiles.ruleFiles().forEach(p -> args.add(p.toString()));
        PromTools.promtool(PROMETHEUS, args.toArray(String[]::new)).assertSucceeded();
    }

    /** promtool test rules on each test file: every alert's firing and quiet cases, with exact labels and text. */
    @TestFactory
    Stream<DynamicTest> ruleUnitTestsPass() {
        return MonitoringFiles.ruleTestFiles().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                () -> PromTools.promtool(PROMETHEUS, "test", "rules", file.toString()).assertSucceeded()));
    }

    @Test
    void amtoolAcceptsTheAlertmanagerConfig() {
        PromTools.amtool(tmp, "check-config", ALERTMANAGER_CONFIG.toString()).assertSucceeded();
    }

    /** Critical and warning alerts reach the workbench receiver; anything else the null receiver. */
    @Test
    void alertsAreRoutedBySeverity() {
        assertRoutedTo("workbench", "severity=critical", "alertname=StreamingJobDown", "job_name=sales");
        assertRoutedTo("workbench", "severity=warning", "alertname=StreamingQueryLagGrowing", "query_name=q");
        assertRoutedTo("null", "severity=info", "alertname=Anything");
    }

    private void assertRoutedTo(String receiver, String... labels) {
        List<String> args = new ArrayList<>(List.of("config", "routes", "test", "--config.file=" + ALERTMANAGER_CONFIG,
                "--verify.receivers=" + receiver));
        args.addAll(List.of(labels));
        PromTools.amtool(tmp, args.toArray(String[]::new)).assertSucceeded();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
