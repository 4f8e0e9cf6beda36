package io.workbench.kernel;

import io.workbench.config.MetricsKeys;
import io.workbench.config.Settings;
import io.workbench.ext.cluster.ExecutorClasses;
import io.workbench.ext.runtime.NotebookRuntime;
import io.workbench.ext.runtime.RuntimeHost;
import io.workbench.ext.display.DisplaySink;
import io.workbench.ext.spark.SparkConfig;
import io.workbench.kernel.io.CellStreams;
import io.workbench.kernel.io.ExitGuard;
import io.workbench.kernel.io.IdleTrim;
import io.workbench.kernel.io.ParentWatch;
import io.workbench.kernel.jshell.CellEvaluator;
import io.workbench.protocol.ConnectionInfo;
import io.workbench.protocol.kernel.KernelServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel process: {@code KernelMain --connection-file <file> [--parent-pid <pid>]}. Wires the runtime,
 * JShell and the protocol server together, then serves until shutdown or until its parent is gone.
 */
public final class KernelMain {
    private final AtomicBoolean exiting = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Logger log;
    private NotebookRuntime runtime;
    private KernelServer server;

    public static void main(String[] args) throws Exception {
        new KernelMain().run(KernelArgs.parse(args));
    }

    private void run(KernelArgs args) throws Exception {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "io/workbench/kernel/log4j2.properties");
        }
        log = LoggerFactory.getLogger(KernelMain.class);
        Settings settings = Settings.load();
        ConnectionInfo info = ConnectionInfo.read(args.connectionFile());
        ExitGuard.install();
        server = new KernelServer(info);
        CellStreams streams = new CellStreams(server, settings.get(CellStreams.MAX_OUTPUT_BYTES));
        SparkConfig spark = SparkConfig.from(settings);
        // On a cluster, executors fetch the classes cells define from the driver: JShell's classes are written here.
        Path cellClasses = spark.enabled() && spark.onCluster() ? cellClassDir() : null;
        CellEvaluator evaluator = new CellEvaluator(KernelMain.class.getClassLoader(), cellClasses, streams.processErr());
        if (cellClasses != null) {
            evaluator.checkForCluster(spark.master());
            log.info("Spark master {} is a cluster: cell classes go to executors from {}", spark.master(), cellClasses);
        }
        DisplaySink sink = new IoPubDisplaySink(server, streams);
        runtime = NotebookRuntime.install(new RuntimeHost() {
            @Override
            public ClassLoader snippetClassLoader() {
                return evaluator.snippetLoader();
            }

            @Override
            public DisplaySink displaySink() {
                return sink;
            }

            @Override
            public ExecutorClasses executorClasses() {
                return ExecutorClasses.replDirectory(cellClasses);
            }

            @Override
            public boolean interactive() {
                return true;
            }
        }, settings);
        serveMetrics(settings, args.connectionFile());
        List<String> failed = evaluator.preload(runtime.imports());
        failed.forEach(f -> log.warn("A preloaded import failed: {}", f));
        IdleTrim idleTrim = new IdleTrim(Duration.ofSeconds(settings.get(IdleTrim.DELAY)));
        runtime.settled().thenRun(idleTrim::started);
        new JavaKernel(server, evaluator, runtime, streams, idleTrim, () -> exit("shutdown requested", 0)).register();
        server.start();
        streams.install();
        ParentWatch.watch(args.parentPid(), () -> exit("its parent process exited", 0))
                .ifPresent(pid -> log.info("Kernel ready on {} (parent pid {})", info.ip(), pid));
        Runtime.getRuntime().addShutdownHook(new Thread(this::cleanUp, "kernel-shutdown-hook"));
        // Every channel thread is a daemon; the main thread is what keeps the kernel process alive.
        stopped.await();
    }

    /**
     * Serves the runtime's metrics when the server asked for them: the metrics token is in the settings or, as the
     * server leaves it, in {@code metrics.token} beside the connection file; the port goes beside the connection file,
     * where the server's Prometheus discovery reads it (docs/metrics.md). A plain Jupyter has neither: nothing served.
     */
    private void serveMetrics(Settings settings, Path connectionFile) {
        String token = settings.get(MetricsKeys.TOKEN);
        Path tokenFile = connectionFile.toAbsolutePath().resolveSibling(MetricsKeys.TOKEN_FILE);
        if (token == null && Files.isReadable(tokenFile)) {
            try {
                token = Files.readString(tokenFile).trim();
            } catch (IOException e) {
                log.warn("Cannot read {}: {}; metrics not served", tokenFile, e.toString());
                return;
            }
        }
        if (token != null) {
            runtime.metrics().serve(settings.get(MetricsKeys.BIND_HOST), 0, token,
                    MetricsKeys.portFileBeside(connectionFile.toAbsolutePath()));
        }
    }

    /** A fresh directory for this kernel's cell classes, removed when the kernel exits. */
    private static Path cellClassDir() throws IOException {
        Path dir = Files.createTempDirectory("workbench-cell-classes-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException | RuntimeException e) {
                // a temporary directory; the system cleans it up eventually
            }
        }, "cell-classes-cleanup"));
        return dir;
    }

    /** Stops Spark and the channels, then exits; a stuck clean-up cannot keep the process alive. */
    private void exit(String reason, int status) {
        if (!exiting.compareAndSet(false, true)) {
            return;
        }
        log.info("Kernel exiting: {}", reason);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                return;
            }
            ExitGuard.allowExit();
            Runtime.getRuntime().halt(status);
        }, "exit-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        cleanUp();
        stopped.countDown();
        ExitGuard.allowExit();
        System.exit(status);
    }

    private synchronized void cleanUp() {
        if (runtime != null) {
            try {
                runtime.close();
            } catch (RuntimeException e) {
                log.warn("Stopping the notebook runtime failed: {}", e.toString());
            }
            runtime = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Command-line arguments of the kernel process. */
    record KernelArgs(Path connectionFile, Long parentPid) {
        static KernelArgs parse(String[] args) {
            Path file = null;
            Long parent = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--connection-file", "-f" -> file = Path.of(args[++i]);
                    case "--parent-pid" -> parent = Long.parseLong(args[++i]);
                    default -> file = Path.of(args[i]);
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("usage: KernelMain --connection-file <file> [--parent-pid <pid>]");
            }
            String jpy = System.getenv("JPY_PARENT_PID");
            if (parent == null && jpy != null && jpy.matches("\\d+")) {
                parent = Long.parseLong(jpy);
            }
            return new KernelArgs(file, parent);
        }
    }
}
