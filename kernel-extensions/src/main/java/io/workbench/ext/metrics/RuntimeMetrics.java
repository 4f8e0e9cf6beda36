package io.workbench.ext.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.workbench.config.MetricsKeys;
import io.workbench.config.Settings;
import io.workbench.ext.producers.ProducerRegistry;
import io.workbench.ext.query.QueryRegistry;
import io.workbench.process.MetricsEndpoint;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every metric a notebook runtime exposes, in one registry: its streaming queries, its event producers and its JVM
 * (names and labels in {@code docs/metrics.md}). A kernel and a job run each have one. Served on
 * {@link MetricsKeys#BIND_HOST} (127.0.0.1 unless configured otherwise) when the
 * configuration asks for it ({@link MetricsKeys}): with a port file (the server's processes: a free port, written
 * to the file so the server's discovery finds it) or a fixed port (a job run outside the workbench), and only to
 * holders of the metrics token.
 *
 * <p>{@link MetricsKeys#ENABLED} off (the operator's switch, {@code WORKBENCH_METRICS_ENABLED=false}) leaves
 * everything out: no query listener, no producer or JVM meters, no endpoint; {@link #scrape()} is then empty.
 *
 * <p>Thread-safe. Scrapes render on the endpoint's own thread.
 */
public final class RuntimeMetrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeMetrics.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final ProducerMetrics producers;
    private final boolean enabled;
    private volatile MetricsEndpoint endpoint;

    /**
     * Starts counting, when {@link MetricsKeys#ENABLED} is on in {@code settings}: the queries of {@code queries}
     * (from its listener), the producers of {@code producers} and the JVM. Off: metrics that count nothing, listen
     * to nothing and serve nothing.
     */
    public static RuntimeMetrics create(Settings settings, QueryRegistry queries, ProducerRegistry producers) {
        boolean on = settings.get(MetricsKeys.ENABLED);
        if (!on) {
            LOG.info("Metrics are off ({}=false): no query listener, no meters, no /metrics",
                    MetricsKeys.ENABLED.name());
        }
        return new RuntimeMetrics(queries, producers, on);
    }

    private RuntimeMetrics(QueryRegistry queries, ProducerRegistry producers, boolean enabled) {
        this.enabled = enabled;
        this.producers = enabled ? new ProducerMetrics(registry, producers) : null;
        if (!enabled) {
            return;
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
        queries.addListener(new QueryMetrics(registry));
    }

    /** Whether this runtime collects and serves metrics ({@link MetricsKeys#ENABLED}). */
    public boolean enabled() {
        return enabled;
    }

    /** Every metric now, in Prometheus's text format 0.0.4; empty when metrics are off (nothing is registered). */
    public String scrape() {
        if (producers != null) {
            producers.refresh();
        }
        return registry.scrape();
    }

    /**
     * Serves {@link #scrape()} as the settings say: on a free port announced in {@link MetricsKeys#PORT_FILE}, or on
     * {@link MetricsKeys#PORT}; not at all when neither is set or metrics are off. A missing token or a port that
     * cannot be bound is logged, not thrown: metrics must never stop a notebook or a job.
     *
     * @return the port served on, or -1
     */
    public int serve(Settings settings) {
        Path portFile = settings.get(MetricsKeys.PORT_FILE);
        int port = portFile != null ? 0 : settings.get(MetricsKeys.PORT);
        if (port < 0) {
            return -1;
        }
        return serve(settings.get(MetricsKeys.BIND_HOST), port, settings.get(MetricsKeys.TOKEN), portFile);
    }

    /**
     * Serves {@link #scrape()} on {@code bindHost:port} (0: a free one) to holders of {@code token}, and writes the
     * port to {@code portFile} when it is not null. Failures are logged, not thrown. Nothing is served, and no port
     * file written, when metrics are off.
     *
     * @param bindHost the address to bind, {@link MetricsKeys#BIND_HOST} (127.0.0.1 unless configured otherwise)
     * @return the port served on, or -1
     */
    public int serve(String bindHost, int port, String token, Path portFile) {
        if (!enabled) {
            return -1;
        }
        if (token == null || token.isBlank()) {
            LOG.warn("Not serving metrics: {} is not set, and they are never served without a token",
                    MetricsKeys.TOKEN.envName());
            return -1;
        }
        try {
            MetricsEndpoint e = MetricsEndpoint.start(bindHost, port, () -> token, this::scrape);
            if (portFile != null) {
                e.announce(portFile);
            }
            endpoint = e;
            LOG.info("Metrics served on {}/metrics", MetricsKeys.target(bindHost, e.port()));
            return e.port();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Not serving metrics on {}: {}", MetricsKeys.target(bindHost, port), e.toString());
            return -1;
        }
    }

    @Override
    public void close() {
        MetricsEndpoint e = endpoint;
        if (e != null) {
            e.close();
        }
        gc.close();
        registry.close();
    }
}
