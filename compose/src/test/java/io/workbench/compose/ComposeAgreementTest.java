package io.workbench.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compose file, compose/prometheus.yml, monitoring/ and the code name the same services, ports, keys and paths. */
class ComposeAgreementTest {
    private static final Path PROMETHEUS_YML = Compose.DIR.resolve("prometheus.yml");

    // --- the workbench's port and its configuration keys ---------------------------------------------------------------

    /** ServerConfig's default port, read from the code. */
    static int serverPort() {
        String src = Compose.read(Compose.REPO.resolve("workbench-server/src/main/java/io/workbench/server/ServerConfig.java"));
        Matcher m = Pattern.compile("ConfigKey\\.port\\(\\s*\"server\\.port\"\\s*,\\s*(\\d+)").matcher(src);
        assertTrue(m.find(), "ServerConfig no longer declares server.port with a literal default");
        return Integer.parseInt(m.group(1));
    }

    @Test
    void theWorkbenchServesOnServerConfigsPort() {
        int port = serverPort();
        assertEquals(8888, port, "ServerConfig's default port");
        Map<String, Object> workbench = Compose.service(Compose.config(), "workbench");
        Map<String, String> env = Compose.environment(workbench);
        String configured = env.getOrDefault("WORKBENCH_SERVER_PORT", String.valueOf(port));
        assertEquals(String.valueOf(port), configured, "WORKBENCH_SERVER_PORT of the workbench service");
        assertTrue(Compose.ports(workbench).stream().anyMatch(p -> p.endsWith(":" + port)),
                () -> "the workbench publishes no port to its container port " + port + ": " + Compose.ports(workbench));
        assertEquals("0.0.0.0", env.get("WORKBENCH_SERVER_HOST"),
                "inside its container the server must listen beyond loopback (the published port limits who reaches it)");
        String health = String.valueOf(workbench.get("healthcheck"));
        assertTrue(health.contains(":" + port + "/api/status"), () -> "the workbench's health check: " + health);
    }

