package io.workbench.server.launcher;

import io.vertx.core.Vertx;
import io.workbench.broker.BrokerConfig;
import io.workbench.broker.BrokerException;
import io.workbench.config.ConfigException;
import io.workbench.config.MetricsKeys;
import io.workbench.config.Settings;
import io.workbench.server.ServerConfig;
import io.workbench.server.WorkbenchServer;
import io.workbench.server.kernels.LocalKernelProvisioner;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code WorkbenchMain start|jupyter|broker}. Starts the embedded broker (unless Kafka is external) and, alongside
 * it, the workbench server ({@code start}, and with it the warm kernel) or Jupyter Notebook ({@code jupyter}); stops
 * everything on Ctrl-C or when a part dies. The broker's address is fixed before it starts, so nothing waits for it
 * but what uses Kafka; a broker that cannot start still stops everything.
 */
public final class WorkbenchMain {
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean stopping;

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "start";
        try {
            System.exit(new WorkbenchMain().run(mode, Settings.load()));
        } catch (ConfigException | BrokerException | IllegalStateException e) {
            System.err.println("workbench: " + e.getMessage());
            System.exit(1);
        }
    }

    int run(String mode, Settings settings) {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "workbench-stop"));
        // Logging is set up here, before the broker's and the server's threads log at once: SLF4J would otherwise
        // print "A number (6) of logging calls during the initialization phase have been intercepted" on every start.
        org.slf4j.LoggerFactory.getILoggerFactory();
        // The broker announces its metrics in the server's runtime directory, where the server's discovery looks.
        BrokerConfig brokerConfig = BrokerConfig.from(settings).withMetricsDir(ServerConfig.from(settings).runtimeDir());
        if (!brokerConfig.external()) {
            brokerConfig = brokerConfig.withFreePorts();
        }
        String kafka = brokerConfig.external() ? brokerConfig.externalBootstrapServers() : "127.0.0.1:" + brokerConfig.port();
        CompletableFuture<Void> kafkaReady = startKafka(brokerConfig);
        // Kernels bind their metrics where the server's settings say (the server lists them at the advertised host).
        Map<String, String> kernelEnv = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka, Settings.HOME_ENV, settings.home().toString(),
                MetricsKeys.BIND_HOST.envName(), ServerConfig.from(settings).metrics().bindHost());
        String ready = switch (mode) {
            case "start" -> startServer(ServerConfig.from(settings), kernelEnv, kafka);
            case "jupyter" -> startJupyter(JupyterConfig.from(settings), kernelEnv);
            case "broker" -> "The embedded broker runs at " + kafka + ".";
            default -> throw new IllegalStateException("unknown mode " + mode + "; use start, jupyter or broker");
        };
        // "Ready" once Kafka is up too: the server already answers, and its warm kernel starts meanwhile.
        awaitKafka(kafkaReady);
        System.out.println(ready);
        System.out.println("Kafka: " + kafka + "\nPress Ctrl-C to stop everything.");
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Starts the server (and so its warm kernel); returns the line that says it is ready, to print once Kafka is. */
    private String startServer(ServerConfig config, Map<String, String> kernelEnv, String kafka) {
        // Vert.x copies classpath files it serves into a cache directory; keep it under data/, not the cwd.
        Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setFileSystemOptions(
                new io.vertx.core.file.FileSystemOptions().setFileCacheDir(config.runtimeDir().resolve("vertx-cache").toString())));
        started.push(() -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        LocalKernelProvisioner provisioner = new LocalKernelProvisioner(config.kernelsDir(), config.runtimeDir(), kernelEnv);
        WorkbenchServer server;
        try {
            server = WorkbenchServer.start(vertx, config, provisioner, kafka).toCompletionStage().toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("The workbench server could not start on " + config.host() + ":"
                    + config.port() + ": " + cause.getMessage() + ". Choose another port with "
                    + ServerConfig.PORT.envName() + ".");
        }
        started.push(server);
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        String url = "http://" + host + ":" + server.port();
        try {
            started.push(ServerFile.write(config.runtimeDir(), url, server.token(), kafka));
        } catch (java.io.IOException e) {
            System.err.println("workbench: cannot write " + config.runtimeDir().resolve("server.json") + " for the command line: "
                    + e.getMessage());
        }
        return "\nThe workbench is ready: " + url + "/?token=" + server.token();
    }

    /** Starts Jupyter Notebook; returns the line that says it is ready, to print once Kafka is. */
    private String startJupyter(JupyterConfig config, Map<String, String> kernelEnv) {
        try {
            JupyterNotebookServer jupyter = JupyterNotebookServer.start(config, kernelEnv);
            started.push(jupyter);
            jupyter.process().onExit().thenRun(() -> {
                if (!stopping) {
                    System.err.println("workbench: Jupyter exited; stopping.");
                }
                done.countDown();
            });
            return "\nJupyter Notebook is ready: " + jupyter.url();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot start Jupyter: " + e.getMessage());
        }
    }

    /**
     * Starts the embedded broker on a thread of its own, unless Kafka is external, and returns at once; completes
     * once it serves requests, or with the {@link BrokerException} that says why it cannot. It is stopped after
     * everything started after this call, as it would be had its start been waited for.
     */
    private CompletableFuture<Void> startKafka(BrokerConfig config) {
        if (config.external()) {
            System.out.println("Using the Kafka cluster at " + config.externalBootstrapServers() + " (KAFKA_BOOTSTRAP_SERVERS).");
            return CompletableFuture.completedFuture(null);
        }
        System.out.println("Starting the embedded Kafka broker (data in " + config.dataDir() + ")...");
        CompletableFuture<BrokerSupervisor> broker = new CompletableFuture<>();
        started.push(() -> {
            if (broker.isDone() && !broker.isCompletedExceptionally()) {
                broker.join().close();
            }
        });
        Thread t = new Thread(() -> {
            try {
                BrokerSupervisor b = BrokerSupervisor.start(config);
                boolean stoppedMeanwhile;
                synchronized (this) {
                    // stopAll holds this lock: either it has run (and found no broker to stop) or it will stop this one.
                    stoppedMeanwhile = stopping;
                    broker.complete(b);
                }
                if (stoppedMeanwhile) {
                    b.close();
                }
            } catch (RuntimeException e) {
                broker.completeExceptionally(e);
            }
        }, "broker-start");
        t.setDaemon(true);
        t.start();
        return broker.thenApply(b -> null);
    }

    /** Waits for Kafka; a broker that cannot start stops everything, unless everything is stopping anyway. */
    private void awaitKafka(CompletableFuture<Void> ready) {
        try {
            ready.join();
        } catch (CompletionException e) {
            if (!stopping) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
    }

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
