package io.workbench.server.launcher;

import io.workbench.broker.BrokerConfig;
import io.workbench.broker.BrokerException;
import io.workbench.broker.EmbeddedBroker;
import io.workbench.process.ChildProcess;
import io.workbench.process.Supervisor;
import java.time.Duration;

/**
 * Keeps the embedded broker running: if its JVM dies, it is started again on the same ports and data, so
 * kernels' Kafka clients reconnect by themselves and the workbench keeps working. Restarts back off from half a
 * second to 30 s; after five restarts within ten minutes it gives up and says why.
 */
final class BrokerSupervisor implements AutoCloseable {
    static final Supervisor.Policy POLICY = new Supervisor.Policy(Duration.ofMillis(500), Duration.ofSeconds(30), 5,
            Duration.ofMinutes(10));

    private volatile BrokerConfig config;
    private volatile EmbeddedBroker broker;
    private Supervisor supervisor;

    private BrokerSupervisor(BrokerConfig config) {
        this.config = config;
    }

    /**
     * Starts the broker and watches it; restarts use the ports the first start got.
     *
     * @throws BrokerException when the first start fails
     */
    static BrokerSupervisor start(BrokerConfig config) {
        BrokerSupervisor s = new BrokerSupervisor(config);
        try {
            s.supervisor = Supervisor.start("The Kafka broker", s::launch, POLICY, new Supervisor.Listener() {
            });
        } catch (BrokerException e) {
            throw e;
        } catch (Exception e) {
            throw new BrokerException("Cannot start the embedded Kafka broker: " + e.getMessage(), e);
        }
        return s;
    }

    private ChildProcess launch() {
        EmbeddedBroker b = EmbeddedBroker.start(config);
        config = config.withPorts(Integer.parseInt(b.bootstrapServers().split(":")[1]), b.controllerPort());
        broker = b;
        return b.process();
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    long pid() {
        return broker.pid();
    }

    @Override
    public void close() {
        supervisor.stop(Duration.ofSeconds(20));
    }
}
