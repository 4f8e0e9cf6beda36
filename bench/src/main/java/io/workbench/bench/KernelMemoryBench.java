package io.workbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.broker.BrokerConfig;
import io.workbench.broker.EmbeddedBroker;
import io.workbench.config.Settings;
import io.workbench.protocol.client.Execution;
import io.workbench.protocol.client.KernelSpecFile;
import io.workbench.protocol.client.LocalKernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * P6 kernel memory: a kernel as a user leaves it idle, and where its memory goes. Each run launches a kernel
 * from a kernelspec, runs {@code spark.range(10).count()} (timed from launch and on its own), then a first small
 * streaming query (the event producer into a topic, a live view of counts per event type, stopped once it has
 * caught up), waits {@code settle} seconds and reads VmRSS, the thread count, {@code jcmd GC.heap_info} and, when
 * the variant turns Native Memory Tracking on, {@code jcmd VM.native_memory summary}; then a 20M-row aggregation
 * (timed) and, after the same settle time, VmRSS again: what the kernel gives back. Variants run interleaved,
 * round after round, on one broker.
 *
 * <p>Usage: {@code KernelMemoryBench settleSeconds rounds variant...}; a variant is
 * {@code label|path/to/kernel.json[|-XXflag...][|!-XXflag...][|env:NAME=value...]}: flags go after the kernelspec's
 * own JVM options (so they win), {@code !flag} removes one of them, env entries go into the kernel's environment.
 * Prints one JSON line per run; jcmd's text goes to {@code bench/target/p6-<label>-<round>.txt}.
 */
