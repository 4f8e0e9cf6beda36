package io.workbench.server.pipeline;

import io.workbench.server.pipeline.MetricsText.Sample;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last minutes of every streaming query and event producer in the kernels and job runs, for the browser's
 * Pipeline page (docs/monitoring.md). Every {@link #INTERVAL} a background thread scrapes the /metrics endpoint of
 * each kernel and job run that Prometheus's discovery lists (with the metrics token) and keeps, per query and per
 * producer, a point per scrape for {@link #RETENTION}: the figures of docs/metrics.md, with counters turned into
 * per-second rates and the batch-duration histogram into the mean duration of the batches completed since the
 * previous scrape.
 *
 * <p>It is a small in-memory history so the page works on the default start, with no Prometheus; Prometheus remains
 * where long history and alerting live. Thread-safe: the sampler thread writes, {@link #snapshot()} reads, both under
 * this object's lock. A target that does not answer within {@link #SCRAPE_TIMEOUT} is skipped for that round.
 */
public final class PipelineHistory implements AutoCloseable {
    /** How often the processes are scraped: Prometheus's usual 5 s scrape interval of monitoring/. */
    public static final Duration INTERVAL = Duration.ofSeconds(5);
    /** How long points are kept, and a query or producer no longer served is still shown. */
    public static final Duration RETENTION = Duration.ofMinutes(10);
    static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(PipelineHistory.class);

    /** A process to scrape: {@code kind} kernel or job, its {@code host:port}, and Prometheus's labels for it. */
    public record Target(String kind, String address, Map<String, String> labels) {
    }

    private final Supplier<List<Target>> targets;
    private final String metricsToken;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private ScheduledExecutorService sampler;
    private long sampledAt = -1;

    /**
     * @param targets the processes serving metrics now (called on the sampler thread; may block)
     * @param metricsToken the bearer token the processes' /metrics accept
     */
    public PipelineHistory(Supplier<List<Target>> targets, String metricsToken, Clock clock) {
        this.targets = targets;
        this.metricsToken = metricsToken;
        this.clock = clock;
    }

    /** Starts scraping every {@link #INTERVAL} on a daemon thread of its own. */
    public synchronized void start() {
        if (sampler != null) {
            return;
        }
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pipeline-history");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleWithFixedDelay(() -> {
            try {
                sampleOnce();
            } catch (RuntimeException e) {
                LOG.warn("Pipeline history: a scrape round failed; the next one will try again", e);
            }
        }, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Scrapes every target once now and records what they serve. Blocking (up to the scrape timeout per target). */
    public void sampleOnce() {
        long now = clock.millis();
        for (Target t : targets.get()) {
            String text = scrape(t.address());
            if (text != null) {
                record(now, t, MetricsText.parse(text));
            }
        }
        synchronized (this) {
            sampledAt = now;
            sources.values().removeIf(s -> now - s.lastSeen > RETENTION.toMillis());
            for (Source s : sources.values()) {
                s.queries.values().removeIf(q -> now - q.lastAt > RETENTION.toMillis());
                s.producers.values().removeIf(p -> now - p.lastAt > RETENTION.toMillis());
                // The last scrape of a series dropped goes with it: a name seen again starts a new series.
                s.previousQuery.keySet().retainAll(s.queries.keySet());
                s.previousProducer.keySet().retainAll(s.producers.keySet());
            }
        }
    }

    private String scrape(String address) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address + "/metrics"))
                    .timeout(SCRAPE_TIMEOUT).header("Authorization", "Bearer " + metricsToken).GET().build();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (java.io.IOException e) {
            return null; // the process is going away or busy: its points resume with the next round
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Adds the points of one scrape of {@code target} taken at {@code atMillis}. */
    synchronized void record(long atMillis, Target target, List<Sample> samples) {
        String sourceName = switch (target.kind()) {
            case "job" -> target.labels().getOrDefault("job_name", "");
            default -> target.labels().getOrDefault("notebook", "");
        };
        String kernelId = target.labels().getOrDefault("kernel_id", "");
        String key = target.kind() + "|" + sourceName + "|" + kernelId;
        Source source = sources.computeIfAbsent(key, k -> new Source(target.kind(), sourceName, kernelId));
        source.lastSeen = atMillis;
        Map<String, Map<String, Double>> queries = new LinkedHashMap<>();
        Map<String, Map<String, Double>> producers = new LinkedHashMap<>();
        Map<String, String> producerTopics = new HashMap<>();
        for (Sample s : samples) {
            if (s.name().startsWith("workbench_query_")) {
                String name = s.label("query_name");
                Map<String, Double> q = queries.computeIfAbsent(name, n -> new HashMap<>());
                String metric = s.name().substring("workbench_query_".length());
                // Per-topic gauges add up over the query's topics.
                q.merge(metric, s.value(), metric.equals("source_lag_records") ? Double::sum : (a, b) -> b);
            } else if (s.name().startsWith("workbench_producer_")) {
                String id = s.label("producer");
                producerTopics.put(id, s.label("topic"));
                producers.computeIfAbsent(id, n -> new HashMap<>())
                        .put(s.name().substring("workbench_producer_".length()), s.value());
            }
        }
        long t = atMillis;
        long elapsed = atMillis - source.lastQueryAt;
        queries.forEach((name, m) -> source.queries.computeIfAbsent(name, n -> new Series(QUERY_COLUMNS)).add(t,
                queryPoint(m, source.previousQuery.put(name, m), elapsed)));
        if (!queries.isEmpty()) {
            source.lastQueryAt = atMillis;
        }
        producers.forEach((id, m) -> {
            Series series = source.producers.computeIfAbsent(id, n -> new Series(PRODUCER_COLUMNS));
            series.topic = producerTopics.get(id);
            series.add(t, producerPoint(m, source.previousProducer.put(id, m), atMillis - source.lastProducerAt));
        });
        if (!producers.isEmpty()) {
            source.lastProducerAt = atMillis;
        }
    }

    static final List<String> QUERY_COLUMNS = List.of("inputRowsPerSecond", "processedRowsPerSecond",
            "batchDurationSeconds", "sourceLagRecords", "watermarkLagSeconds", "up");
    static final List<String> PRODUCER_COLUMNS = List.of("recordsPerSecond", "targetRecordsPerSecond",
            "acknowledgedPerSecond", "failedPerSecond", "up");

    /**
     * Rates over the interval since the previous scrape, not Spark's per-batch gauges, which keep the last batch's
     * figure for as long as no batch comes: input rows/s is the input counter's increase over the interval (0 while
     * idle), processed rows/s the rows over the batch time spent on them, and the batch duration the mean of the
     * batches completed; the last two have no point for an interval without a batch.
     */
    private static Double[] queryPoint(Map<String, Double> m, Map<String, Double> previous, long elapsedMillis) {
        Double sum = m.get("batch_duration_seconds_sum");
        Double count = m.get("batch_duration_seconds_count");
        Double rows = m.get("input_rows_total");
        double ps = previous == null ? 0 : previous.getOrDefault("batch_duration_seconds_sum", 0.0);
        double pc = previous == null ? 0 : previous.getOrDefault("batch_duration_seconds_count", 0.0);
        double pr = previous == null ? 0 : previous.getOrDefault("input_rows_total", 0.0);
        Double duration = null;
        Double processed = null;
        if (sum != null && count != null && count > pc && sum >= ps) {
            duration = (sum - ps) / (count - pc);
            if (rows != null && rows >= pr && sum > ps) {
                processed = (rows - pr) / (sum - ps);
            }
        }
        Double input = previous == null ? null : rate(m, previous, "input_rows_total", elapsedMillis);
        return new Double[] {input, processed, duration, finite(m.get("source_lag_records")),
                finite(m.get("watermark_lag_seconds")), finite(m.get("up"))};
    }

    /** A stopped producer, or one asked to go as fast as it can (target 0), has no target line. */
    private static Double[] producerPoint(Map<String, Double> m, Map<String, Double> previous, long elapsedMillis) {
        Double up = finite(m.get("up"));
        Double target = finite(m.get("target_records_per_second"));
        boolean running = Double.valueOf(1.0).equals(up);
        return new Double[] {finite(m.get("records_per_second")),
                running && target != null && target > 0 ? target : null,
                rate(m, previous, "records_acknowledged_total", elapsedMillis),
                rate(m, previous, "records_failed_total", elapsedMillis), up};
    }

    /** A counter's increase per second since the previous scrape; null on the first one or after a reset. */
    private static Double rate(Map<String, Double> m, Map<String, Double> previous, String counter, long elapsedMillis) {
        Double now = m.get(counter);
        Double before = previous == null ? null : previous.get(counter);
        if (now == null || before == null || now < before || elapsedMillis <= 0) {
            return null;
        }
        return (now - before) * 1000.0 / elapsedMillis;
    }

    private static Double finite(Double v) {
        return v == null || v.isNaN() || v.isInfinite() ? null : v;
    }

    /**
     * The history now: {@code {"intervalSeconds", "retentionSeconds", "sampledAt" (Unix ms or null), "sources": [{
     * "kind": "kernel"|"job", "name" (notebook path or job name; "" for a warm kernel), "kernelId", "live",
     * "queries": [{"name", "up", "series": {"t": [Unix s…], <column>: [number or null…]…}}], "producers": [{"id",
     * "topic", "up", "series": {…}}]}]}}}. Columns: {@link #QUERY_COLUMNS}, {@link #PRODUCER_COLUMNS}; the arrays
     * are aligned with {@code t}, as uPlot takes them. Sources with neither queries nor producers are left out.
     */
    public synchronized Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("intervalSeconds", INTERVAL.toSeconds());
        out.put("retentionSeconds", RETENTION.toSeconds());
        out.put("sampledAt", sampledAt < 0 ? null : sampledAt);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Source s : sources.values()) {
            if (s.queries.isEmpty() && s.producers.isEmpty()) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", s.kind);
            m.put("name", s.name);
            m.put("kernelId", s.kernelId.isEmpty() ? null : s.kernelId);
            m.put("live", s.lastSeen == sampledAt);
            List<Map<String, Object>> queries = new ArrayList<>();
            s.queries.forEach((name, series) -> {
                Map<String, Object> q = new LinkedHashMap<>();
                q.put("name", name);
                q.put("up", s.lastSeen == sampledAt && series.lastAt == s.lastSeen
                        && Double.valueOf(1.0).equals(series.last("up")));
                q.put("series", series.columns());
                queries.add(q);
            });
            queries.sort(Comparator.comparing(q -> (String) q.get("name")));
            List<Map<String, Object>> producers = new ArrayList<>();
            s.producers.forEach((id, series) -> {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("id", id);
                p.put("topic", series.topic);
                p.put("up", s.lastSeen == sampledAt && series.lastAt == s.lastSeen
                        && Double.valueOf(1.0).equals(series.last("up")));
                p.put("series", series.columns());
                producers.add(p);
            });
            m.put("queries", queries);
            m.put("producers", producers);
            list.add(m);
        }
        out.put("sources", list);
        return out;
    }

    /** Stops the sampler thread; the history stays readable. */
    @Override
    public synchronized void close() {
        if (sampler != null) {
            sampler.shutdownNow();
            sampler = null;
        }
    }

    private static final class Source {
        final String kind;
        final String name;
        final String kernelId;
        final Map<String, Series> queries = new LinkedHashMap<>();
        final Map<String, Series> producers = new LinkedHashMap<>();
        final Map<String, Map<String, Double>> previousQuery = new HashMap<>();
        final Map<String, Map<String, Double>> previousProducer = new HashMap<>();
        long lastSeen;
        long lastQueryAt;
        long lastProducerAt;

        Source(String kind, String name, String kernelId) {
            this.kind = kind;
            this.name = name;
            this.kernelId = kernelId;
        }
    }

    /** Points of one query or producer, oldest first, at most {@link #RETENTION} old. */
    private static final class Series {
        final List<String> columns;
        final ArrayDeque<Long> times = new ArrayDeque<>();
        final ArrayDeque<Double[]> points = new ArrayDeque<>();
        String topic;
        long lastAt;

        Series(List<String> columns) {
            this.columns = columns;
        }

        void add(long atMillis, Double[] point) {
            times.addLast(atMillis);
            points.addLast(point);
            lastAt = atMillis;
            while (!times.isEmpty() && atMillis - times.peekFirst() > RETENTION.toMillis()) {
                times.removeFirst();
                points.removeFirst();
            }
        }

        Double last(String column) {
            return points.isEmpty() ? null : points.peekLast()[columns.indexOf(column)];
        }

        Map<String, Object> columns() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("t", times.stream().map(t -> t / 1000.0).toList());
            for (int i = 0; i < columns.size(); i++) {
                int c = i;
                out.put(columns.get(i), points.stream().map(p -> p[c]).toList());
            }
            return out;
        }
    }
}
