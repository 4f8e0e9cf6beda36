package io.workbench.monitoring;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** The files under monitoring/ that the tests check, found from the repository root, and their parsed contents. */
final class MonitoringFiles {
    static final Path REPO = Path.of(System.getProperty("workbench.repo", "..")).toAbsolutePath().normalize();
    static final Path PROMETHEUS = REPO.resolve("monitoring/prometheus");
    static final Path PROMETHEUS_CONFIG = PROMETHEUS.resolve("prometheus.yml");
    static final Path ALERTMANAGER_CONFIG = REPO.resolve("monitoring/alertmanager/alertmanager.yml");
    static final Path GRAFANA = REPO.resolve("monitoring/grafana");
    static final Path METRICS_DOC = REPO.resolve("docs/metrics.md");
    static final Path MONITORING_DOC = REPO.resolve("docs/monitoring.md");

    private MonitoringFiles() {
    }

    static List<Path> ruleFiles() {
        return list(PROMETHEUS.resolve("rules"), ".yml");
    }

    static List<Path> ruleTestFiles() {
        return list(PROMETHEUS.resolve("tests"), ".yml");
    }

    static List<Path> dashboards() {
        return list(GRAFANA.resolve("dashboards"), ".json");
    }

    /** Every rule of every group of the rule files: maps with "record" or "alert", "expr", and so on. */
    static List<Map<String, Object>> rules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : groups()) {
            rules.addAll(maps(group.get("rules")));
        }
        return rules;
    }

    static List<Map<String, Object>> groups() {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Path file : ruleFiles()) {
            groups.addAll(maps(yaml(file).get("groups")));
        }
        return groups;
    }

    static List<Map<String, Object>> alerts() {
        return rules().stream().filter(r -> r.containsKey("alert")).toList();
    }

    static Map<String, Object> yaml(Path file) {
        try (Reader in = Files.newBufferedReader(file)) {
            Map<String, Object> doc = new Yaml().load(in);
            return doc == null ? Map.of() : doc;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A YAML list of mappings (an absent key is an empty list). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object list) {
        return list == null ? List.of() : (List<Map<String, Object>>) list;
    }

    /** A YAML mapping (an absent key is an empty mapping). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object map) {
        return map == null ? Map.of() : (Map<String, Object>) map;
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
            assertFalse(found.isEmpty(), "no *" + suffix + " files in " + dir);
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
