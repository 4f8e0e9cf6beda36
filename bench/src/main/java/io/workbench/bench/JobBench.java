package io.workbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.concurrent.TimeUnit;

/**
 * P7: a notebook exported as a job against the notebook itself, on the same backlog, side by side, in alternating
 * order. The notebook is two cells: a parameters cell ({@code topic}) and notebook 2's 1-minute window query shown
 * with {@code display(...)}. The job is that notebook exported (ExportMain, javac) and run as a job JVM in once mode;
 * the notebook runs in a kernel JVM started for the round. Measured on each side:
 * <ul>
 *   <li>throughput: input rows over the time Spark spent in the batches that read them (their triggerExecution);</li>
 *   <li>start to first batch: from launching the JVM (the job's, or the kernel's with the notebook opened at once) to
 *       the end of the first batch that read rows; for the notebook also from running the cell in a warm kernel.</li>
 * </ul>
 * Prints JSON lines. Usage: JobBench kernelsDir exporterClasspath jobRuntimeClasspath jvmOptionsFile [backlog]
 */
public final class JobBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUERY = "display(kafka.events(topic).withWatermark(\"timestamp\", \"5 minutes\")\n"
            + "        .groupBy(window(col(\"timestamp\"), \"1 minute\"), col(\"product_category\"))\n"
            + "        .agg(sum(\"amount\").as(\"sales\"), count(\"*\").as(\"orders\")), \"p7_windows\");\n";

    private final Path home;
    private final String bootstrap;
    private final Path kernels;

    private JobBench(Path home, String bootstrap, Path kernels) {
        this.home = home;
        this.bootstrap = bootstrap;
        this.kernels = kernels;
    }

    /** One side's figures. */
    record Side(long rows, double eps, double firstBatchSeconds) {
    }

    public static void main(String[] args) throws Exception {
        Path kernels = Path.of(args[0]);
        String exporterCp = args[1];
        String runtimeCp = args[2];
        List<String> jvmFlags = List.of(Files.readString(Path.of(args[3])).trim().split("\\s+"));
        long backlog = args.length > 4 ? Long.parseLong(args[4]) : 1_000_000;
        Path home = Files.createTempDirectory("workbench-p7");
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerConfig.from(Settings.of(Map.of(), Map.of(), Map.of()))
                .withDataDir(home.resolve("kafka")).withPorts(0, 0))) {
            JobBench b = new JobBench(home, broker.bootstrapServers(), kernels);
            String topic = "p7-backlog";
            try (EventProducer p = EventProducer.start(ProducerSettings.defaults().topic(topic).partitions(4).rate(0)
                    .seed(7).maxEvents(backlog).simulatedTime(1_764_000_000_000L, 1000), b.bootstrap)) {
                p.awaitDone(Duration.ofMinutes(10));
            }
            ExportedJob project = ExportedJob.export(home, "p7", QUERY, exporterCp, runtimeCp, jvmFlags);
            List<Side> jobs = new ArrayList<>();
            List<Side> notebooks = new ArrayList<>();
            List<Double> warm = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (int side = 0; side < 2; side++) {
                    boolean job = (side == 0) == (round % 2 == 0);
                    if (job) {
                        Side s = b.job(project, topic, round);
                        jobs.add(s);
                        print(Map.of("p7_round", round, "side", "job", "rows", s.rows(), "events_per_s", Math.round(s.eps()),
                                "start_to_first_batch_s", round3(s.firstBatchSeconds())));
                    } else {
                        double[] warmFirst = new double[1];
                        Side s = b.notebook(topic, round, warmFirst);
                        notebooks.add(s);
                        warm.add(warmFirst[0]);
                        print(Map.of("p7_round", round, "side", "notebook", "rows", s.rows(), "events_per_s",
                                Math.round(s.eps()), "start_to_first_batch_s", round3(s.firstBatchSeconds()),
                                "warm_cell_to_first_batch_s", round3(warmFirst[0])));
                    }
                }
            }
            double jobEps = median(jobs.stream().map(Side::eps).toList());
            double nbEps = median(notebooks.stream().map(Side::eps).toList());
            double jobFirst = median(jobs.stream().map(Side::firstBatchSeconds).toList());
            double nbFirst = median(notebooks.stream().map(Side::firstBatchSeconds).toList());
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("benchmark", "P7 exported job vs notebook (same query, same backlog)");
            summary.put("backlog_events", backlog);
            summary.put("job_median_eps", Math.round(jobEps));
            summary.put("notebook_median_eps", Math.round(nbEps));
            summary.put("throughput_ratio", round3(jobEps / nbEps));
            summary.put("goal_throughput_ratio", 0.95);
            summary.put("job_start_to_first_batch_s", round3(jobFirst));
            summary.put("notebook_cold_start_to_first_batch_s", round3(nbFirst));
            summary.put("notebook_warm_cell_to_first_batch_s", round3(median(warm)));
            summary.put("goal", "job start to first batch <= the notebook's");
            print(summary);
        }
    }

    private Side job(ExportedJob project, String topic, int round) throws Exception {
        Path status = home.resolve("p7-status-" + round + ".json");
        List<String> command = project.onceCommand("p7r" + round, topic, status, home.resolve("p7-ckpt-job-" + round));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("p7-job-" + round + ".log").toFile());
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        pb.environment().put("WORKBENCH_HOME", home.toString());
        long t0 = System.nanoTime();
        Process p = pb.start();
        double first = -1;
        while (p.isAlive() || first < 0) {
            if (first < 0 && Files.exists(status)) {
                JsonNode q = JSON.readTree(status.toFile()).path("queries").path(0);
                if (q.path("batchesWithRows").asLong() > 0) {
                    first = (System.nanoTime() - t0) / 1e9;
                }
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("the job run failed; see " + home.resolve("p7-job-" + round + ".log"));
        }
        JsonNode q = JSON.readTree(status.toFile()).path("queries").path(0);
        long rows = q.path("inputRows").asLong();
        return new Side(rows, rows / (q.path("processingMs").asDouble() / 1000), first);
    }

    private Side notebook(String topic, int round, double[] warmFirst) throws Exception {
        KernelSpecFile spec = KernelSpecFile.read(kernels.resolve("workbench-java/kernel.json"));
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("WORKBENCH_STREAMING_CHECKPOINT_DIR", Files.createTempDirectory(home, "nb-ckpt").toString());
        long launched = System.currentTimeMillis();
        try (LocalKernel k = LocalKernel.launch(spec, Files.createDirectories(home.resolve("runtime")), env)) {
            k.awaitReady(Duration.ofMinutes(2));
            String figures = cell(k, "nb-params", "String topic = \"" + topic + "\";");
            figures = cell(k, "nb-query", QUERY + firstBatch("p7_windows"));
            long firstAt = Long.parseLong(figures.split(" ")[0]);
            JsonNode done = JSON.readTree(cell(k, "nb-done", "streams.awaitProcessed(\"p7_windows\");\n" + totals("p7_windows")));
            // The same query again in the now warm kernel, from a fresh checkpoint: running the cell to its first batch.
            String warm = cell(k, "nb-warm", "long cellStart = System.currentTimeMillis();\n"
                    + QUERY.replace("p7_windows", "p7_warm") + firstBatch("p7_warm") + " + \" \" + cellStart");
            String[] w = warm.replace("\"", "").split(" ");
            warmFirst[0] = (Long.parseLong(w[0]) - Long.parseLong(w[w.length - 1])) / 1000.0;
            long rows = done.path("rows").asLong();
            return new Side(rows, rows / (done.path("ms").asDouble() / 1000), (firstAt - launched) / 1000.0);
        }
    }

    /** Cell code that waits for the query's first batch with rows and evaluates to the epoch millis it ended at. */
    private static String firstBatch(String name) {
        return "while (java.util.Arrays.stream(streams.query(\"" + name + "\").recentProgress())"
                + ".noneMatch(p -> p.numInputRows() > 0)) Thread.sleep(10);\nSystem.currentTimeMillis() + \"\"";
    }

    private static String totals(String name) {
        return "long rows = 0, ms = 0;\nfor (var p : streams.query(\"" + name + "\").recentProgress()) { if (p.numInputRows() > 0)"
                + " { rows += p.numInputRows(); ms += p.durationMs().get(\"triggerExecution\"); } }\n"
                + "\"{\\\"rows\\\": \" + rows + \", \\\"ms\\\": \" + ms + \"}\"";
    }

    private static String cell(LocalKernel k, String id, String code) throws Exception {
        Execution e = Execution.start(k.client(), code, id).await(Duration.ofMinutes(10));
        if (!"ok".equals(e.status())) {
            throw new IllegalStateException("a benchmark cell failed: " + e.iopub() + "\n" + k.logTail(40));
        }
        String r = e.resultText();
        return r == null ? "" : r.replaceAll("^\"|\"$", "").replace("\\\"", "\"");
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.isEmpty() ? Double.NaN : s.get(s.size() / 2);
    }

    private static double round3(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    private static void print(Map<String, Object> m) throws Exception {
        System.out.println(JSON.writeValueAsString(m));
    }
}
