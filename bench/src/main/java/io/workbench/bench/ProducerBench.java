package io.workbench.bench;

import io.workbench.broker.BrokerConfig;
import io.workbench.broker.EmbeddedBroker;
import io.workbench.config.Settings;
import io.workbench.events.EventEncoder;
import io.workbench.events.EventGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * P1: the workbench's event producer against Kafka's own ProducerPerformance, on one embedded broker, records of
 * the same size (the mean size of an encoded event), the same producer settings (acks=all, idempotence, the
 * producer's linger and batch size), each in its own JVM with the same heap, on a fresh 4-partition topic per
 * run. The first run after the broker starts is discarded; then the two alternate, in pairs whose order flips.
 * Prints JSON lines. Usage: ProducerBench [records per run] [pairs]
 */
public final class ProducerBench {
    private static final Pattern TOOL_SUMMARY = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec");

    private ProducerBench() {
    }

    public static void main(String[] args) throws Exception {
        long records = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int recordSize = meanRecordSize();
        Path home = Files.createTempDirectory("workbench-p1");
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerConfig.from(Settings.of(Map.of(), Map.of(), Map.of()))
                .withDataDir(home.resolve("kafka")).withPorts(0, 0))) {
            String bootstrap = broker.bootstrapServers();
            runWorkbench(bootstrap, topic(bootstrap, "p1-warmup"), Math.min(records, 500_000));
            List<Double> workbench = new ArrayList<>();
            List<Double> tool = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                boolean workbenchFirst = i % 2 == 0;
                for (int side = 0; side < 2; side++) {
                    boolean isWorkbench = (side == 0) == workbenchFirst;
                    String t = topic(bootstrap, "p1-" + (isWorkbench ? "workbench" : "tool") + "-" + i);
                    double rps = isWorkbench ? runWorkbench(bootstrap, t, records) : runTool(bootstrap, t, records, recordSize);
                    (isWorkbench ? workbench : tool).add(rps);
                    System.out.println("{\"p1_run\": " + i + ", \"side\": \"" + (isWorkbench ? "workbench" : "ProducerPerformance")
                            + "\", \"records_per_s\": " + Math.round(rps) + "}");
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("benchmark", "P1 producer vs ProducerPerformance");
            out.put("records_per_run", records);
            out.put("record_size_bytes", recordSize);
            out.put("workbench_median_rps", Math.round(median(workbench)));
            out.put("tool_median_rps", Math.round(median(tool)));
            out.put("ratio", Math.round(median(workbench) / median(tool) * 1000) / 1000.0);
            out.put("goal_ratio", 0.9);
            System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(out));
        }
    }

    /** The mean value size of the events the producer sends (v1 encoding, the default). */
    static int meanRecordSize() {
        EventGenerator g = new EventGenerator(42, System::currentTimeMillis);
        EventEncoder e = new EventEncoder(1);
        long bytes = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            bytes += e.encode(g.next()).length;
        }
        return (int) Math.round((double) bytes / n);
    }

    private static String topic(String bootstrap, String name) throws Exception {
        return topic(bootstrap, name, (short) 1, Map.of());
    }

    /** Creates a 4-partition topic with the given replication factor and topic configs; returns its name. */
    static String topic(String bootstrap, String name, short replicas, Map<String, String> configs) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(name, 4, replicas).configs(configs))).all().get();
        }
        return name;
    }

    /** One run of the workbench producer in its own JVM ({@link ProducerRun}); returns its records per second. */
    static double runWorkbench(String bootstrap, String topic, long records) throws Exception {
        String cp = System.getProperty("java.class.path");
        String out = run(List.of(java(), "-Xmx512m", "-cp", cp, ProducerRun.class.getName(), bootstrap, topic,
                String.valueOf(records)));
        Matcher m = Pattern.compile("\"records_per_s\": ([0-9.]+)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("the producer run printed no rate: " + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double runTool(String bootstrap, String topic, long records, int size) throws Exception {
        String out = run(List.of(java(), "-Xmx512m", "-cp", EmbeddedBroker.classpath(),
                "org.apache.kafka.tools.ProducerPerformance", "--topic", topic, "--num-records", String.valueOf(records),
                "--record-size", String.valueOf(size), "--throughput", "-1", "--producer-props",
                "bootstrap.servers=" + bootstrap, "acks=all", "enable.idempotence=true", "linger.ms=20",
                "batch.size=262144", "buffer.memory=67108864"));
        Matcher m = TOOL_SUMMARY.matcher(out);
        String last = null;
        while (m.find()) {
            last = m.group(2);
        }
        if (last == null) {
            throw new IllegalStateException("ProducerPerformance printed no summary: " + out);
        }
        return Double.parseDouble(last);
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command.get(command.size() - 1) + " failed: " + out);
        }
        return out;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
