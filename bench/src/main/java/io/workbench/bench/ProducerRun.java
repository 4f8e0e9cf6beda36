package io.workbench.bench;

import io.workbench.events.EventProducer;
import io.workbench.events.ProducerSettings;
import java.time.Duration;

/**
 * One P1 run of the workbench producer in its own JVM: as fast as the broker takes them, timed from the start of
 * sending (the Kafka producer and the topic exist by then, as in ProducerPerformance) to the last acknowledgement.
 * Usage: ProducerRun bootstrap topic records
 */
public final class ProducerRun {
    private ProducerRun() {
    }

    public static void main(String[] args) throws Exception {
        long records = Long.parseLong(args[2]);
        ProducerSettings settings = ProducerSettings.defaults().topic(args[1]).partitions(4).rate(0).seed(42)
                .maxEvents(records);
        long started;
        try (EventProducer p = EventProducer.start(settings, args[0])) {
            started = System.nanoTime();
            if (!p.awaitDone(Duration.ofMinutes(10))) {
                throw new IllegalStateException("the producer did not finish in 10 minutes: " + p.stats());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (p.stats().acked() != records) {
                throw new IllegalStateException("not every record was acknowledged: " + p.stats());
            }
            System.out.println("{\"records\": " + records + ", \"seconds\": " + seconds + ", \"records_per_s\": "
                    + records / seconds + "}");
        }
    }
}
