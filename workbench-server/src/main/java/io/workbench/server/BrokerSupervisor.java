package io.workbench.server;

import io.workbench.broker.BrokerConfig;
import io.workbench.broker.BrokerException;
import io.workbench.broker.EmbeddedBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded broker running: if its JVM dies, it is started again on the same ports and data, so
 * kernels' Kafka clients reconnect by themselves and the workbench keeps working. Gives up after five
 * restarts within ten minutes and says why.
 */
final class BrokerSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerSupervisor.class);
    private static final int MAX_RESTARTS = 5;
    private static final Duration WINDOW = Duration.ofMinutes(10);

    private final BrokerConfig config;
    private final Deque<Instant> restarts = new ArrayDeque<>();
    private volatile EmbeddedBroker broker;
    private volatile boolean closed;

    private BrokerSupervisor(BrokerConfig config) {
        this.config = config;
    }

    /** Starts the broker, on fixed ports from then on, and watches it. */
    static BrokerSupervisor start(BrokerConfig config) {
        EmbeddedBroker first = EmbeddedBroker.start(config);
        String[] hostPort = first.bootstrapServers().split(":");
        BrokerConfig pinned = config.withPorts(Integer.parseInt(hostPort[1]), first.controllerPort());
        BrokerSupervisor s = new BrokerSupervisor(pinned);
        s.watch(first);
        return s;
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    private void watch(EmbeddedBroker b) {
        broker = b;
        ProcessHandle.of(b.pid()).ifPresent(p -> p.onExit().thenRun(() -> {
            if (!closed) {
                restart(b);
            }
        }));
    }

    private synchronized void restart(EmbeddedBroker dead) {
        Instant now = Instant.now();
        while (!restarts.isEmpty() && restarts.peekFirst().isBefore(now.minus(WINDOW))) {
            restarts.removeFirst();
        }
        if (restarts.size() >= MAX_RESTARTS) {
            LOG.error("The Kafka broker died {} times in {} minutes; not restarting it again. See {}. Kafka cells"
                    + " will fail until you restart the workbench.", MAX_RESTARTS, WINDOW.toMinutes(), dead.logFile());
            return;
        }
        restarts.addLast(now);
        LOG.warn("The Kafka broker exited unexpectedly (see {}); starting it again.", dead.logFile());
        try {
            watch(EmbeddedBroker.start(config));
            LOG.info("The Kafka broker is back at {}.", broker.bootstrapServers());
        } catch (BrokerException e) {
            LOG.error("The Kafka broker could not be restarted: {}", e.getMessage());
        }
    }

    long pid() {
        return broker.pid();
    }

    @Override
    public void close() {
        closed = true;
        broker.close();
    }
}
