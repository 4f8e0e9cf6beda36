package io.workbench.ext.streaming;

import io.workbench.events.EventProducer;
import io.workbench.events.ProducerSettings;
import io.workbench.events.ProducerStats;
import io.workbench.ext.display.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event producers of this kernel, as cells see them: {@code events.start(settings)}, {@code events.list()},
 * {@code events.stop(id)}. Each belongs to the cell that started it, like a streaming query: running the cell
 * again stops it, and so does shutting the kernel down.
 */
public final class Producers {
    private final StreamRegistry registry;
    private final String bootstrap;
    private final Map<String, Owned> producers = new LinkedHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();

    private record Owned(String id, CellOwner owner, EventProducer producer) {
    }

    Producers(StreamRegistry registry, String bootstrap) {
        this.registry = registry;
        this.bootstrap = bootstrap;
    }

    /** Starts producing with these settings (creating the topic if needed); returns the running producer. */
    public EventProducer start(ProducerSettings settings) {
        EventProducer p = EventProducer.start(settings, bootstrap);
        // URL-safe, so that it can be a path segment of the streams API as it is.
        String id = settings.topic() + "-p" + counter.incrementAndGet();
        synchronized (producers) {
            producers.put(id, new Owned(id, registry.current(), p));
        }
        return p;
    }

    /** Starts the default producer (topic "events", 1000 events/s, seed 42) at {@code eventsPerSecond}. */
    public EventProducer start(double eventsPerSecond) {
        return start(ProducerSettings.defaults().rate(eventsPerSecond));
    }

    public Table list() {
        Table.Builder t = Table.builder("Event producers").column("id", "string").column("cell", "string")
                .column("state", "string").column("target rate", "double").column("actual rate", "double")
                .column("sent", "long").column("acked", "long").column("failed", "long").column("error", "string");
        for (Owned o : snapshot()) {
            ProducerStats s = o.producer.stats();
            t.row(o.id, o.owner.cellId(), s.state().name(), s.targetRate(), Math.round(s.actualRate() * 10) / 10.0,
                    s.sent(), s.acked(), s.failed(), s.error());
        }
        return t.build();
    }

    /** Stops one producer; its buffered events are still delivered. */
    public void stop(String id) {
        get(id).producer.close();
    }

    /** Stops every producer of this kernel. */
    public void stopAll() {
        snapshot().forEach(o -> o.producer.close());
    }

    List<Map<String, Object>> state() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Owned o : snapshot()) {
            ProducerStats s = o.producer.stats();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", o.id);
            m.put("topic", s.topic());
            m.put("cellId", o.owner.cellId());
            m.put("state", s.state().name());
            m.put("targetRate", s.targetRate());
            m.put("actualRate", s.actualRate());
            m.put("sent", s.sent());
            m.put("acked", s.acked());
            m.put("failed", s.failed());
            m.put("error", s.error());
            out.add(m);
        }
        return out;
    }

    void act(String id, String action, Double rate) {
        EventProducer p = get(id).producer;
        switch (action) {
            case "stop" -> p.close();
            case "pause" -> p.pause();
            case "resume" -> p.resume();
            case "rate" -> {
                if (rate == null) {
                    throw new IllegalArgumentException("rate needs a rate: events per second, 0 for as fast as possible");
                }
                p.rate(rate);
            }
            default -> throw new IllegalArgumentException("a producer can be stopped, paused, resumed or given a rate,"
                    + " not " + action);
        }
    }

    void stopOwnedBy(String cellId) {
        for (Owned o : snapshot()) {
            if (o.owner.cellId().equals(cellId)) {
                o.producer.close();
                synchronized (producers) {
                    producers.remove(o.id);
                }
            }
        }
    }

    /** Stops every producer that is still sending; returns how many were. */
    int close() {
        int running = 0;
        for (Owned o : snapshot()) {
            EventProducer.State st = o.producer.state();
            if (st == EventProducer.State.RUNNING || st == EventProducer.State.PAUSED) {
                running++;
            }
            o.producer.close();
        }
        return running;
    }

    private Owned get(String id) {
        synchronized (producers) {
            Owned o = producers.get(id);
            if (o == null) {
                throw new IllegalArgumentException("No producer " + id + " in this kernel; events.list() shows them.");
            }
            return o;
        }
    }

    private List<Owned> snapshot() {
        synchronized (producers) {
            return new ArrayList<>(producers.values());
        }
    }
}
