package io.workbench.events;

/**
 * A snapshot of a producer: target and measured rate (events per second over the last second), events sent,
 * acknowledged by Kafka, failed, and how many carried an injected fault.
 */
public record ProducerStats(String topic, EventProducer.State state, double targetRate, double actualRate, long sent,
                            long acked, long failed, long faultsInjected, double seconds, String error) {
    @Override
    public String toString() {
        // Once stopped, the rate of the last second says nothing: the average over the run does.
        boolean running = state == EventProducer.State.RUNNING || state == EventProducer.State.PAUSED;
        double shownRate = running || seconds <= 0 ? actualRate : sent / seconds;
        return String.format(java.util.Locale.ROOT,
                "producer on %s: %s, %.0f ev/s%s (target %s), sent %d, acked %d, failed %d%s", topic, state, shownRate,
                running ? "" : String.format(java.util.Locale.ROOT, " on average over %.1f s", seconds),
                targetRate == 0 ? "max" : String.format(java.util.Locale.ROOT, "%.0f", targetRate), sent, acked, failed,
                error == null ? "" : ", last error: " + error);
    }
}
