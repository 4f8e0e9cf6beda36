package io.workbench.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.workbench.server.jobs.JobManager;
import io.workbench.server.kafka.KafkaBrowser;
import io.workbench.server.jobs.JobStore;
import io.workbench.server.jobs.RunStatus;
import io.workbench.server.jobs.RunTrigger;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Every metric the server exposes, named per Prometheus conventions. Thread-safe. Tags are bounded: HTTP
 * routes are templates, never raw paths, so a path with a notebook name cannot blow up the series count. Counters
 * whose label values are known in advance exist at 0 for each of them from the start (a job's from its first
 * scrape), so that {@code increase()} and {@code rate()} see their first increment.
 */
public final class WorkbenchMetrics implements AutoCloseable {
    /** {@code reason} of {@code workbench_kernel_deaths_total}: the kernel's process exited. */
    public static final String DIED_EXITED = "exit";
    /** {@code reason} of {@code workbench_kernel_deaths_total}: the kernel missed its heartbeats. */
    public static final String DIED_NO_HEARTBEAT = "heartbeat";
    private static final List<String> DEATH_REASONS = List.of(DIED_EXITED, DIED_NO_HEARTBEAT);
    /** The statuses of Jupyter's execute_reply; another one a kernel sends gets its series at its first reply. */
    private static final List<String> EXECUTION_STATUSES = List.of("ok", "error", "abort");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final List<Runnable> refreshers = new CopyOnWriteArrayList<>();

