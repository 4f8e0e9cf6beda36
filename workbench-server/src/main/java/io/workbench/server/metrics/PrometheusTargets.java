package io.workbench.server.metrics;

import io.workbench.config.MetricsKeys;
import io.workbench.server.jobs.JobManager;
import io.workbench.server.kernels.ExecutionState;
import io.workbench.server.kernels.KernelManager;
import io.workbench.server.kernels.ManagedKernel;
import io.workbench.server.sessions.SessionManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every process that serves metrics now, as Prometheus's HTTP service discovery wants them
 * (https://prometheus.io/docs/prometheus/latest/http_sd/): a JSON array of target groups, each
 * {@code {"targets": ["<advertise host>:<port>"], "labels": {...}}}, one per process (the advertise host is
 * {@code metrics.advertise-host}, by default the bind host, 127.0.0.1). Labels: {@code kind} ({@code server},
 * {@code kernel}, {@code job}, {@code broker}), and {@code kernel_id}, {@code notebook} (a kernel's notebook path;
 * absent for a kernel no notebook uses), {@code job_name}; a kernel of the warm pool, not given out yet, has
 * {@code warm="true"} and neither id nor notebook.
 *
 * <p>Reads the port files processes announce themselves in (docs/metrics.md): blocking, so call it off the event loop.
 * A process that has not announced its port yet is left out until it has, and a dead kernel until it is restarted.
 */
public final class PrometheusTargets {
    private final KernelManager kernels;
    private final SessionManager sessions;
    private final JobManager jobs;
    private final Supplier<Path> brokerPortFile;
    private final String advertiseHost;

    /**
     * @param brokerPortFile where the embedded broker announces its port, or a supplier of null when there is none
     * @param advertiseHost the host Prometheus reaches the kernels', job runs' and broker's endpoints at
     */
    public PrometheusTargets(KernelManager kernels, SessionManager sessions, JobManager jobs,
                             Supplier<Path> brokerPortFile, String advertiseHost) {
        this.kernels = kernels;
        this.sessions = sessions;
        this.jobs = jobs;
        this.brokerPortFile = brokerPortFile;
        this.advertiseHost = advertiseHost;
    }

    /** The target groups now; {@code server} is this server's own {@code host:port}. */
    public List<Map<String, Object>> groups(String server) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(group(server, Map.of("kind", "server")));
        Map<String, String> notebookByKernel = new HashMap<>();
        sessions.list().forEach(s -> notebookByKernel.put(s.kernel().id(), s.path()));
        for (ManagedKernel k : kernels.list()) {
            if (k.executionState() == ExecutionState.DEAD) {
                continue; // its process is gone: nothing to scrape until it is restarted
            }
            Integer port = port(k.metricsPortFile());
            if (port != null) {
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put("kind", "kernel");
                labels.put("kernel_id", k.id());
                String notebook = notebookByKernel.get(k.id());
                if (notebook != null) {
                    labels.put("notebook", notebook);
                }
                out.add(group(MetricsKeys.target(advertiseHost, port), labels));
            }
        }
        for (Path file : kernels.warmMetricsPortFiles()) {
            Integer port = port(file);
            if (port != null) {
                out.add(group(MetricsKeys.target(advertiseHost, port), Map.of("kind", "kernel", "warm", "true")));
            }
        }
        for (JobManager.RunMetrics r : jobs.runMetrics()) {
            Integer port = port(r.portFile());
            if (port != null) {
                out.add(group(MetricsKeys.target(advertiseHost, port), Map.of("kind", "job", "job_name", r.job())));
            }
        }
        Integer broker = port(brokerPortFile.get());
        if (broker != null) {
            out.add(group(MetricsKeys.target(advertiseHost, broker), Map.of("kind", "broker")));
        }
        return out;
    }

    private static Map<String, Object> group(String target, Map<String, String> labels) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("targets", List.of(target));
        g.put("labels", labels);
        return g;
    }

    /** The port a process wrote to {@code file}, or null while there is none (not started, or not serving). */
    private static Integer port(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Integer.valueOf(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }
}
