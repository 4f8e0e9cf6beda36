package io.workbench.broker;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.workbench.process.MetricsEndpoint;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The broker's metrics in Prometheus's text format, read from Kafka's own (Yammer) metrics through JMX at each scrape,
 * plus the JVM's (names in docs/metrics.md), served on 127.0.0.1 (or the address {@link #BIND_HOST_PROPERTY} names)
 * to holders of the metrics token. Runs in the broker JVM, whose class path has no workbench-config; a metric Kafka
 * does not (yet) register reads as NaN rather than failing the scrape.
 */
final class BrokerMetrics {
    /** System property: announce the metrics port in this file (the server's runtime directory). */
    static final String PORT_FILE_PROPERTY = "workbench.metrics.port-file";
    /** System property: the file that holds the metrics token, read at each request. */
    static final String TOKEN_FILE_PROPERTY = "workbench.metrics.token-file";
    /** System property: the address to bind, the server's {@code metrics.bind-host}. */
    static final String BIND_HOST_PROPERTY = "workbench.metrics.bind-host";
    /** Request types counted by {@code kafka_network_requests_total}: what clients of a streaming pipeline send. */
    private static final List<String> REQUESTS = List.of("Produce", "Fetch", "Metadata", "ListOffsets",
            "OffsetCommit", "OffsetFetch", "FindCoordinator", "JoinGroup", "Heartbeat", "CreateTopics", "ApiVersions");

    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();
    /** Micrometer holds a function counter's object weakly: the MBean names it reads are kept here. */
    private static final List<String> READ = new java.util.concurrent.CopyOnWriteArrayList<>();

    private BrokerMetrics() {
    }

    /** Serves the broker's metrics when the two system properties are set; logs and carries on when it cannot. */
    static void serveIfAsked() {
        String portFile = System.getProperty(PORT_FILE_PROPERTY);
        String tokenFile = System.getProperty(TOKEN_FILE_PROPERTY);
        if (portFile == null || tokenFile == null) {
            return;
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        gauge(registry, "kafka_server_under_replicated_partitions",
                "Partitions whose in-sync replicas are fewer than their replicas",
                "kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions");
        gauge(registry, "kafka_controller_active_controllers", "1 on the active controller",
                "kafka.controller:type=KafkaController,name=ActiveControllerCount");
        gauge(registry, "kafka_controller_offline_partitions", "Partitions without a leader",
                "kafka.controller:type=KafkaController,name=OfflinePartitionsCount");
        counter(registry, "kafka_server_bytes_in_total", "Bytes produced to the broker",
                "kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec", null);
        counter(registry, "kafka_server_bytes_out_total", "Bytes fetched from the broker",
                "kafka.server:type=BrokerTopicMetrics,name=BytesOutPerSec", null);
        counter(registry, "kafka_server_messages_in_total", "Messages produced to the broker",
                "kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec", null);
        for (String request : REQUESTS) {
            // One MBean per request version: the pattern sums them.
            counter(registry, "kafka_network_requests_total", "Requests served, by type",
                    "kafka.network:type=RequestMetrics,name=RequestsPerSec,request=" + request + ",*", request);
        }
        Path tokenPath = Path.of(tokenFile);
        Supplier<String> token = () -> {
            try {
                return Files.readString(tokenPath).trim();
            } catch (IOException e) {
                return null;
            }
        };
        try {
            String host = System.getProperty(BIND_HOST_PROPERTY, "127.0.0.1");
            MetricsEndpoint.start(host, 0, token, registry::scrape).announce(Path.of(portFile));
        } catch (IOException | RuntimeException e) {
            System.err.println("workbench broker: not serving metrics: " + e);
        }
    }

    private static void gauge(PrometheusMeterRegistry registry, String name, String help, String mbean) {
        Gauge.builder(name, () -> read(mbean, "Value")).description(help).register(registry);
    }

    private static void counter(PrometheusMeterRegistry registry, String name, String help, String mbean, String request) {
        READ.add(mbean);
        FunctionCounter.Builder<String> b = FunctionCounter.builder(name, mbean, m -> read(m, "Count")).description(help);
        if (request != null) {
            b.tag("request", request);
        }
        b.register(registry);
    }

    /** The attribute summed over every MBean the name (or pattern) matches; 0 when none is registered yet. */
    private static double read(String mbean, String attribute) {
        try {
            double sum = 0;
            for (ObjectName n : JMX.queryNames(new ObjectName(mbean), null)) {
                sum += ((Number) JMX.getAttribute(n, attribute)).doubleValue();
            }
            return sum;
        } catch (Exception e) {
            return Double.NaN;
        }
    }
}
