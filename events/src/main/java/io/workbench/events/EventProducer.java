package io.workbench.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends generated events to Kafka as Avro, keyed by user, idempotently with acks=all, at a rate that can be
 * changed, paused and resumed while it runs. One background thread generates and sends; acknowledgements are
 * counted as they arrive. Thread-safe controls.
 */
public final class EventProducer implements AutoCloseable {
    /** Where the producer is in its life. */
    public enum State { RUNNING, PAUSED, STOPPED, FAILED }

    private final ProducerSettings settings;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong injected = new AtomicLong();
    private final RateMeter meter = new RateMeter();
    private volatile double rate;
    private volatile State state = State.RUNNING;
    private volatile Throwable failure;
    private final long startedNanos = System.nanoTime();
    private volatile long stoppedNanos;

    private EventProducer(ProducerSettings settings, String bootstrap) {
        this.settings = settings;
        this.rate = settings.rate();
        ensureTopic(bootstrap, settings.topic(), settings.partitions());
        this.producer = new KafkaProducer<>(properties(bootstrap), new ByteArraySerializer(), new ByteArraySerializer());
        this.thread = new Thread(this::run, "event-producer-" + settings.topic());
        thread.setDaemon(true);
    }

    /** Creates the topic if needed and starts producing. */
    public static EventProducer start(ProducerSettings settings, String bootstrapServers) {
        EventProducer p = new EventProducer(settings, bootstrapServers);
        p.thread.start();
        return p;
    }

    public ProducerSettings settings() {
        return settings;
    }

    public void pause() {
        if (state == State.RUNNING) {
            state = State.PAUSED;
        }
    }

    public void resume() {
        if (state == State.PAUSED) {
            state = State.RUNNING;
            LockSupport.unpark(thread);
        }
    }

    /** Changes the target rate (events per second; 0 for as fast as possible) from now on. */
    public void rate(double eventsPerSecond) {
        if (eventsPerSecond < 0) {
            throw new IllegalArgumentException("the rate must be 0 (as fast as possible) or positive");
        }
        this.rate = eventsPerSecond;
        LockSupport.unpark(thread);
    }

    public State state() {
        return state;
    }

    public ProducerStats stats() {
        return new ProducerStats(settings.topic(), state, rate, meter.perSecond(), sent.get(), acked.get(), failed.get(),
                injected.get(), ((stoppedNanos != 0 ? stoppedNanos : System.nanoTime()) - startedNanos) / 1e9, failure == null ? null : failure.toString());
    }

    /** Waits until every event sent so far is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    /** Waits until the producer has stopped by itself (maxEvents reached) or {@code timeout} passes. */
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        return !thread.isAlive();
    }

    /** Stops producing, sends what is buffered, and closes the Kafka producer. */
    @Override
    public void close() {
        if (state != State.FAILED) {
            state = State.STOPPED;
        }
        LockSupport.unpark(thread);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }

    private void run() {
        long seq = 0;
        double simStep = settings.simulatedStepMillis();
        long[] simClock = {0};
        EventGenerator generator = new EventGenerator(settings.seed(), settings.simulatedStartMillis() == null
                ? System::currentTimeMillis
                : () -> settings.simulatedStartMillis() + (long) (simClock[0] * simStep));
        EventEncoder v1 = new EventEncoder(1);
        EventEncoder v2 = new EventEncoder(2);
        FaultInjector faults = new FaultInjector(settings.faults(), new SplittableRandom(settings.seed() ^ 0x5DEECE66DL));
        SplittableRandom versions = new SplittableRandom(settings.seed() + 1);
        Callback callback = (metadata, error) -> {
            if (error == null) {
                acked.incrementAndGet();
            } else if (failed.incrementAndGet() == 1) {
                failure = error;
            }
        };
        long windowStart = System.nanoTime();
        long windowCount = 0;
        double windowRate = rate;
        try {
            while (state != State.STOPPED && (settings.maxEvents() <= 0 || seq < settings.maxEvents())) {
                if (state == State.PAUSED) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                    windowStart = System.nanoTime();
                    windowCount = 0;
                    continue;
                }
                double r = rate;
                if (r != windowRate) {
                    windowRate = r;
                    windowStart = System.nanoTime();
                    windowCount = 0;
                }
                if (r > 0) {
                    long due = windowStart + (long) (windowCount * 1e9 / r);
                    long wait = due - System.nanoTime();
                    if (wait > 200_000) {
                        LockSupport.parkNanos(wait);
                        continue;
                    }
                }
                simClock[0] = seq;
                Event e = generator.next();
                boolean asV2 = settings.v2Share() > 0 && versions.nextDouble() < settings.v2Share();
                FaultInjector.Out out = faults.apply(e, asV2 ? v2 : v1, asV2 ? 2 : 1);
                for (byte[] value : out.values()) {
                    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(settings.topic(), null, null,
                            out.key(), value, List.of(new RecordHeader(EventSchemas.VERSION_HEADER,
                            out.version() == 2 ? V2_HEADER : V1_HEADER)));
                    if (out.fault() != null) {
                        record.headers().add(FaultInjector.FAULT_HEADER, out.fault().getBytes(StandardCharsets.UTF_8));
                        injected.incrementAndGet();
                    }
                    producer.send(record, callback);
                    sent.incrementAndGet();
                    meter.tick();
                }
                seq++;
                windowCount++;
            }
            if (state != State.STOPPED) {
                state = State.STOPPED;
            }
            producer.flush();
            stoppedNanos = System.nanoTime();
        } catch (RuntimeException e) {
            failure = e;
            state = State.FAILED;
            stoppedNanos = System.nanoTime();
        }
    }

    private static final byte[] V1_HEADER = "1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] V2_HEADER = "2".getBytes(StandardCharsets.UTF_8);

    private static Properties properties(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "workbench-event-producer");
        return p;
    }

    private static void ensureTopic(String bootstrap, String topic, int partitions) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(p)) {
            if (!admin.listTopics().names().get(15, TimeUnit.SECONDS).contains(topic)) {
                // The cluster's default replication factor: 1 on the embedded broker, 3 on the local cluster.
                admin.createTopics(List.of(new NewTopic(topic, java.util.Optional.of(partitions), java.util.Optional.empty())))
                        .all().get(15, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaUnavailableException(bootstrap, e.getCause());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new KafkaUnavailableException(bootstrap, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
