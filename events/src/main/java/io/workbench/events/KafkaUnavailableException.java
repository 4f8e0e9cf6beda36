package io.workbench.events;

/** Kafka did not answer in time; retriable once the broker is back. The message says how to bring it back. */
public class KafkaUnavailableException extends RuntimeException {
    public KafkaUnavailableException(String bootstrap, Throwable cause) {
        super("Kafka at " + bootstrap + " did not answer in time. Is the broker running? './workbench start' starts"
                + " the embedded one; KAFKA_BOOTSTRAP_SERVERS points the workbench at another cluster.", cause);
    }
}
