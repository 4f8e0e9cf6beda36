package io.workbench.testkit.soak;

import java.util.Map;

/**
 * The independent side of the soak run's check: a topic's events as a plain Kafka consumer counts them (the
 * events module's {@code EventLog}, which test-kit cannot depend on since the events module's tests use test-kit).
 */
@FunctionalInterface
public interface TopicOracle {
    /** Reads {@code topic} to its current end; blocking, throws if it cannot. */
    Counts read(String topic) throws Exception;

    /**
     * @param records every record of the topic
     * @param byMinuteAndType decoded events per one-minute window start (ISO instant) and event type, keyed
     *                        {@code "2026-11-30T17:50:00Z|page_view"}
     */
    record Counts(long records, Map<String, Long> byMinuteAndType) {
    }
}
