package io.workbench.ext;

import io.workbench.events.EventProducer;
import io.workbench.events.ProducerSettings;
import io.workbench.events.ProducerStats;
import io.workbench.ext.display.Table;
import io.workbench.ext.producers.ProducerRegistry;

/**
 * The {@code events} object of a notebook: the built-in e-commerce event producer. {@code events.start(settings)},
 * {@code events.list()}, {@code events.stop(id)}. Each producer belongs to the cell that started it, like a
 * streaming query: running the cell again stops it, and so does shutting the kernel down. Thread-safe.
 */
public final class Producers {
    private final ProducerRegistry registry;

    public Producers(ProducerRegistry registry) {
        this.registry = registry;
    }

    /** Starts producing with these settings (creating the topic if needed); returns the running producer. */
    public EventProducer start(ProducerSettings settings) {
        return registry.start(settings);
    }

    /** Starts the default producer (topic "events", seed 42) at {@code eventsPerSecond}. */
    public EventProducer start(double eventsPerSecond) {
        return start(ProducerSettings.defaults().rate(eventsPerSecond));
    }

    /** Every producer, with its cell, state, rates and counts. */
    public Table list() {
        Table.Builder t = Table.builder("Event producers").column("id", "string").column("cell", "string")
                .column("state", "string").column("target rate", "double").column("actual rate", "double")
                .column("sent", "long").column("acked", "long").column("failed", "long").column("error", "string");
        for (ProducerRegistry.ProducerSnapshot p : registry.snapshots()) {
            ProducerStats s = p.stats();
            t.row(p.id(), p.owner(), s.state().name(), s.targetRate(), Math.round(s.actualRate() * 10) / 10.0,
                    s.sent(), s.acked(), s.failed(), s.error());
        }
        return t.build();
    }

    /** Stops one producer; its buffered events are still delivered. */
    public void stop(String id) {
        registry.get(id).close();
    }

    /** Stops every producer of this kernel. */
    public void stopAll() {
        registry.stopAll();
    }
}
