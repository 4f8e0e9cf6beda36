package io.workbench.testkit;

import io.workbench.broker.BrokerConfig;
import io.workbench.broker.EmbeddedBroker;
import io.workbench.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One real embedded broker per test JVM, on free ports and a temporary data directory, started on first use
 * and stopped when the JVM exits (and, failing that, by the broker itself when its parent is gone).
 */
public final class SharedBroker {
    private static EmbeddedBroker broker;

    private SharedBroker() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null || !broker.isAlive()) {
            try {
                Path dir = Files.createTempDirectory("workbench-test-broker");
                BrokerConfig config = BrokerConfig.from(Settings.of(Map.of(), Map.of(), Map.of()))
                        .withDataDir(dir).withPorts(0, 0);
                broker = EmbeddedBroker.start(config);
                EmbeddedBroker started = broker;
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-broker-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return broker.bootstrapServers();
    }

    public static synchronized EmbeddedBroker broker() {
        bootstrapServers();
        return broker;
    }
}