    public WorkbenchMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
        for (boolean warm : new boolean[] {true, false}) {
            kernelStarts(warm);
        }
        DEATH_REASONS.forEach(this::kernelDeaths);
        EXECUTION_STATUSES.forEach(this::executions);
    }

    /**
     * Every metric now, in Prometheus's text format 0.0.4. Blocking: the jobs' figures come from the job store, so
     * call it off the event loop.
     */
    public String scrape() {
        refreshers.forEach(Runnable::run);
        return registry.scrape();
    }

    /** The figures of one job, which its meters read. */
    private static final class JobFigures {
        volatile double up;
        volatile double lastSuccess = Double.NaN;
        final Map<RunStatus, Long> runs = new ConcurrentHashMap<>();
        volatile long restarts;
    }

    /**
     * {@code workbench_job_up}, {@code workbench_job_runs_total} by status, {@code workbench_job_restarts_total} and
     * {@code workbench_job_last_success_timestamp_seconds}, by {@code job_name}, read from {@code jobs} at each scrape.
     */
    public void jobs(JobManager jobs) {
        Map<String, JobFigures> byJob = new ConcurrentHashMap<>();
        refreshers.add(() -> {
            java.util.Set<String> running = jobs.running();
            Map<String, JobFigures> now = new HashMap<>();
            jobs.list().forEach(j -> now.put(j.job().name(), new JobFigures()));
            for (JobStore.RunCount c : jobs.runCounts()) {
                JobFigures f = now.computeIfAbsent(c.job(), k -> new JobFigures());
                if (c.status() != RunStatus.RUNNING) {
                    f.runs.merge(c.status(), c.runs(), Long::sum);
                }
                if (c.trigger() == RunTrigger.RESTART) {
                    f.restarts += c.runs();
                }
                if (c.status() == RunStatus.SUCCEEDED && c.lastEnded() != null) {
                    double t = c.lastEnded().toEpochMilli() / 1000.0;
                    f.lastSuccess = Double.isNaN(f.lastSuccess) ? t : Math.max(f.lastSuccess, t);
                }
            }
            now.forEach((job, f) -> {
                JobFigures m = byJob.computeIfAbsent(job, k -> registerJob(k, new JobFigures()));
                m.up = running.contains(job) ? 1 : 0;
                m.restarts = f.restarts;
                m.lastSuccess = f.lastSuccess;
                m.runs.putAll(f.runs);
            });
            // A deleted job's series stay, down: its last figures are still true.
            byJob.forEach((job, m) -> {
                if (!now.containsKey(job)) {
                    m.up = 0;
                }
            });
        });
    }

    /**
     * {@code workbench_broker_up}, {@code workbench_kafka_topic_messages_total} by {@code topic} and
     * {@code workbench_kafka_consumergroup_lag_records} by {@code group} and {@code topic}, read through the server's
     * Kafka admin client at each scrape (blocking; at most the browser's deadline when Kafka does not answer). Internal
     * topics are left out; a topic or group that goes away keeps its last value.
     */
    public void kafka(KafkaBrowser kafka) {
        double[] up = {0};
        Gauge.builder("workbench_broker_up", up, u -> u[0])
                .description("1 while Kafka answers the server's admin client").register(registry);
        Map<String, double[]> messages = new ConcurrentHashMap<>();
        Map<String, double[]> lag = new ConcurrentHashMap<>();
        refreshers.add(() -> {
            com.fasterxml.jackson.databind.JsonNode topics;
            try {
                topics = kafka.topics().path("topics");
                up[0] = 1;
            } catch (RuntimeException e) {
                up[0] = 0;
                return;
            }
            for (com.fasterxml.jackson.databind.JsonNode t : topics) {
                if (t.path("internal").asBoolean()) {
                    continue;
                }
                String topic = t.path("name").asText();
                long end = 0;
                for (com.fasterxml.jackson.databind.JsonNode p : t.path("partitions")) {
                    end += p.path("end_offset").asLong();
                }
                messages.computeIfAbsent(topic, k -> {
                    double[] v = {0};
                    FunctionCounter.builder("workbench_kafka_topic_messages_total", v, x -> x[0])
                            .description("The sum of the topic's partitions' end offsets (what was ever written)")
                            .tag("topic", k).register(registry);
                    return v;
                })[0] = end;
                for (com.fasterxml.jackson.databind.JsonNode g : t.path("consumer_groups")) {
                    String group = g.path("group_id").asText();
                    lag.computeIfAbsent(group + "\u0000" + topic, k -> {
                        double[] v = {0};
                        Gauge.builder("workbench_kafka_consumergroup_lag_records", v, x -> x[0])
                                .description("End offsets minus the group's committed offsets, over partitions")
                                .tag("group", group).tag("topic", topic).register(registry);
                        return v;
                    })[0] = g.path("lag").asLong();
                }
            }
        });
    }

    private JobFigures registerJob(String job, JobFigures m) {
        Gauge.builder("workbench_job_up", m, x -> x.up).description("1 while a run of the job is running")
                .tag("job_name", job).register(registry);
        FunctionCounter.builder("workbench_job_restarts_total", m, x -> x.restarts)
                .description("Runs started again by the supervisor").tag("job_name", job).register(registry);
        Gauge.builder("workbench_job_last_success_timestamp_seconds", m, x -> x.lastSuccess)
                .description("When the last successful run ended (Unix time)").tag("job_name", job).register(registry);
        // Every way a run ends, from 0: the first failed run is an increase, not a new series.
        for (RunStatus status : RunStatus.values()) {
            if (status != RunStatus.RUNNING) {
                FunctionCounter.builder("workbench_job_runs_total", m, x -> x.runs.getOrDefault(status, 0L))
                        .description("Runs that ended, by status").tag("job_name", job)
                        .tag("status", status.wireName()).register(registry);
            }
        }
        return m;
    }

    /** {@code workbench_kernels_running} and {@code workbench_kernels_warm}, read from the kernel manager. */
    public void kernels(Supplier<Number> running, Supplier<Number> warm) {
        Gauge.builder("workbench_kernels_running", running).description("Kernels running now").register(registry);
        Gauge.builder("workbench_kernels_warm", warm).description("Started kernels waiting in the warm pool")
                .register(registry);
    }

    /** One HTTP request, by method, route template and status. */
    public void httpRequest(String method, String route, int status, long nanos) {
        Timer.builder("workbench_http_requests_seconds").description("HTTP requests served")
                .tag("method", method).tag("route", route).tag("status", String.valueOf(status))
                .register(registry).record(Duration.ofNanos(nanos));
    }

    /** One kernel started, from the warm pool or not. */
    public void kernelStarted(boolean fromWarmPool) {
        kernelStarts(fromWarmPool).increment();
    }

    /** One kernel died without being asked to; {@code reason} is {@link #DIED_EXITED} or {@link #DIED_NO_HEARTBEAT}. */
    public void kernelDied(String reason) {
        kernelDeaths(reason).increment();
    }

    private Counter kernelStarts(boolean fromWarmPool) {
        return Counter.builder("workbench_kernel_starts_total").description("Kernels started")
                .tag("warm", String.valueOf(fromWarmPool)).register(registry);
    }

    private Counter kernelDeaths(String reason) {
        return Counter.builder("workbench_kernel_deaths_total").description("Kernels that died without being asked to")
                .tag("reason", reason).register(registry);
    }

    private Counter executions(String status) {
        return Counter.builder("workbench_executions_total").description("Cells executed").tag("status", status)
                .register(registry);
    }

    /** One execute request answered, by status, with the time from request to reply. */
    public void execution(String status, long nanos) {
        executions(status).increment();
        Timer.builder("workbench_execute_latency_seconds").description("Execute request to execute reply")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry).record(Duration.ofNanos(nanos));
    }

    public void webSocketMessage(String direction, int bytes) {
        DistributionSummary.builder("workbench_websocket_message_bytes").description("Kernel WebSocket messages")
                .baseUnit("bytes").tag("direction", direction).register(registry).record(bytes);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