    /** Every WORKBENCH_* variable given to the workbench is a key the code reads (ConfigKey, an alias, or Settings'). */
    @Test
    void theWorkbenchIsConfiguredOnlyWithKeysThatExist() throws IOException {
        Set<String> known = knownVariables();
        Map<String, String> env = Compose.environment(Compose.service(Compose.config(), "workbench"));
        List<String> unknown = env.keySet().stream()
                .filter(k -> k.startsWith("WORKBENCH_") || k.startsWith("KAFKA_"))
                .filter(k -> !known.contains(k)).toList();
        assertTrue(unknown.isEmpty(), () -> "the workbench service sets variables no ConfigKey reads: " + unknown
                + " (grep ConfigKey in */src/main/java; docs/configuration.md)");
        assertEquals("kafka-1:9092,kafka-2:9092,kafka-3:9092", env.get("KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals("spark://spark-master:7077", env.get("WORKBENCH_SPARK_MASTER"));
    }

    static Set<String> knownVariables() throws IOException {
        Set<String> known = new TreeSet<>();
        Pattern key = Pattern.compile("ConfigKey\\.(?:string|port|integer|bool|path)\\(\\s*\"([a-z0-9.-]+)\"");
        Pattern alias = Pattern.compile("withEnvAlias\\(\\s*\"([A-Z0-9_]+)\"\\s*\\)");
        Pattern settingsEnv = Pattern.compile("static final String \\w+_ENV\\s*=\\s*\"([A-Z0-9_]+)\"");
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(Compose.REPO)) {
            for (Path module : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(module)) {
                    files.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
                }
            }
        }
        for (Path f : sources) {
            String src = Compose.read(f);
            Matcher m = key.matcher(src);
            while (m.find()) {
                known.add("WORKBENCH_" + m.group(1).toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'));
            }
            m = alias.matcher(src);
            while (m.find()) {
                known.add(m.group(1));
            }
            m = settingsEnv.matcher(src);
            while (m.find()) {
                known.add(m.group(1));
            }
        }
        assertTrue(known.contains("WORKBENCH_SERVER_HOST") && known.contains("KAFKA_BOOTSTRAP_SERVERS"),
                () -> "the scan of ConfigKey declarations found too little: " + known);
        return known;
    }

    // --- Prometheus in compose -------------------------------------------------------------------------------------------

    static Map<String, Object> prometheusConfig() {
        return Compose.map(Compose.yaml(PROMETHEUS_YML), "compose/prometheus.yml");
    }

    static Map<String, Object> scrapeConfig(String jobName) {
        return Compose.list(prometheusConfig().get("scrape_configs"), "scrape_configs").stream()
                .map(o -> Compose.map(o, "a scrape config"))
                .filter(s -> jobName.equals(s.get("job_name"))).findFirst()
                .orElseThrow(() -> new AssertionError("compose/prometheus.yml has no scrape job " + jobName));
    }

    @Test
    void prometheusDiscoversTheWorkbenchByServiceNameAndPort() {
        Map<String, Object> job = scrapeConfig("workbench"); // the job name monitoring's rules select
        List<Object> sd = Compose.list(job.get("http_sd_configs"), "http_sd_configs of job workbench");
        assertEquals(1, sd.size());
        Map<String, Object> discovery = Compose.map(sd.get(0), "http_sd_config");
        URI url = URI.create(String.valueOf(discovery.get("url")));
        assertEquals("workbench", url.getHost(), "the discovery URL's host must be the workbench's service name");
        assertEquals(serverPort(), url.getPort(), "the discovery URL's port");
        assertEquals("/api/workbench/prometheus/targets", url.getPath(), "the discovery endpoint (docs/metrics.md)");
        Compose.service(Compose.config(), url.getHost());
        for (Map<String, Object> auth : List.of(Compose.map(discovery.get("authorization"), "discovery's authorization"),
                Compose.map(job.get("authorization"), "the scrapes' authorization"))) {
            assertEquals("Bearer", auth.get("type"));
            assertEquals("/run/secrets/metrics_token", auth.get("credentials_file"));
        }
        // The server's own target is rewritten to the address this container reaches it at.
        String relabels = String.valueOf(job.get("relabel_configs"));
        assertTrue(relabels.contains("replacement=workbench:" + serverPort()), () -> "relabel_configs: " + relabels);
    }

    /**
     * The discovery lists kernels, job runs and the broker at {@code <metrics.advertise-host>:<ephemeral port>}
     * (docs/metrics.md). From the prometheus container that is reachable only if the advertise host is the workbench
     * service's own name on a network both share, the endpoints bind beyond loopback, and compose/prometheus.yml keeps
     * those targets as they are; and the ephemeral ports must stay inside the network (only the server's is published).
     */
    @Test
    void theDiscoverysTargetsAreReachableFromThePrometheusContainerOnly() {
        Map<String, Object> config = Compose.config();
        Map<String, Object> workbench = Compose.service(config, "workbench");
        Map<String, String> env = Compose.environment(workbench);
        String bind = env.get("WORKBENCH_METRICS_BIND_HOST");
        String advertise = env.get("WORKBENCH_METRICS_ADVERTISE_HOST");
        assertNotNull(bind, "the workbench service does not set WORKBENCH_METRICS_BIND_HOST: kernels bind 127.0.0.1,"
                + " which the prometheus container cannot reach");
        assertFalse(bind.startsWith("127.") || bind.equals("localhost") || bind.equals("::1"),
                () -> "WORKBENCH_METRICS_BIND_HOST is loopback: " + bind);
        // Unset, the advertise host is the bind host (0.0.0.0 is refused, loopback is Prometheus itself).
        assertNotNull(advertise, "the workbench service does not set WORKBENCH_METRICS_ADVERTISE_HOST");
        Set<String> names = new TreeSet<>(Set.of("workbench"));
        if (workbench.get("hostname") != null) {
            names.add(String.valueOf(workbench.get("hostname")));
        }
        assertTrue(names.contains(advertise), () -> "WORKBENCH_METRICS_ADVERTISE_HOST is " + advertise
                + ": the prometheus container reaches the workbench container only as one of " + names);
        assertFalse(networks(workbench).stream().noneMatch(networks(Compose.service(config, "prometheus"))::contains),
                "the workbench and prometheus services share no network");
        // The targets' ports are ephemeral: none of them may be published, only the server's.
        List<String> published = Compose.ports(workbench);
        assertEquals(1, published.size(), () -> "the workbench publishes more than the server's port: " + published);
        assertTrue(published.get(0).endsWith(":" + serverPort()), () -> "published: " + published);
        // compose/prometheus.yml must neither drop those targets nor move them elsewhere.
        for (Object o : Compose.list(scrapeConfig("workbench").get("relabel_configs"), "relabel_configs")) {
            Map<String, Object> rule = Compose.map(o, "a relabel config");
            String action = String.valueOf(rule.getOrDefault("action", "replace"));
            assertFalse(action.equals("drop") || action.equals("keep"), () -> "compose/prometheus.yml filters targets: " + rule);
            if ("__address__".equals(rule.get("target_label"))) {
                assertEquals(List.of("kind"), rule.get("source_labels"), () -> "an address rewrite of others than the server: " + rule);
                assertEquals("server", rule.get("regex"), () -> "an address rewrite of others than the server: " + rule);
            }
        }
    }

    /** The networks a service is on: Compose's default network when it names none. */
    static Set<String> networks(Map<String, Object> service) {
        Object n = service.get("networks");
        if (n instanceof Map<?, ?> m) {
            return new TreeSet<>(m.keySet().stream().map(String::valueOf).toList());
        }
        if (n instanceof List<?> l) {
            return new TreeSet<>(l.stream().map(String::valueOf).toList());
        }
        return Set.of("default");
    }

    /** The metrics token file Prometheus reads is the one the setup service writes, on the volume both mount. */
    @Test
    void prometheusReadsTheMetricsTokenTheSetupServiceWrites() {
        Map<String, Object> config = Compose.config();
        Compose.Mount secrets = Compose.mounts(Compose.service(config, "prometheus")).stream()
                .filter(m -> m.target().equals("/run/secrets")).findFirst()
                .orElseThrow(() -> new AssertionError("prometheus mounts nothing at /run/secrets"));
        Compose.Mount written = Compose.mounts(Compose.service(config, "setup")).stream()
                .filter(m -> m.source().equals(secrets.source())).findFirst()
                .orElseThrow(() -> new AssertionError("the setup service does not mount " + secrets.source()));
        String command = String.valueOf(Compose.service(config, "setup").get("command"));
        assertTrue(command.contains("> " + written.target() + "/metrics_token"),
                () -> "the setup service does not write " + written.target() + "/metrics_token: " + command);
        assertTrue(command.contains("WORKBENCH_METRICS_TOKEN"), "the setup service writes the token from WORKBENCH_METRICS_TOKEN");
    }

    @Test
    void prometheusSendsAlertsToTheAlertmanagerService() {
        Map<String, Object> config = Compose.config();
        List<Object> alertmanagers = Compose.list(Compose.map(prometheusConfig().get("alerting"), "alerting")
                .get("alertmanagers"), "alertmanagers");
        List<String> targets = new ArrayList<>();
        for (Object am : alertmanagers) {
            for (Object sc : Compose.list(Compose.map(am, "alertmanager").get("static_configs"), "static_configs")) {
                Compose.list(Compose.map(sc, "static_config").get("targets"), "targets").forEach(t -> targets.add(String.valueOf(t)));
            }
        }
        assertEquals(List.of("alertmanager:9093"), targets, "Prometheus's Alertmanager");
        Map<String, Object> alertmanager = Compose.service(config, "alertmanager");
        assertTrue(Compose.ports(alertmanager).stream().anyMatch(p -> p.endsWith(":9093")),
                "Alertmanager listens on 9093 (its default) and compose publishes that port");
        assertTrue(String.valueOf(alertmanager.get("healthcheck")).contains(":9093/-/ready"));
    }

    /** Every rule file in monitoring/prometheus/rules is loaded, through the mount, by compose/prometheus.yml. */
    @Test
    void prometheusLoadsEveryRuleFileOfTheMountedDirectory() throws IOException {
        Map<String, Path> rewritten = ruleFilesOnThisMachine();
        Path rules = Compose.REPO.resolve("monitoring/prometheus/rules");
        assertTrue(Files.isDirectory(rules), "monitoring/prometheus/rules is missing");
        Set<Path> loaded = new TreeSet<>();
        for (Path glob : rewritten.values()) {
            var matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            try (Stream<Path> files = Files.list(glob.getParent())) {
                files.filter(matcher::matches).forEach(loaded::add);
            }
        }
        Set<Path> present = new TreeSet<>();
        try (Stream<Path> files = Files.list(rules)) {
            files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).forEach(present::add);
        }
        assertFalse(present.isEmpty(), "monitoring/prometheus/rules holds no rule file");
        assertEquals(present, loaded, "the rule files compose/prometheus.yml loads (through the prometheus service's mount)");
    }

