package io.workbench.ext.producers;

import io.workbench.events.EventProducer;
import io.workbench.events.ProducerSettings;
import io.workbench.events.ProducerStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The event producers of a runtime, each tagged with its owner (who starts producers now, as the {@code owner}
 * supplier says: a notebook cell or a job), like streaming queries: its owner stopping it, or the runtime closing,
 * stops it. Thread-safe.
 */
public final class ProducerRegistry {
    /** Actions {@link #act} takes. */
    public enum Action { STOP, PAUSE, RESUME, RATE }

    /** One producer: its id (URL-safe, {@code <topic>-p<n>}), owner and statistics now. */
    public record ProducerSnapshot(String id, String owner, ProducerStats stats) {
    }

    private record Owned(String id, String owner, EventProducer producer) {
    }

    private final Supplier<String> owner;
    private final String bootstrap;
    private final Map<String, Owned> producers = new LinkedHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();

    public ProducerRegistry(Supplier<String> owner, String bootstrap) {
        this.owner = owner;
        this.bootstrap = bootstrap;
    }

    /** Starts producing with these settings (creating the topic if needed); returns the running producer. */
    public EventProducer start(ProducerSettings settings) {
        EventProducer p = EventProducer.start(settings, bootstrap);
        String id = settings.topic() + "-p" + counter.incrementAndGet();
        synchronized (producers) {
            producers.put(id, new Owned(id, owner.get(), p));
        }
        return p;
    }

    /** Every producer, oldest first. */
    public List<ProducerSnapshot> snapshots() {
        return owned().stream().map(o -> new ProducerSnapshot(o.id(), o.owner(), o.producer().stats())).toList();
    }

    /**
     * Stops, pauses or resumes a producer, or sets its rate (events per second, 0 for as fast as possible).
     *
     * @throws IllegalArgumentException for an unknown producer, or a rate action without a rate
     */
    public void act(String id, Action action, Double rate) {
        EventProducer p = get(id);
        switch (action) {
            case STOP -> p.close();
            case PAUSE -> p.pause();
            case RESUME -> p.resume();
            case RATE -> {
                if (rate == null) {
                    throw new IllegalArgumentException("rate needs a rate: events per second, 0 for as fast as possible");
                }
                p.rate(rate);
            }
        }
    }

    /** The running producer with this id. @throws IllegalArgumentException if there is none */
    public EventProducer get(String id) {
        synchronized (producers) {
            Owned o = producers.get(id);
            if (o == null) {
                throw new IllegalArgumentException("No producer " + id + " here; events.list() shows them.");
            }
            return o.producer();
        }
    }

    /** Stops and forgets the producers an owner started. */
    public void stopOwnedBy(String ownerId) {
        for (Owned o : owned()) {
            if (o.owner().equals(ownerId)) {
                o.producer().close();
                synchronized (producers) {
                    producers.remove(o.id());
                }
            }
        }
    }

    /** Stops every producer; returns how many were still sending. */
    public int stopAll() {
        int running = 0;
        for (Owned o : owned()) {
            EventProducer.State st = o.producer().state();
            if (st == EventProducer.State.RUNNING || st == EventProducer.State.PAUSED) {
                running++;
            }
            o.producer().close();
        }
        return running;
    }

    private List<Owned> owned() {
        synchronized (producers) {
            return new ArrayList<>(producers.values());
        }
    }
}
