package io.workbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.broker.BrokerConfig;
import io.workbench.broker.EmbeddedBroker;
import io.workbench.config.Settings;
import io.workbench.events.EventProducer;
import io.workbench.events.ProducerSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cost of metrics (issue 10): a streaming query's throughput in a job JVM with the runtime's metrics on (query
 * listener, meters, /metrics scraped like Prometheus would) and off ({@code WORKBENCH_METRICS_ENABLED=false}), in
 * the same run, over the same Kafka backlog on an embedded broker. The query is notebook 2's 1-minute window query,
 * read with {@code maxOffsetsPerTrigger} so that the backlog drains in many micro-batches: the listener's work is
 * per batch, and one giant batch would hide it. Runs alternate on, off, on, off … after one discarded warm-up run,
 * each a fresh JVM with a fresh checkpoint; the environment differs only in the switch.
 *
 * <p>Figures per run, from the job's status file (written from the query's own progress):
 * <ul>
 *   <li>processing rows/s: input rows over the summed {@code triggerExecution} of the batches that read them;</li>
 *   <li>drain rows/s: input rows over the wall time from the first batch's start to the moment the status file
 *       shows every row read (so listener-bus delays and gaps between batches count too);</li>
 *   <li>CPU seconds per million rows: the job JVM's CPU time (user + system, from the OS through
 *       {@link ProcessHandle.Info#totalCpuDuration()}) between the first rows read and the last, over the rows. Work
 *       done rather than time waited, so it moves much less than the rates when other processes share the cores.</li>
 * </ul>
 * Prints JSON lines. Usage: MetricsBench exporterClasspath jobRuntimeClasspath jvmOptionsFile [backlog]
 * [maxOffsetsPerTrigger] [rounds] [scrapeSeconds]
 */
public final class MetricsBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "metrics-cost-backlog";
    private static final String QUERY = """
            var events = spark.readStream().format("kafka").option("kafka.bootstrap.servers", kafka.bootstrapServers())
                    .option("subscribe", topic).option("startingOffsets", "earliest").option("includeHeaders", "true")
                    .option("maxOffsetsPerTrigger", "%d").load()
                    .select(io.workbench.ext.spark.EventFrames.decoded().as("event"))
                    .where(col("event.event_id").isNotNull()).select(col("event.*"));
            display(events.withWatermark("timestamp", "5 minutes")
                    .groupBy(window(col("timestamp"), "1 minute"), col("product_category"))
                    .agg(sum("amount").as("sales"), count("*").as("orders")), "metrics_cost");
            """;
    private static final Pattern INPUT_ROWS = Pattern.compile(
            "^workbench_query_input_rows_total\\{[^}]*\\} (\\S+)$", Pattern.MULTILINE);

    private final Path home;
    private final String bootstrap;
    private final ExportedJob job;
    private final long backlog;
    private final Duration scrapeEvery;

    private MetricsBench(Path home, String bootstrap, ExportedJob job, long backlog, Duration scrapeEvery) {
        this.home = home;
        this.bootstrap = bootstrap;
        this.job = job;
        this.backlog = backlog;
        this.scrapeEvery = scrapeEvery;
    }

    /** One run's figures; {@code scrapes} and {@code scrapedRows} are 0 and -1 with metrics off. */
    record Run(boolean metrics, long rows, long batches, double processingEps, double drainEps, double cpuPerMillion,
               int scrapes, double scrapeMsMax, long scrapedRows) {
    }

    public static void main(String[] args) throws Exception {
        String exporterCp = args[0];
        String runtimeCp = args[1];
        List<String> jvmFlags = List.of(Files.readString(Path.of(args[2])).trim().split("\\s+"));
        long backlog = args.length > 3 ? Long.parseLong(args[3]) : 1_000_000;
        long perBatch = args.length > 4 ? Long.parseLong(args[4]) : 100_000;
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        Duration scrapeEvery = Duration.ofSeconds(args.length > 6 ? Long.parseLong(args[6]) : 1);
        Path home = Files.createTempDirectory("workbench-metrics-cost");
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerConfig.from(Settings.of(Map.of(), Map.of(), Map.of()))
                .withDataDir(home.resolve("kafka")).withPorts(0, 0))) {
            try (EventProducer p = EventProducer.start(ProducerSettings.defaults().topic(TOPIC).partitions(4).rate(0)
                    .seed(10).maxEvents(backlog).simulatedTime(1_764_000_000_000L, 1000), broker.bootstrapServers())) {
                p.awaitDone(Duration.ofMinutes(10));
            }
            ExportedJob job = ExportedJob.export(home, "metrics_cost", QUERY.formatted(perBatch), exporterCp, runtimeCp,
                    jvmFlags);
            MetricsBench b = new MetricsBench(home, broker.bootstrapServers(), job, backlog, scrapeEvery);
            print(row("warmup", b.run("warmup", true)));
            List<Run> on = new ArrayList<>();
            List<Run> off = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                Run r = b.run("on" + round, true);
                on.add(r);
                print(row(round, r));
                r = b.run("off" + round, false);
                off.add(r);
                print(row(round, r));
            }
            print(summary(backlog, perBatch, scrapeEvery, on, off));
        }
    }

    /** One job run, once mode; with metrics on, a scraper GETs /metrics every {@link #scrapeEvery} while it runs. */
    private Run run(String name, boolean metrics) throws Exception {
        Path status = home.resolve(name + "-status.json");
        Path portFile = home.resolve(name + ".metrics-port");
        Path log = home.resolve(name + ".log");
        String token = UUID.randomUUID().toString();
        ProcessBuilder pb = new ProcessBuilder(job.onceCommand("mc-" + name, TOPIC, status, home.resolve(name + "-ckpt")))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        pb.environment().put("WORKBENCH_HOME", home.toString());
        // As the server starts a job run, for both sides: only the switch differs.
        pb.environment().put("WORKBENCH_METRICS_TOKEN", token);
        pb.environment().put("WORKBENCH_METRICS_PORT_FILE", portFile.toString());
        pb.environment().put("WORKBENCH_METRICS_ENABLED", String.valueOf(metrics));
        Process p = pb.start();
        Scraper scraper = new Scraper(portFile, token, scrapeEvery);
        Thread scraping = new Thread(() -> scraper.loop(p), "scraper");
        scraping.setDaemon(true);
        scraping.start();
        long drainedAt = -1;
        long firstRowsRead = -1;
        double cpuAtFirstRows = -1;
        double cpuAtDrained = -1;
        while (p.isAlive()) {
            long read = rowsRead(status);
            if (firstRowsRead < 0 && read > 0) {
                firstRowsRead = read;
                cpuAtFirstRows = cpuSeconds(p);
            }
            if (drainedAt < 0 && read >= backlog) {
                drainedAt = System.currentTimeMillis();
                cpuAtDrained = cpuSeconds(p);
            }
            Thread.sleep(20);
        }
        scraping.join();
        if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("the job run failed; see " + log);
        }
        if (metrics != Files.exists(portFile)) {
            throw new IllegalStateException("metrics " + (metrics ? "on but no endpoint" : "off but an endpoint")
                    + " in run " + name + "; see " + log);
        }
        if (metrics && scraper.scrapes == 0) {
            throw new IllegalStateException("metrics on but no successful scrape in run " + name + "; see " + log);
        }
        JsonNode q = JSON.readTree(status.toFile()).path("queries").path(0);
        long rows = q.path("inputRows").asLong();
        if (drainedAt < 0 || rows < backlog) {
            throw new IllegalStateException("run " + name + " read " + rows + " of " + backlog + " rows; see " + log);
        }
        double drainSeconds = (drainedAt - Instant.parse(q.path("firstBatchAt").asText()).toEpochMilli()) / 1000.0;
        double cpuPerMillion = cpuAtFirstRows < 0 || cpuAtDrained < 0 || rows <= firstRowsRead ? Double.NaN
                : (cpuAtDrained - cpuAtFirstRows) / ((rows - firstRowsRead) / 1e6);
        return new Run(metrics, rows, q.path("batchesWithRows").asLong(), rows / (q.path("processingMs").asDouble() / 1000),
                rows / drainSeconds, cpuPerMillion, scraper.scrapes, scraper.maxMs, scraper.lastRows);
    }

    /** The process's CPU time so far (user + system), in seconds; -1 where the OS does not say. */
    private static double cpuSeconds(Process p) {
        return p.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(-1.0);
    }

    /** The input rows the status file shows now; 0 while it is missing or being replaced. */
    private static long rowsRead(Path status) {
        try {
            return JSON.readTree(status.toFile()).path("queries").path(0).path("inputRows").asLong();
        } catch (Exception e) {
            return 0;
        }
    }

    /** A Prometheus stand-in: GET /metrics with the token at a fixed interval while the run's JVM lives. */
    private static final class Scraper {
        private final Path portFile;
        private final String token;
        private final Duration every;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        volatile int scrapes;
        volatile double maxMs;
        volatile long lastRows = -1;

        Scraper(Path portFile, String token, Duration every) {
            this.portFile = portFile;
            this.token = token;
            this.every = every;
        }

        void loop(Process p) {
            try {
                while (p.isAlive()) {
                    long next = System.nanoTime() + every.toNanos();
                    if (Files.exists(portFile)) {
                        scrapeOnce(Files.readString(portFile).trim());
                    }
                    Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // the port file was half gone as the JVM exited: the run is over
            }
        }

        private void scrapeOnce(String port) throws InterruptedException {
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    scrapes++;
                    maxMs = Math.max(maxMs, (System.nanoTime() - t0) / 1e6);
                    Matcher m = INPUT_ROWS.matcher(r.body());
                    if (m.find()) {
                        lastRows = (long) Double.parseDouble(m.group(1));
                    }
                }
            } catch (java.io.IOException e) {
                // the JVM is starting or exiting
            }
        }
    }

    private static Map<String, Object> row(Object round, Run r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metrics_cost_round", round);
        m.put("metrics", r.metrics() ? "on" : "off");
        m.put("rows", r.rows());
        m.put("batches", r.batches());
        m.put("processing_rows_per_s", Math.round(r.processingEps()));
        m.put("drain_rows_per_s", Math.round(r.drainEps()));
        m.put("cpu_s_per_million_rows", round3(r.cpuPerMillion()));
        if (r.metrics()) {
            m.put("scrapes", r.scrapes());
            m.put("scrape_ms_max", round3(r.scrapeMsMax()));
            m.put("last_scraped_input_rows", r.scrapedRows());
        }
        return m;
    }

    private static Map<String, Object> summary(long backlog, long perBatch, Duration scrapeEvery, List<Run> on,
                                               List<Run> off) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("benchmark", "cost of metrics: job JVM, metrics on (scraped) vs off, interleaved");
        s.put("backlog_rows", backlog);
        s.put("max_offsets_per_trigger", perBatch);
        s.put("scrape_interval_s", scrapeEvery.toSeconds());
        s.put("rounds", on.size());
        for (String figure : List.of("processing", "drain")) {
            List<Double> a = on.stream().map(r -> figure.equals("processing") ? r.processingEps() : r.drainEps()).toList();
            List<Double> b = off.stream().map(r -> figure.equals("processing") ? r.processingEps() : r.drainEps()).toList();
            List<Double> pairs = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                pairs.add(a.get(i) / b.get(i));
            }
            s.put(figure + "_on_median_rows_per_s", Math.round(median(a)));
            s.put(figure + "_off_median_rows_per_s", Math.round(median(b)));
            s.put(figure + "_ratio_on_off", round3(median(a) / median(b)));
            s.put(figure + "_pair_ratios", pairs.stream().map(MetricsBench::round3).toList());
            s.put(figure + "_spread_on_pct", round3(spreadPct(a)));
            s.put(figure + "_spread_off_pct", round3(spreadPct(b)));
        }
        List<Double> cpuOn = on.stream().map(Run::cpuPerMillion).toList();
        List<Double> cpuOff = off.stream().map(Run::cpuPerMillion).toList();
        s.put("cpu_on_median_s_per_million_rows", round3(median(cpuOn)));
        s.put("cpu_off_median_s_per_million_rows", round3(median(cpuOff)));
        s.put("cpu_ratio_on_off", round3(median(cpuOn) / median(cpuOff)));
        s.put("cpu_spread_on_pct", round3(spreadPct(cpuOn)));
        s.put("cpu_spread_off_pct", round3(spreadPct(cpuOff)));
        s.put("goal", "rates on/off >= 0.98, CPU on/off <= 1.02 (under 2% difference)");
        return s;
    }

    /** (max - min) / median, in percent. */
    private static double spreadPct(List<Double> xs) {
        return 100 * (xs.stream().mapToDouble(d -> d).max().orElse(0) - xs.stream().mapToDouble(d -> d).min().orElse(0))
                / median(xs);
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static double round3(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    private static void print(Map<String, Object> m) throws Exception {
        System.out.println(JSON.writeValueAsString(m));
    }
}