    /** compose/prometheus.yml's rule_files, mapped through the prometheus service's mounts to this repository. */
    static Map<String, Path> ruleFilesOnThisMachine() {
        List<Compose.Mount> mounts = Compose.mounts(Compose.service(Compose.config(), "prometheus"));
        Map<String, Path> out = new LinkedHashMap<>();
        for (Object o : Compose.list(prometheusConfig().get("rule_files"), "rule_files")) {
            String inContainer = String.valueOf(o);
            Compose.Mount m = mounts.stream().filter(x -> x.bind() && inContainer.startsWith(x.target() + "/")).findFirst()
                    .orElseThrow(() -> new AssertionError("rule file " + inContainer + " is under no mount of the prometheus service"));
            out.put(inContainer, Compose.DIR.resolve(m.source()).normalize().resolve(inContainer.substring(m.target().length() + 1)));
        }
        assertFalse(out.isEmpty(), "compose/prometheus.yml loads no rule file");
        return out;
    }

    /** Debian's promtool accepts compose/prometheus.yml, with the container's paths pointed at this machine's files. */
    @Test
    void promtoolAcceptsThePrometheusConfig(@TempDir Path tmp) throws IOException {
        String promtool = Compose.tool("promtool", "promtool checks compose/prometheus.yml");
        Path token = Files.writeString(tmp.resolve("metrics_token"), "dummy-metrics-token");
        String text = Compose.read(PROMETHEUS_YML);
        assertTrue(text.contains("/run/secrets/metrics_token"));
        text = text.replace("/run/secrets/metrics_token", token.toString());
        for (var rule : ruleFilesOnThisMachine().entrySet()) {
            text = text.replace(rule.getKey(), rule.getValue().toString());
        }
        Path copy = Files.writeString(tmp.resolve("prometheus.yml"), text);
        Compose.Result r = Compose.run(List.of(promtool, "check", "config", copy.toString()), Map.of());
        assertEquals(0, r.exitCode(), () -> "promtool check config compose/prometheus.yml failed:\n" + r.both());
    }

