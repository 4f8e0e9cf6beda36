package io.workbench.events;

/**
 * What the event producer sends: topic and partitions, rate (events per second; 0 means as fast as Kafka
 * takes them), seed, how many events at most (0: until stopped), the share of records written with schema
 * v2, the fault knobs, and where event time comes from (the wall clock, or a simulated clock from a fixed
 * start, for reproducible windows, advancing 1/{@code simulatedEventsPerSecond} per event; 0 means 1/rate, or
 * 1 ms per event when the rate is unlimited).
 */
public record ProducerSettings(String topic, int partitions, double rate, long seed, long maxEvents, double v2Share,
                               Faults faults, Long simulatedStartMillis, double simulatedEventsPerSecond) {

    public static ProducerSettings defaults() {
        return new ProducerSettings("events", 4, 1000, 42, 0, 0, Faults.NONE, null, 0);
    }

    public ProducerSettings topic(String t) {
        return new ProducerSettings(t, partitions, rate, seed, maxEvents, v2Share, faults, simulatedStartMillis, simulatedEventsPerSecond);
    }

    public ProducerSettings partitions(int p) {
        return new ProducerSettings(topic, p, rate, seed, maxEvents, v2Share, faults, simulatedStartMillis, simulatedEventsPerSecond);
    }

    public ProducerSettings rate(double eventsPerSecond) {
        return new ProducerSettings(topic, partitions, eventsPerSecond, seed, maxEvents, v2Share, faults, simulatedStartMillis, simulatedEventsPerSecond);
    }

    public ProducerSettings seed(long s) {
        return new ProducerSettings(topic, partitions, rate, s, maxEvents, v2Share, faults, simulatedStartMillis, simulatedEventsPerSecond);
    }

    public ProducerSettings maxEvents(long n) {
        return new ProducerSettings(topic, partitions, rate, seed, n, v2Share, faults, simulatedStartMillis, simulatedEventsPerSecond);
    }

    public ProducerSettings v2Share(double share) {
        return new ProducerSettings(topic, partitions, rate, seed, maxEvents, share, faults, simulatedStartMillis, simulatedEventsPerSecond);
    }

    public ProducerSettings faults(Faults f) {
        return new ProducerSettings(topic, partitions, rate, seed, maxEvents, v2Share, f, simulatedStartMillis, simulatedEventsPerSecond);
    }

    /** Event time from a simulated clock starting at {@code startMillis}, advancing 1/rate per event. */
    public ProducerSettings simulatedTime(long startMillis) {
        return new ProducerSettings(topic, partitions, rate, seed, maxEvents, v2Share, faults, startMillis, simulatedEventsPerSecond);
    }

    /**
     * Event time from a simulated clock starting at {@code startMillis} and advancing 1/{@code eventsPerSecond}
     * per event, independent of how fast the events are sent: an hour of event time in seconds.
     */
    public ProducerSettings simulatedTime(long startMillis, double eventsPerSecond) {
        if (eventsPerSecond <= 0) {
            throw new IllegalArgumentException("simulated events per second must be positive, not " + eventsPerSecond);
        }
        return new ProducerSettings(topic, partitions, rate, seed, maxEvents, v2Share, faults, startMillis, eventsPerSecond);
    }

    /** Milliseconds of simulated event time between two events. */
    double simulatedStepMillis() {
        return simulatedEventsPerSecond > 0 ? 1000.0 / simulatedEventsPerSecond : rate > 0 ? 1000.0 / rate : 1.0;
    }
}