public final class KernelMemoryBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Variant(String label, Path spec, List<String> flags, Map<String, String> env) {
        static Variant parse(String s) {
            String[] parts = s.split("\\|");
            List<String> flags = new ArrayList<>();
            Map<String, String> env = new LinkedHashMap<>();
            for (String p : Arrays.asList(parts).subList(2, parts.length)) {
                if (p.startsWith("env:")) {
                    int eq = p.indexOf('=');
                    env.put(p.substring(4, eq), p.substring(eq + 1));
                } else {
                    flags.add(p);
                }
            }
            return new Variant(parts[0], Path.of(parts[1]), flags, env);
        }
    }

    public static void main(String[] args) throws Exception {
        int settle = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        List<Variant> variants = Arrays.stream(args).skip(2).map(Variant::parse).toList();
        Path home = Files.createTempDirectory("workbench-p6");
        Path out = Files.createDirectories(Path.of("bench/target"));
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerConfig.from(Settings.of(Map.of(), Map.of(), Map.of()))
                .withDataDir(home.resolve("kafka")).withPorts(0, 0))) {
            for (int round = 0; round < rounds; round++) {
                for (Variant v : variants) {
                    Map<String, Object> r = runOnce(v, round, home, broker.bootstrapServers(), settle, out);
                    System.out.println(JSON.writeValueAsString(r));
                }
            }
        }
    }

    private static Map<String, Object> runOnce(Variant v, int round, Path home, String kafka, int settle, Path out)
            throws Exception {
        KernelSpecFile base = KernelSpecFile.read(v.spec());
        List<String> argv = new ArrayList<>(base.argv());
        for (String f : v.flags()) {
            if (f.startsWith("!")) {
                argv.remove(f.substring(1));
            } else {
                argv.add(argv.indexOf("-cp"), f);
            }
        }
        KernelSpecFile spec = new KernelSpecFile(argv, base.displayName(), base.language(), base.interruptMode(),
                base.env(), base.metadata());
        Map<String, String> env = new LinkedHashMap<>(v.env());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        // A home of its own per run: the live view's checkpoint must not be resumed by the next run.
        Path runHome = Files.createDirectories(home.resolve("run-" + round + "-" + v.label().replaceAll("\\W", "")));
        env.put("WORKBENCH_HOME", runHome.toString());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("label", v.label());
        r.put("round", round);
        long t0 = System.nanoTime();
        try (LocalKernel k = LocalKernel.launch(spec, runHome.resolve("runtime"), env)) {
            k.awaitReady(Duration.ofSeconds(180));
            r.put("kernel_info_s", secondsSince(t0));
            long q0 = System.nanoTime();
            Execution first = Execution.start(k.client(), "spark.range(10).count()").await(Duration.ofSeconds(180));
            r.put("first_result_from_launch_s", secondsSince(t0));
            r.put("first_query_s", secondsSince(q0));
            require(first, "10");
            // What the cell said while it waited for Spark ("Spark started … this cell waited N s."), if it did.
            String notice = first.iopub().stream()
                    .filter(m -> m.content().path("data").has("application/vnd.workbench.spark-start+json"))
                    .map(m -> m.content().path("data").path("text/plain").asText()).reduce((a, b) -> b).orElse("");
            r.put("spark_notice", notice);
            java.util.regex.Matcher waited = java.util.regex.Pattern.compile("waited ([0-9.]+) s").matcher(notice);
            if (waited.find()) {
                r.put("first_query_after_spark_ready_s", Math.round(((Double) r.get("first_query_s")
                        - Double.parseDouble(waited.group(1))) * 100) / 100.0);
            }
            long q1 = System.nanoTime();
            require(Execution.start(k.client(), "spark.range(1000).selectExpr(\"id % 7 AS k\").groupBy(\"k\").count().count()")
                    .await(Duration.ofSeconds(120)), "7");
            r.put("second_query_s", secondsSince(q1));
            r.put("rss_after_first_query_mb", ServerBench.rssMb(k.process().pid()));
            String topic = "p6-" + round + "-" + v.label().replaceAll("\\W", "");
            long s0 = System.nanoTime();
            Execution stream = Execution.start(k.client(), String.join("\n",
                    "var p6producer = events.start(ProducerSettings.defaults().topic(\"" + topic + "\").partitions(2)"
                            + ".rate(2_000).seed(1).maxEvents(4_000));",
                    "display(kafka.events(\"" + topic + "\").groupBy(\"event_type\").count(), \"p6_counts\");",
                    "p6producer.awaitDone(java.time.Duration.ofMinutes(1));",
                    "streams.awaitProcessed(\"p6_counts\", java.time.Duration.ofMinutes(1));",
                    "streams.stop(\"p6_counts\");",
                    "p6producer.stats().acked()")).await(Duration.ofSeconds(180));
            require(stream, "4000");
            r.put("streaming_cell_s", secondsSince(s0));
            Thread.sleep(settle * 1000L);
            long pid = k.process().pid();
            r.put("rss_idle_mb", ServerBench.rssMb(pid));
            r.put("threads", statusField(pid, "Threads:"));
            String heap = jcmd(pid, "GC.heap_info");
            String nmt = v.flags().stream().anyMatch(f -> f.startsWith("-XX:NativeMemoryTracking"))
                    ? jcmd(pid, "VM.native_memory", "summary", "scale=MB") : "";
            Files.writeString(out.resolve("p6-" + v.label() + "-" + round + ".txt"), heap + "\n" + nmt);
            r.putAll(NativeMemory.committedMb(nmt));
            long a0 = System.nanoTime();
            require(Execution.start(k.client(), "spark.range(20_000_000).selectExpr(\"id % 1000 AS k\", \"id * 2 AS v\")"
                    + ".groupBy(\"k\").sum(\"v\").collectAsList().size()").await(Duration.ofSeconds(300)), "1000");
            r.put("aggregation_20m_s", secondsSince(a0));
            r.put("rss_after_aggregation_mb", ServerBench.rssMb(pid));
            Thread.sleep(settle * 1000L);
            r.put("rss_idle_after_aggregation_mb", ServerBench.rssMb(pid));
            k.shutdown(Duration.ofSeconds(10));
        }
        return r;
    }

    private static void require(Execution e, String value) {
        if (!"ok".equals(e.status()) || !value.equals(e.resultText())) {
            throw new IllegalStateException("unexpected result " + e.resultText() + " (" + e.status() + "): "
                    + e.iopub("error") + e.stream("stderr"));
        }
    }

    static double secondsSince(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e7) / 100.0;
    }

    static long statusField(long pid, String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    static String jcmd(long pid, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid)));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return text;
    }
}
