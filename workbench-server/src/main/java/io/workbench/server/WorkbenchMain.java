package io.workbench.server;

import io.workbench.broker.BrokerConfig;
import io.workbench.broker.BrokerException;
import io.workbench.broker.EmbeddedBroker;
import io.workbench.config.ConfigException;
import io.workbench.config.Settings;
import io.workbench.server.jupyter.JupyterConfig;
import io.workbench.server.jupyter.JupyterProvisioner;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code WorkbenchMain jupyter|broker}: starts the embedded broker (unless Kafka is external) and, for
 * {@code jupyter}, Jupyter Notebook on the notebooks directory; stops everything on Ctrl-C or when a part dies.
 */
public final class WorkbenchMain {
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final CountDownLatch done = new CountDownLatch(1);

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "jupyter";
        try {
            System.exit(new WorkbenchMain().run(mode, Settings.load()));
        } catch (ConfigException | BrokerException | IllegalStateException e) {
            System.err.println("workbench: " + e.getMessage());
            System.exit(1);
        }
    }

    int run(String mode, Settings settings) throws IllegalStateException {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "workbench-stop"));
        String bootstrap = startKafka(BrokerConfig.from(settings));
        if ("jupyter".equals(mode)) {
            try {
                JupyterProvisioner jupyter = JupyterProvisioner.start(JupyterConfig.from(settings),
                        Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, Settings.HOME_ENV, settings.home().toString()));
                started.push(jupyter);
                jupyter.process().onExit().thenRun(() -> {
                    System.err.println("workbench: Jupyter exited; stopping.");
                    done.countDown();
                });
                System.out.println("\nJupyter Notebook is ready: " + jupyter.url());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Cannot start Jupyter: " + e.getMessage());
            }
        }
        System.out.println("Kafka: " + bootstrap + "\nPress Ctrl-C to stop everything.");
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private String startKafka(BrokerConfig config) {
        if (config.external()) {
            System.out.println("Using the Kafka cluster at " + config.externalBootstrapServers() + " (KAFKA_BOOTSTRAP_SERVERS).");
            return config.externalBootstrapServers();
        }
        System.out.println("Starting the embedded Kafka broker (data in " + config.dataDir() + ")...");
        EmbeddedBroker broker = EmbeddedBroker.start(config);
        started.push(broker);
        Thread watch = new Thread(() -> {
            try {
                ProcessHandle.of(broker.pid()).ifPresent(p -> p.onExit().join());
            } finally {
                if (!stopping) {
                    System.err.println("workbench: the Kafka broker exited unexpectedly; see " + broker.logFile());
                    done.countDown();
                }
            }
        }, "broker-watch");
        watch.setDaemon(true);
        watch.start();
        return broker.bootstrapServers();
    }

    private volatile boolean stopping;

    private synchronized void stopAll() {
        stopping = true;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("workbench: stopping a component failed: " + e);
            }
        }
        done.countDown();
    }
}
