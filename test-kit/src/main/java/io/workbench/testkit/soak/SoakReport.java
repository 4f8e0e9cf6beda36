package io.workbench.testkit.soak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one soak run, and what went wrong in it. Memory figures are MiB, times seconds.
 *
 * @param samples the server's heap after GC and its RSS, sampled through the steady phase, in order
 * @param clients what each WebSocket client saw while measured
 * @param errorCount errors seen by all clients; {@code errors} holds the first of them
 * @param streamProblems queries or producers not running at the end of the steady phase, one line each
 * @param oracleProblems live view rows that disagree with the topic's events counted by a plain consumer
 * @param eventsCounted events the plain consumer counted over every topic
 * @param rowsCompared live view rows compared with those counts
 * @param kernelRssStartMb each kernel JVM's RSS when the steady phase started
 * @param kernelRssEndMb each kernel JVM's RSS when it ended
 * @param queryBatches each view query's micro-batches during the steady phase (by its batch ids)
 */
public record SoakReport(List<Sample> samples, List<ViewClient.Figures> clients, long errorCount, List<String> errors,
                         List<String> streamProblems, List<String> oracleProblems, long eventsCounted, int rowsCompared,
                         List<Double> kernelRssStartMb, List<Double> kernelRssEndMb, List<Long> queryBatches) {

    /** One memory sample: seconds since the steady phase started, the server's heap after a full GC, its RSS. */
    public record Sample(double atSeconds, double heapMb, double serverRssMb) {
    }

    /** The median heap of the first third of the samples. */
    public double heapFirstThirdMb() {
        return median(samples.subList(0, Math.max(1, samples.size() / 3)).stream().map(Sample::heapMb).toList());
    }

    /** The median heap of the last third of the samples. */
    public double heapLastThirdMb() {
        return median(samples.subList(samples.size() - Math.max(1, samples.size() / 3), samples.size()).stream()
                .map(Sample::heapMb).toList());
    }

    /** Least-squares slope of the heap after GC, MiB per minute. */
    public double heapSlopeMbPerMinute() {
        return slope(samples.stream().map(Sample::heapMb).toList()) * 60;
    }

    /** Least-squares slope of the server's RSS, MiB per minute. */
    public double rssSlopeMbPerMinute() {
        return slope(samples.stream().map(Sample::serverRssMb).toList()) * 60;
    }

    /** The longest gap between live view updates any client saw. */
    public double maxGapSeconds() {
        return clients.stream().mapToDouble(ViewClient.Figures::maxGapSeconds).max().orElse(Double.NaN);
    }

    /** The figures as one flat JSON-ready map (numbers rounded to 0.01). */
    public Map<String, Object> toJson() {
        List<Double> rates = clients.stream().map(ViewClient.Figures::perSecond).sorted().toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steady_seconds", round(clients.isEmpty() ? 0 : clients.get(0).seconds()));
        m.put("clients", clients.size());
        m.put("server_heap_after_gc_start_mb", round(samples.get(0).heapMb()));
        m.put("server_heap_after_gc_end_mb", round(samples.get(samples.size() - 1).heapMb()));
        m.put("server_heap_first_third_median_mb", round(heapFirstThirdMb()));
        m.put("server_heap_last_third_median_mb", round(heapLastThirdMb()));
        m.put("server_heap_slope_mb_per_min", round(heapSlopeMbPerMinute()));
        m.put("server_rss_start_mb", round(samples.get(0).serverRssMb()));
        m.put("server_rss_end_mb", round(samples.get(samples.size() - 1).serverRssMb()));
        m.put("server_rss_slope_mb_per_min", round(rssSlopeMbPerMinute()));
        m.put("memory_samples", samples.size());
        m.put("updates_per_client_per_s_min", round(rates.get(0)));
        m.put("updates_per_client_per_s_median", round(median(rates)));
        m.put("updates_per_client_per_s_max", round(rates.get(rates.size() - 1)));
        m.put("max_gap_s", round(maxGapSeconds()));
        m.put("errors", errorCount);
        m.put("stream_problems", streamProblems.size());
        m.put("oracle_rows_compared", rowsCompared);
        m.put("oracle_events_counted", eventsCounted);
        m.put("oracle_mismatches", oracleProblems.size());
        m.put("kernel_rss_start_mb", kernelRssStartMb.stream().map(SoakReport::round).toList());
        m.put("kernel_rss_end_mb", kernelRssEndMb.stream().map(SoakReport::round).toList());
        double seconds = clients.isEmpty() ? 0 : clients.get(0).seconds();
        m.put("query_batches_per_s", queryBatches.stream().map(b -> round(seconds <= 0 ? 0 : b / seconds)).toList());
        return m;
    }

    static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        s.sort(Double::compare);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private double slope(List<Double> ys) {
        int n = ys.size();
        if (n < 2) {
            return 0;
        }
        double mx = samples.stream().mapToDouble(Sample::atSeconds).average().orElse(0);
        double my = ys.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            double dx = samples.get(i).atSeconds() - mx;
            num += dx * (ys.get(i) - my);
            den += dx * dx;
        }
        return den == 0 ? 0 : num / den;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
