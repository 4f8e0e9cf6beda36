package io.workbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.broker.BrokerConfig;
import io.workbench.broker.EmbeddedBroker;
import io.workbench.config.Settings;
import io.workbench.events.EventProducer;
import io.workbench.events.ProducerSettings;
import io.workbench.protocol.client.Execution;
import io.workbench.protocol.client.KernelSpecFile;
import io.workbench.protocol.client.LocalKernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * P2: notebook 2's 1-minute window query (Kafka → from_avro → window with watermark → each batch collected), from
 * a notebook (a real kernel JVM, cells over the Jupyter protocol; the sustained run through display()) and as a
 * plain Java Spark main with the kernel's JVM flags and Spark settings, side by side on one broker.
 * <ul>
 *   <li>backlog: AvailableNow over a pre-produced backlog, warm (each side runs it twice on fresh checkpoints
 *       and reports the second), two rounds in alternating order;</li>
 *   <li>sustained: the producer at a fixed rate (in this JVM, sharing the 2 cores with the broker and Spark) and a
 *       1-second trigger for a while; sustained when the batches stay under the trigger.</li>
 * </ul>
 * Prints JSON lines. Usage: StreamBench kernelsDir [backlog events] [sustained seconds] [rates, comma-separated]
 */
public final class StreamBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WINDOWS = """
            Dataset<Row> windows(String topic) {
                return kafka.events(topic).withWatermark("timestamp", "5 minutes")
                        .groupBy(window(col("timestamp"), "1 minute"), col("product_category"))
                        .agg(sum("amount").as("sales"), count("*").as("orders"));
            }
            String p2line(double seconds, StreamingQueryProgress[] progress) {
                StringBuilder b = new StringBuilder("P2RUN ").append(seconds);
                for (var p : progress) {
                    if (p.numInputRows() > 0) {
                        Long d = p.durationMs().get("triggerExecution");
                        b.append(' ').append(p.numInputRows()).append(':').append(d == null ? 0 : d).append(':')
                                .append(p.processedRowsPerSecond());
                    }
                }
                return b.toString();
            }
            """;

    private final Path kernels;
    private final String bootstrap;
    private final Path home;

    private StreamBench(Path kernels, String bootstrap, Path home) {
        this.kernels = kernels;
        this.bootstrap = bootstrap;
        this.home = home;
    }

    public static void main(String[] args) throws Exception {
        Path kernels = Path.of(args[0]);
        long backlog = args.length > 1 ? Long.parseLong(args[1]) : 3_000_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        String rates = args.length > 3 ? args[3] : "100000,200000";
        Path home = Files.createTempDirectory("workbench-p2");
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerConfig.from(Settings.of(Map.of(), Map.of(), Map.of()))
                .withDataDir(home.resolve("kafka")).withPorts(0, 0))) {
            StreamBench b = new StreamBench(kernels, broker.bootstrapServers(), home);
            String topic = "p2-backlog";
            long t0 = System.nanoTime();
            try (EventProducer p = EventProducer.start(ProducerSettings.defaults().topic(topic).partitions(4).rate(0)
                    .seed(7).maxEvents(backlog).simulatedTime(1_764_000_000_000L, 1000), b.bootstrap)) {
                p.awaitDone(Duration.ofMinutes(10));
            }
            System.err.printf("backlog of %d events produced in %.1f s%n", backlog, (System.nanoTime() - t0) / 1e9);
            List<Double> plain = new ArrayList<>();
            List<Double> notebook = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (boolean nbFirst : new boolean[] {round == 1}) {
                    for (int side = 0; side < 2; side++) {
                        boolean isNotebook = (side == 0) == nbFirst;
                        Run r = isNotebook ? b.notebookBacklog(topic) : b.plain(topic, "backlog", 0);
                        double eps = r.rows / r.seconds;
                        (isNotebook ? notebook : plain).add(eps);
                        b.print(Map.of("p2_backlog_round", round, "side", isNotebook ? "notebook" : "plain", "events", r.rows,
                                "seconds", round3(r.seconds), "events_per_s", Math.round(eps)));
                    }
                }
            }
            b.print(Map.of("benchmark", "P2 backlog (AvailableNow, warm)", "backlog_events", backlog,
                    "notebook_median_eps", Math.round(ProducerBench.median(notebook)),
                    "plain_median_eps", Math.round(ProducerBench.median(plain)),
                    "ratio", round3(ProducerBench.median(notebook) / ProducerBench.median(plain)), "goal_eps", 400_000,
                    "goal_ratio", 0.95));
            for (String rate : rates.split(",")) {
                double r = Double.parseDouble(rate.trim());
                for (String side : new String[] {"plain", "notebook"}) {
                    String t = "p2-sustained-" + (long) r + "-" + side;
                    try (EventProducer p = EventProducer.start(ProducerSettings.defaults().topic(t).partitions(4).rate(r)
                            .seed(11), b.bootstrap)) {
                        Run run = "notebook".equals(side) ? b.notebookSustained(t, seconds) : b.plain(t, "sustained", seconds);
                        Map<String, Object> out = new LinkedHashMap<>();
                        out.put("benchmark", "P2 sustained (1 s trigger)");
                        out.put("side", side);
                        out.put("target_eps", (long) r);
                        out.put("producer_actual_eps", Math.round(p.stats().sent() / Math.max(1, p.stats().seconds())));
                        out.putAll(run.summary());
                        b.print(out);
                    }
                }
            }
        }
    }

    private void print(Map<String, Object> m) throws Exception {
        System.out.println(JSON.writeValueAsString(m));
    }

    private static double round3(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    /** One measured run: wall seconds, rows read, and per batch with input its trigger time and processed rate. */
    record Run(double seconds, long rows, List<Long> batchMs, List<Double> processed) {
        static Run parse(String text) {
            int at = text.indexOf("P2RUN ");
            if (at < 0) {
                throw new IllegalStateException("no P2RUN line in: " + text);
            }
            String[] parts = text.substring(at + 6).split("[\\s\"]+");
            double seconds = Double.parseDouble(parts[0]);
            long rows = 0;
            List<Long> ms = new ArrayList<>();
            List<Double> rates = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                String[] f = parts[i].split(":");
                if (f.length != 3) {
                    break;
                }
                rows += Long.parseLong(f[0]);
                ms.add(Long.parseLong(f[1]));
                rates.add(Double.parseDouble(f[2]));
            }
            return new Run(seconds, rows, ms, rates);
        }

        Map<String, Object> summary() {
            List<Long> sorted = new ArrayList<>(batchMs);
            sorted.sort(null);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seconds", round3(seconds));
            m.put("rows", rows);
            m.put("batches", sorted.size());
            if (!sorted.isEmpty()) {
                // The first batches read what arrived while the JVM and the query started: the steady state is
                // what follows them.
                int skip = Math.min(3, Math.max(0, batchMs.size() - 3));
                List<Long> steady = new ArrayList<>(batchMs.subList(skip, batchMs.size()));
                double steadyRate = 0;
                for (double r : processed.subList(skip, processed.size())) {
                    steadyRate += r;
                }
                m.put("steady_batches", steady.size());
                m.put("steady_processed_eps_mean", Math.round(steadyRate / steady.size()));
                steady.sort(null);
                m.put("batch_ms_p50", steady.get(steady.size() / 2));
                m.put("batch_ms_p95", steady.get(Math.min(steady.size() - 1, (int) (steady.size() * 0.95))));
                m.put("batch_ms_max", steady.get(steady.size() - 1));
                m.put("sustained", steady.get(Math.min(steady.size() - 1, (int) (steady.size() * 0.95))) < 1000);
            }
            return m;
        }
    }

    private Run plain(String topic, String mode, int seconds) throws Exception {
        KernelSpecFile spec = KernelSpecFile.read(kernels.resolve("workbench-java/kernel.json"));
        List<String> command = new ArrayList<>();
        for (int i = 0; i < spec.argv().size(); i++) {
            String a = spec.argv().get(i);
            if (a.equals("io.workbench.kernel.KernelMain")) {
                break;
            }
            command.add(i > 0 && spec.argv().get(i - 1).equals("-cp")
                    ? a + java.io.File.pathSeparator + System.getProperty("java.class.path") : a);
        }
        command.addAll(List.of(PlainSparkMain.class.getName(), bootstrap, topic, mode, String.valueOf(seconds)));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(spec.env());
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the plain Spark main failed: " + out);
        }
        return Run.parse(out);
    }

    private LocalKernel kernel() throws Exception {
        LocalKernel k = launch(kernels, home, bootstrap, Map.of());
        cell(k, "spark.range(10).count();\n" + WINDOWS);
        return k;
    }

    /**
     * Launches a kernel from the workbench-java kernelspec under {@code kernels}, on the Kafka at {@code bootstrap},
     * with its checkpoints and runtime files under {@code home} and {@code env} added to its environment, and waits
     * until it answers (at most 2 minutes).
     */
    static LocalKernel launch(Path kernels, Path home, String bootstrap, Map<String, String> env) throws Exception {
        KernelSpecFile spec = KernelSpecFile.read(kernels.resolve("workbench-java/kernel.json"));
        Map<String, String> all = new HashMap<>(env);
        all.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        all.put("WORKBENCH_STREAMING_CHECKPOINT_DIR", Files.createTempDirectory(home, "checkpoints").toString());
        LocalKernel k = LocalKernel.launch(spec, Files.createDirectories(home.resolve("runtime")), all);
        k.awaitReady(Duration.ofMinutes(2));
        return k;
    }

    private static int cells;

    /** Runs a cell; each gets its own cell id, since running a cell again would stop the query it started. */
    static String cell(LocalKernel k, String code) throws Exception {
        Execution e = Execution.start(k.client(), code, "bench-" + ++cells).await(Duration.ofMinutes(10));
        if (!"ok".equals(e.status())) {
            throw new IllegalStateException("a benchmark cell failed: " + e.iopub() + "\n" + k.logTail(40));
        }
        return e.resultText();
    }

    private Run notebookBacklog(String topic) throws Exception {
        try (LocalKernel k = kernel()) {
            String result = null;
            for (int run = 0; run < 2; run++) {
                result = cell(k, """
                        long t0 = System.nanoTime();
                        var q = windows("%s").writeStream().queryName("nb_backlog_%d").outputMode("update")
                                .option("checkpointLocation", java.nio.file.Files.createTempDirectory("nb-backlog").toString())
                                .trigger(Trigger.AvailableNow())
                                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> batch.collectAsList()).start();
                        q.awaitTermination();
                        p2line((System.nanoTime() - t0) / 1e9, q.recentProgress())
                        """.formatted(topic, run));
            }
            return Run.parse(result);
        }
    }

    private Run notebookSustained(String topic, int seconds) throws Exception {
        try (LocalKernel k = kernel()) {
            cell(k, "display(windows(\"" + topic + "\"), \"nb_sustained\");\nlong sustainedStart = System.nanoTime();");
            Thread.sleep(seconds * 1000L);
            return Run.parse(cell(k, """
                    var q = streams.query("nb_sustained");
                    var progress = q.recentProgress();
                    q.stop();
                    p2line((System.nanoTime() - sustainedStart) / 1e9, progress)
                    """));
        }
    }
}
