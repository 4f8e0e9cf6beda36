package io.workbench.events;

import io.workbench.config.KafkaKeys;
import io.workbench.config.Settings;
import java.time.Duration;

/**
 * {@code ./workbench produce [--topic t] [--rate n] [--seed s] [--events n] [--seconds n] [--partitions n]
 * [--v2-share f] [--late f] [--duplicates f] [--poison f] [--out-of-order f]}: runs the event producer from the
 * command line against the configured Kafka, printing its stats every second.
 */
public final class ProduceMain {
    private ProduceMain() {
    }

    public static void main(String[] args) throws Exception {
        ProducerSettings s = ProducerSettings.defaults();
        Faults f = Faults.NONE;
        long seconds = 0;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--topic" -> s = s.topic(v);
                case "--rate" -> s = s.rate(Double.parseDouble(v));
                case "--seed" -> s = s.seed(Long.parseLong(v));
                case "--events" -> s = s.maxEvents(Long.parseLong(v));
                case "--partitions" -> s = s.partitions(Integer.parseInt(v));
                case "--v2-share" -> s = s.v2Share(Double.parseDouble(v));
                case "--seconds" -> seconds = Long.parseLong(v);
                case "--late" -> f = f.withLate(Double.parseDouble(v), Double.parseDouble(v), 300_000);
                case "--out-of-order" -> f = f.withOutOfOrder(Double.parseDouble(v), 30_000);
                case "--duplicates" -> f = f.withDuplicates(Double.parseDouble(v));
                case "--poison" -> f = f.withPoison(Double.parseDouble(v));
                default -> {
                    System.err.println("unknown option " + args[i] + "; see ./workbench help");
                    System.exit(2);
                }
            }
            i++;
        }
        String bootstrap = KafkaKeys.bootstrapServers(Settings.load());
        try (EventProducer p = EventProducer.start(s.faults(f), bootstrap)) {
            Runtime.getRuntime().addShutdownHook(new Thread(p::close));
            long end = seconds > 0 ? System.currentTimeMillis() + seconds * 1000 : Long.MAX_VALUE;
            while (!p.awaitDone(Duration.ofSeconds(1)) && System.currentTimeMillis() < end) {
                System.out.println(p.stats());
            }
            p.flush();
            System.out.println(p.stats());
        }
    }
}
