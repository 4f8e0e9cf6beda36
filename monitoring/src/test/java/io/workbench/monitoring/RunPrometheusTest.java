package io.workbench.monitoring;

import static io.workbench.monitoring.MonitoringFiles.PROMETHEUS;
import static io.workbench.monitoring.MonitoringFiles.REPO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that monitoring/run-prometheus, behind ./workbench start --monitoring, turns the committed config into one
 * that Prometheus accepts from data/monitoring: absolute rule and token paths, and the server's address and runtime
 * directory as the workbench's settings give them. A change to prometheus.yml that the rewrite misses fails here,
 * not at a user's start. (Starting Prometheus itself is not tested here.)
 */
class RunPrometheusTest {

    @TempDir
    Path tmp;

    @Test
    void settingsFromTheEnvironment() throws Exception {
        Path runtime = tmp.resolve("runtime");
        Path config = writeConfig(Map.of("WORKBENCH_SERVER_PORT", "18888", "WORKBENCH_RUNTIME_DIR", runtime.toString(),
                "WORKBENCH_CONFIG", tmp.resolve("absent.properties").toString()), runtime);

        String text = Files.readString(config);
        assertTrue(text.contains("url: http://127.0.0.1:18888/api/workbench/prometheus/targets"), text);
        assertEquals(2, count(text, "credentials_file: " + runtime.resolve("metrics.token")), text);
        assertTrue(text.contains("- " + PROMETHEUS.resolve("rules") + "/*.yml"), text);
    }

    @Test
    void settingsFromTheConfigFile() throws Exception {
        Path runtime = tmp.resolve("runtime");
        Path properties = tmp.resolve("workbench.properties");
        // A relative runtime.dir is relative to the workbench directory, as the server reads it.
        Files.writeString(properties, "# a comment\nserver.port = 19999\nserver.host=0.0.0.0\nruntime.dir="
                + REPO.relativize(runtime) + "\n");
        Path config = writeConfig(Map.of("WORKBENCH_CONFIG", properties.toString()), runtime);

        String text = Files.readString(config);
        assertTrue(text.contains("url: http://127.0.0.1:19999/api/workbench/prometheus/targets"), text);
        assertEquals(2, count(text, "credentials_file: " + REPO + "/" + REPO.relativize(runtime) + "/metrics.token"),
                text);
    }

    /** Runs the helper with --config-only and checks its output with promtool check config, token file in place. */
    private Path writeConfig(Map<String, String> env, Path runtimeDir) throws IOException, InterruptedException {
        Path config = tmp.resolve("out/prometheus.yml");
        ProcessBuilder pb = new ProcessBuilder("bash", REPO.resolve("monitoring/run-prometheus").toString(),
                "--config-only", config.toString()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("WORKBENCH_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "run-prometheus --config-only did not finish");
        assertEquals(0, p.exitValue(), "run-prometheus --config-only failed:\n" + output);

        Files.createDirectories(runtimeDir);
        Files.writeString(runtimeDir.resolve("metrics.token"), "a-test-token\n");
        PromTools.promtool(tmp, "check", "config", config.toString()).assertSucceeded();
        return config;
    }

    private static int count(String text, String part) {
        return List.of(text.split(java.util.regex.Pattern.quote(part), -1)).size() - 1;
    }
}
