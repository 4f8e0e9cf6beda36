package io.workbench.ext.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.workbench.events.EventProducer;
import io.workbench.events.ProducerStats;
import io.workbench.ext.producers.ProducerRegistry;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The {@code workbench_producer_*} metrics of a runtime's event producers, read from their statistics at each scrape
 * ({@link #refresh()}). A producer that stopped, or that its cell's re-run forgot, keeps its series with the last
 * figures seen and {@code workbench_producer_up} 0. Thread-safe.
 */
final class ProducerMetrics {
    private final MeterRegistry registry;
    private final ProducerRegistry producers;
    /** The last statistics seen per producer id; meters read them (and we keep them, as Micrometer holds them weakly). */
    private final Map<String, Holder> seen = new ConcurrentHashMap<>();

    private static final class Holder {
        volatile ProducerStats stats;
        volatile boolean live;

        Holder(ProducerStats stats) {
            this.stats = stats;
        }
    }

    ProducerMetrics(MeterRegistry registry, ProducerRegistry producers) {
        this.registry = registry;
        this.producers = producers;
    }

    /** Reads every producer's statistics now; registers the meters of producers not seen before. */
    void refresh() {
        Set<String> live = new HashSet<>();
        for (ProducerRegistry.ProducerSnapshot p : producers.snapshots()) {
            live.add(p.id());
            Holder h = seen.get(p.id());
            if (h == null) {
                h = new Holder(p.stats());
                seen.put(p.id(), h);
                register(p.id(), h);
            }
            h.stats = p.stats();
            EventProducer.State st = p.stats().state();
            h.live = st == EventProducer.State.RUNNING || st == EventProducer.State.PAUSED;
        }
        seen.forEach((id, h) -> {
            if (!live.contains(id)) {
                h.live = false;
            }
        });
    }

    private void register(String id, Holder h) {
        Tags tags = Tags.of("producer", id, "topic", h.stats.topic());
        counter("workbench_producer_records_sent_total", "Records handed to the Kafka producer", tags, h,
                x -> x.stats.sent());
        counter("workbench_producer_records_acknowledged_total", "Records Kafka acknowledged", tags, h,
                x -> x.stats.acked());
        counter("workbench_producer_records_failed_total", "Records whose send failed", tags, h,
                x -> x.stats.failed());
        counter("workbench_producer_faults_injected_total", "Records carrying an injected fault (poison or late)", tags,
                h, x -> x.stats.faultsInjected());
        gauge("workbench_producer_target_records_per_second", "The rate asked for; 0 means as fast as possible", tags,
                h, x -> x.stats.targetRate());
        gauge("workbench_producer_records_per_second", "The rate measured over the last second", tags, h,
                x -> x.live ? x.stats.actualRate() : 0);
        gauge("workbench_producer_up", "1 while running or paused, 0 once stopped or failed", tags, h,
                x -> x.live ? 1 : 0);
    }

    private void counter(String name, String help, Tags tags, Holder h, ToDoubleFunction<Holder> f) {
        FunctionCounter.builder(name, h, f).description(help).tags(tags).register(registry);
    }

    private void gauge(String name, String help, Tags tags, Holder h, ToDoubleFunction<Holder> f) {
        Gauge.builder(name, h, f).description(help).tags(tags).register(registry);
    }
}
