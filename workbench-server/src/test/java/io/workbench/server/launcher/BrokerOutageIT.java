package io.workbench.server.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.broker.BrokerConfig;
import io.workbench.config.Settings;
import io.workbench.events.EventLog;
import io.workbench.events.EventProducer;
import io.workbench.events.ProducerSettings;
import io.workbench.events.ProducerStats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * R4 of the monitoring issue: kill -9 the embedded broker while the event producer writes at a steady rate. The
 * supervisor starts it again on the same ports and data; the producer carries on by itself; every event Kafka
 * acknowledged is in the topic afterwards, exactly once ({@link EventLog}, a plain consumer, is the oracle); the
 * outage shows in the producer's figures (acknowledgements stall) and the restarted broker announces its metrics
 * port again, so Prometheus's discovery finds it.
 */
class BrokerOutageIT {
    private static final double RATE = 400;

    @Test
    void noAcknowledgedEventIsLostWhenTheBrokerIsKilled() throws Exception {
        Path dir = Files.createTempDirectory("workbench-broker-outage");
        Path runtime = Files.createDirectories(dir.resolve("runtime"));
        Files.writeString(runtime.resolve("metrics.token"), "outage-token\n");
        BrokerConfig config = BrokerConfig.from(Settings.of(Map.of(), Map.of("workbench.kafka.port", "0",
                "workbench.kafka.controller-port", "0", "workbench.kafka.data-dir", dir.resolve("kafka").toString()),
                Map.of())).withMetricsDir(runtime);
        String topic = "outage";
        try (BrokerSupervisor broker = BrokerSupervisor.start(config)) {
            String bootstrap = broker.bootstrapServers();
            Path portFile = runtime.resolve("broker.metrics-port");
            String firstPort = awaitFile(portFile);
            EventProducer producer = EventProducer.start(ProducerSettings.defaults().topic(topic).partitions(2)
                    .rate(RATE).seed(11), bootstrap);
            try {
                awaitAcked(producer, 1_000, Duration.ofSeconds(60));
                long pid = broker.pid();
                ProcessHandle.of(pid).orElseThrow().destroyForcibly();
                long killedAt = System.nanoTime();
                long ackedAtKill = producer.stats().acked();
                // While the broker is down nothing is acknowledged: the producer's figures show the outage.
                Thread.sleep(1_500);
                long ackedDuringOutage = producer.stats().acked() - ackedAtKill;
                assertTrue(ackedDuringOutage < RATE, "acknowledgements stall while the broker is down: "
                        + ackedDuringOutage + " in 1.5 s at " + RATE + "/s");
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (broker.pid() == pid && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertNotEquals(pid, broker.pid(), "the supervisor started the broker again");
                awaitAcked(producer, producer.stats().acked() + 2_000, Duration.ofSeconds(120));
                System.out.printf("BrokerOutageIT: broker back after %.1f s; producer: %s%n",
                        (System.nanoTime() - killedAt) / 1e9, producer.stats());
                String secondPort = awaitChange(portFile, firstPort);
                assertTrue(scrape(secondPort).contains("kafka_server_messages_in_total"),
                        "the restarted broker serves its metrics on the port it announced");
            } finally {
                producer.close();
            }
            ProducerStats stats = producer.stats();
            EventLog log = EventLog.read(bootstrap, topic, Duration.ofSeconds(60));
            Set<Object> ids = new HashSet<>();
            int duplicates = 0;
            for (EventLog.Entry e : log.events()) {
                if (!ids.add(e.get("event_id"))) {
                    duplicates++;
                }
            }
            assertTrue(ids.size() >= stats.acked(), "every acknowledged event is in the topic: " + ids.size()
                    + " distinct events, " + stats);
            assertEquals(stats.sent(), stats.acked() + stats.failed(), "every record is acknowledged or failed: " + stats);
            assertEquals(0, duplicates, "the idempotent producer wrote no event twice across the restart");
        }
    }

    private static void awaitAcked(EventProducer producer, long acked, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (producer.stats().acked() < acked) {
            assertTrue(System.nanoTime() < deadline, "the producer did not reach " + acked + " acks: " + producer.stats());
            Thread.sleep(100);
        }
    }

    private static String awaitFile(Path file) throws Exception {
        return awaitChange(file, null);
    }

    /** The file's content once it exists and differs from {@code before}. */
    private static String awaitChange(Path file, String before) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(file)) {
                String now = Files.readString(file).trim();
                if (!now.isEmpty() && !now.equals(before)) {
                    return now;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(file + " did not change from " + before);
    }

    private static String scrape(String port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).header("Authorization", "Bearer outage-token").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }
}