    // --- Grafana -------------------------------------------------------------------------------------------------------

    /**
     * The datasource the dashboards use, uid workbench-prometheus: monitoring's, as compose's copy provisions it in the
     * Grafana container, the same in everything but its url, which names the prometheus service.
     */
    @Test
    void grafanaGetsTheWorkbenchDatasourceReachingThePrometheusService() throws IOException {
        Map<String, Object> config = Compose.config();
        Map<String, Object> grafana = Compose.service(config, "grafana");
        ComposeFilesTest.assertBind(config, "grafana", "/etc/grafana/provisioning/datasources", "compose/grafana/datasources", true);
        List<Map<String, Object>> repository = datasources(Compose.REPO.resolve("monitoring/grafana/provisioning/datasources"));
        List<Map<String, Object>> composed = datasources(Compose.DIR.resolve("grafana/datasources"));
        assertTrue(repository.stream().anyMatch(d -> "workbench-prometheus".equals(d.get("uid"))),
                "no datasource with uid workbench-prometheus in monitoring/grafana/provisioning/datasources/*.yml");
        assertEquals(repository.stream().map(d -> d.get("uid")).toList(), composed.stream().map(d -> d.get("uid")).toList(),
                "compose/grafana/datasources provisions the datasources of monitoring/grafana/provisioning/datasources");
        for (int i = 0; i < repository.size(); i++) {
            Map<String, Object> expected = new LinkedHashMap<>(repository.get(i));
            Map<String, Object> actual = new LinkedHashMap<>(composed.get(i));
            expected.remove("url");
            Object url = actual.remove("url");
            assertEquals(expected, actual, "compose's copy of datasource " + expected.get("uid") + ", but for its url");
            // Grafana expands $VAR and ${VAR} in provisioning files from its environment.
            URI uri = URI.create(expand(String.valueOf(url), Compose.environment(grafana)));
            assertEquals("prometheus", uri.getHost(), () -> "in compose, Grafana reaches Prometheus by its service name: " + url);
            assertEquals(9090, uri.getPort(), () -> "Prometheus's port: " + url);
        }
        assertTrue(String.valueOf(Compose.service(config, "prometheus").get("healthcheck")).contains(":9090/-/ready"));
    }

