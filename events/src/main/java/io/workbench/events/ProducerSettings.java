package io.workbench.events;

/**
 * What the event producer sends: topic and partitions, rate (events per second; 0 means as fast as Kafka
 * takes them), seed, how many events at most (0: until stopped), the share of records written with schema
 * v2, the fault knobs, and where event time comes from (the wall clock, or a simulated clock from a fixed
 * start advancing 1/rate per event, for reproducible windows).
 */
public record ProducerSettings(String topic, int partitions, double rate, long seed, long maxEvents, double v2Share,
                               Faults faults, Long simulatedStartMillis) {

    public static ProducerSettings defaults() {
        return new ProducerSettings("events", 4, 1000, 42, 0, 0, Faults.NONE, null);
    }

    public ProducerSettings topic(String t) {
        return new ProducerSettings(t, partitions, rate, seed, maxEvents, v2Share, faults, simulatedStartMillis);
    }

    public ProducerSettings partitions(int p) {
        return new ProducerSettings(topic, p, rate, seed, maxEvents, v2Share, faults, simulatedStartMillis);
    }

    public ProducerSettings rate(double eventsPerSecond) {
        return new ProducerSettings(topic, partitions, eventsPerSecond, seed, maxEvents, v2Share, faults, simulatedStartMillis);
    }

    public ProducerSettings seed(long s) {
        return new ProducerSettings(topic, partitions, rate, s, maxEvents, v2Share, faults, simulatedStartMillis);
    }

    public ProducerSettings maxEvents(long n) {
        return new ProducerSettings(topic, partitions, rate, seed, n, v2Share, faults, simulatedStartMillis);
    }

    public ProducerSettings v2Share(double share) {
        return new ProducerSettings(topic, partitions, rate, seed, maxEvents, share, faults, simulatedStartMillis);
    }

    public ProducerSettings faults(Faults f) {
        return new ProducerSettings(topic, partitions, rate, seed, maxEvents, v2Share, f, simulatedStartMillis);
    }

    /** Event time from a simulated clock starting at {@code startMillis}, advancing 1/rate per event. */
    public ProducerSettings simulatedTime(long startMillis) {
        return new ProducerSettings(topic, partitions, rate, seed, maxEvents, v2Share, faults, startMillis);
    }
}