    static List<Map<String, Object>> datasources(Path dir) throws IOException {
        return provisioned(dir, "datasources");
    }

    /** Each dashboard provider's path is where compose mounts monitoring/grafana/dashboards. */
    @Test
    void grafanaFindsTheDashboardsWhereTheProviderLooks() throws IOException {
        Map<String, Object> config = Compose.config();
        ComposeFilesTest.assertBind(config, "grafana", "/etc/grafana/provisioning/dashboards",
                "monitoring/grafana/provisioning/dashboards", true);
        List<Map<String, Object>> providers = provisioned(Compose.REPO.resolve("monitoring/grafana/provisioning/dashboards"),
                "providers");
        assertFalse(providers.isEmpty(), "no dashboard provider in monitoring/grafana/provisioning/dashboards/*.yml");
        for (Map<String, Object> provider : providers) {
            Object path = Compose.map(provider.get("options"), "provider options").get("path");
            assertNotNull(path, "a dashboard provider without options.path");
            ComposeFilesTest.assertBind(config, "grafana", String.valueOf(path), "monitoring/grafana/dashboards", true);
        }
    }

    static List<Map<String, Object>> provisioned(Path d, String key) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        assertTrue(Files.isDirectory(d), () -> d + " is missing");
        try (Stream<Path> files = Files.list(d)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList()) {
                Object items = Compose.map(Compose.yaml(f), f.toString()).get(key);
                if (items != null) {
                    Compose.list(items, key + " of " + f).forEach(o -> out.add(Compose.map(o, "an entry of " + f)));
                }
            }
        }
        return out;
    }

    static String expand(String value, Map<String, String> env) {
        Matcher m = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)").matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String v = env.get(name);
            assertNotNull(v, () -> "Grafana's provisioning uses $" + name + ", which the grafana service does not set");
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        return m.appendTail(sb).toString();
    }

    // --- ports, health, order, shared paths ------------------------------------------------------------------------------

    @Test
    void everyPublishedPortIsBoundToLoopbackByDefault() {
        Map<String, Object> config = Compose.config();
        List<String> open = new ArrayList<>();
        int published = 0;
        for (var s : Compose.services(config).entrySet()) {
            for (String p : Compose.ports(Compose.map(s.getValue(), s.getKey()))) {
                published++;
                if (!p.startsWith("127.0.0.1:")) {
                    open.add(s.getKey() + ": " + p);
                }
            }
        }
        assertTrue(open.isEmpty(), () -> "ports published beyond 127.0.0.1 by default: " + open);
        assertTrue(published >= 7, "expected the workbench, Spark's UIs, Kafka, Prometheus, Alertmanager and Grafana");

        // One variable moves them all.
        Map<String, String> env = new HashMap<>(Compose.REQUIRED);
        env.put("WORKBENCH_BIND", "192.0.2.1");
        Map<String, Object> moved = Compose.config(env);
        for (var s : Compose.services(moved).entrySet()) {
            for (String p : Compose.ports(Compose.map(s.getValue(), s.getKey()))) {
                assertTrue(p.startsWith("192.0.2.1:"), () -> s.getKey() + " ignores WORKBENCH_BIND: " + p);
            }
        }
    }

    @Test
    void everyLongRunningServiceHasAHealthCheck() {
        Map<String, Object> config = Compose.config();
        Set<String> expected = Set.of("kafka-1", "kafka-2", "kafka-3", "spark-master", "spark-worker-1", "spark-worker-2",
                "workbench", "prometheus", "alertmanager", "grafana");
        assertTrue(Compose.services(config).keySet().containsAll(expected),
                () -> "services: " + Compose.services(config).keySet());
        for (var s : Compose.services(config).entrySet()) {
            Map<String, Object> service = Compose.map(s.getValue(), s.getKey());
            if ("no".equals(String.valueOf(service.get("restart")))) {
                continue; // one-shot (setup): the others wait for it to complete instead
            }
            Object health = service.get("healthcheck");
            assertTrue(health instanceof Map<?, ?> h && h.get("test") != null && !Boolean.TRUE.equals(h.get("disable")),
                    () -> s.getKey() + " has no health check");
        }
    }

    @Test
    void servicesWaitForWhatTheyNeed() {
        Map<String, Object> config = Compose.config();
        assertDependsOn(config, "workbench", "kafka-1", "service_healthy");
        assertDependsOn(config, "workbench", "kafka-2", "service_healthy");
        assertDependsOn(config, "workbench", "kafka-3", "service_healthy");
        assertDependsOn(config, "workbench", "spark-master", "service_healthy");
        assertDependsOn(config, "workbench", "setup", "service_completed_successfully");
        assertDependsOn(config, "spark-worker-1", "spark-master", "service_healthy");
        assertDependsOn(config, "spark-worker-2", "spark-master", "service_healthy");
        assertDependsOn(config, "prometheus", "setup", "service_completed_successfully");
        assertDependsOn(config, "grafana", "prometheus", "service_healthy");
        // Waiting for health needs a health check on the other side.
        for (var s : Compose.services(config).entrySet()) {
            Object deps = Compose.map(s.getValue(), s.getKey()).get("depends_on");
            if (deps instanceof Map<?, ?> m) {
                m.forEach((other, how) -> {
                    if (String.valueOf(how).contains("service_healthy")) {
                        assertNotNull(Compose.service(config, String.valueOf(other)).get("healthcheck"),
                                s.getKey() + " waits for " + other + " to be healthy, which has no health check");
                    }
                });
            }
        }
    }

    static void assertDependsOn(Map<String, Object> config, String service, String other, String condition) {
        Object deps = Compose.service(config, service).get("depends_on");
        assertTrue(deps instanceof Map<?, ?>, () -> service + " has no depends_on with conditions");
        Object how = ((Map<?, ?>) deps).get(other);
        assertNotNull(how, () -> service + " does not depend on " + other);
        assertEquals(condition, Compose.map(how, "depends_on " + other).get("condition"), service + " -> " + other);
    }

    /**
     * Executors write state-store files into the checkpoints: notebook queries' and jobs' checkpoint directories are
     * volumes mounted at the same path in the workbench (the driver) and in every Spark worker.
     */
    @Test
    void checkpointsAreSharedAtTheSamePathWithTheSparkWorkers() {
        Map<String, Object> config = Compose.config();
        Map<String, String> env = Compose.environment(Compose.service(config, "workbench"));
        List<String> workers = Compose.services(config).keySet().stream().filter(n -> n.startsWith("spark-worker-")).toList();
        assertEquals(2, workers.size(), "two Spark workers");
        for (String variable : List.of("WORKBENCH_STREAMING_CHECKPOINT_DIR", "WORKBENCH_JOBS_DIR")) {
            String path = env.get(variable);
            assertNotNull(path, () -> "the workbench service does not set " + variable);
            assertTrue(path.startsWith("/"), () -> variable + " must be absolute: " + path);
            Compose.Mount mount = mountAt(config, "workbench", path);
            assertFalse(mount.bind(), () -> "the workbench's " + path + " should be a named volume");
            for (String worker : workers) {
                assertEquals(mount.source(), mountAt(config, worker, path).source(),
                        worker + " must mount the workbench's volume at " + path);
            }
        }
        assertFalse(mountAt(config, "workbench", "/workbench/notebooks").bind(), "notebooks live on a volume");
    }

    static Compose.Mount mountAt(Map<String, Object> config, String service, String target) {
        return Compose.mounts(Compose.service(config, service)).stream().filter(m -> m.target().equals(target)).findFirst()
                .orElseThrow(() -> new AssertionError(service + " mounts nothing at " + target));
    }

    // --- Kafka and Spark -----------------------------------------------------------------------------------------------

    @Test
    void kafkaIsThreeCombinedKraftNodesWithReplicationFactorThree() {
        Map<String, Object> config = Compose.config();
        Set<String> clusterIds = new LinkedHashSet<>();
        List<String> voters = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Map<String, Object> node = Compose.service(config, "kafka-" + i);
            assertTrue(String.valueOf(node.get("image")).matches("apache/kafka:4\\.[0-9.]+"), () -> "image " + node.get("image"));
            Map<String, String> env = Compose.environment(node);
            assertEquals(String.valueOf(i), env.get("KAFKA_NODE_ID"));
            assertEquals("broker,controller", env.get("KAFKA_PROCESS_ROLES"));
            assertEquals("3", env.get("KAFKA_DEFAULT_REPLICATION_FACTOR"));
            assertEquals("2", env.get("KAFKA_MIN_INSYNC_REPLICAS"));
            assertEquals("3", env.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"));
            assertTrue(env.get("KAFKA_ADVERTISED_LISTENERS").contains("PLAINTEXT://kafka-" + i + ":9092"));
            clusterIds.add(env.get("CLUSTER_ID"));
            voters.add(i + "@kafka-" + i + ":9093");
            assertFalse(mountAt(config, "kafka-" + i, "/var/lib/kafka/data").bind(), "each node's data on its own volume");
        }
        assertEquals(1, clusterIds.size(), () -> "the nodes must share one cluster id: " + clusterIds);
        assertTrue(clusterIds.iterator().next().matches("[A-Za-z0-9_-]{22}"), "a Kafka cluster id is 22 base64 characters");
        assertTrue(Compose.read(Compose.FILE).contains("${KAFKA_CLUSTER_ID:-"), "the cluster id is a variable with a default");
        for (int i = 1; i <= 3; i++) {
            assertEquals(String.join(",", voters),
                    Compose.environment(Compose.service(config, "kafka-" + i)).get("KAFKA_CONTROLLER_QUORUM_VOTERS"));
        }
    }

    @Test
    void sparkIsAMasterAndTwoWorkersOfTheWorkbenchsSparkVersion() {
        Map<String, Object> config = Compose.config();
        String pom = Compose.read(Compose.REPO.resolve("pom.xml"));
        Matcher v = Pattern.compile("<spark.version>([^<]+)</spark.version>").matcher(pom);
        assertTrue(v.find());
        for (String name : List.of("spark-master", "spark-worker-1", "spark-worker-2")) {
            String image = String.valueOf(Compose.service(config, name).get("image"));
            assertTrue(image.startsWith("apache/spark:" + v.group(1) + "-") && image.contains("java17"),
                    () -> name + " runs " + image + ", not Spark " + v.group(1) + " on Java 17");
        }
        assertTrue(String.valueOf(Compose.service(config, "spark-master").get("command")).contains("7077"));
        for (String worker : List.of("spark-worker-1", "spark-worker-2")) {
            assertTrue(String.valueOf(Compose.service(config, worker).get("command")).contains("spark://spark-master:7077"),
                    () -> worker + " must register with the master the workbench uses");
        }
    }
}
