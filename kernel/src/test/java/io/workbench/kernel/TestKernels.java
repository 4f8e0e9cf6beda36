package io.workbench.kernel;

import io.workbench.config.Settings;
import io.workbench.protocol.Channel;
import io.workbench.protocol.client.Execution;
import io.workbench.protocol.client.KernelSpecFile;
import io.workbench.protocol.client.LocalKernel;
import io.workbench.protocol.workbench.StreamsStateRequest;
import io.workbench.protocol.workbench.WorkbenchMessages;
import io.workbench.testkit.SharedBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Real kernel JVMs for integration tests, launched from a kernelspec installed exactly as Jupyter's is, on
 * the kernel module's runtime class path, talking to a real broker.
 */
final class TestKernels {
    private static Path kernelsDir;
    private static Path home;

    private TestKernels() {
    }

    /** A temporary kernels directory holding the workbench-java kernelspec. */
    static synchronized Path kernelsDir() {
        if (kernelsDir == null) {
            try {
                home = Files.createTempDirectory("workbench-test-home");
                kernelsDir = Files.createDirectories(home.resolve("jupyter/kernels"));
                Settings settings = Settings.of(Map.of(Settings.HOME_ENV, home.toString()),
                        Map.of("workbench.kernel.heap", "1g"), Map.of());
                Kernelspec.install(kernelsDir, settings, kernelClasspath());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return kernelsDir;
    }

    static String kernelClasspath() throws IOException {
        String classes = System.getProperty("workbench.kernel.classes");
        String file = System.getProperty("workbench.kernel.classpath-file");
        if (classes == null || file == null) {
            throw new IllegalStateException("run the integration tests through Maven (mvn verify)");
        }
        return classes + java.io.File.pathSeparator + Files.readString(Path.of(file)).trim();
    }

    static LocalKernel start(Map<String, String> env) throws Exception {
        return start(env, null);
    }

    /**
     * Starts a kernel against the shared broker and waits until Spark has started, so that a test's first cell shows
     * only its own output (no "Waiting for Spark to start" line); {@code heap} replaces the kernelspec's -Xmx when
     * given. Spark's warm-up may still run: it steps aside for cells.
     */
    static LocalKernel start(Map<String, String> env, String heap) throws Exception {
        LocalKernel kernel = launch(env, heap, false);
        awaitSpark(kernel, false);
        return kernel;
    }

    /**
     * Starts a kernel against the shared broker and returns once it answers, Spark maybe still starting; {@code heap}
     * replaces the kernelspec's -Xmx when given, and with {@code testClasses} the kernel also loads this module's test
     * classes (Spark listeners that tests name).
     */
    static LocalKernel launch(Map<String, String> env, String heap, boolean testClasses) throws Exception {
        KernelSpecFile spec = KernelSpecFile.read(kernelsDir().resolve("workbench-java/kernel.json"));
        List<String> argv = new ArrayList<>(spec.argv());
        if (heap != null) {
            argv.replaceAll(a -> a.startsWith("-Xmx") ? "-Xmx" + heap : a);
        }
        if (testClasses) {
            int cp = argv.indexOf("-cp") + 1;
            argv.set(cp, argv.get(cp) + java.io.File.pathSeparator
                    + Path.of(TestKernels.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        spec = new KernelSpecFile(argv, spec.displayName(), spec.language(), spec.interruptMode(), spec.env(),
                spec.metadata());
        Map<String, String> all = new HashMap<>();
        all.put("KAFKA_BOOTSTRAP_SERVERS", SharedBroker.bootstrapServers());
        all.putAll(env);
        LocalKernel kernel = LocalKernel.launch(spec, home.resolve("runtime"), all);
        kernel.awaitReady(Duration.ofSeconds(90));
        return kernel;
    }

    /**
     * Waits until the kernel says (on the control channel) that Spark is no longer starting, and with
     * {@code warmedUp} that its background warm-up is over too.
     */
    static void awaitSpark(LocalKernel kernel, boolean warmedUp) throws Exception {
        Set<String> waitFor = warmedUp ? Set.of("starting", "warming") : Set.of("starting");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            String status = sparkStatus(kernel);
            if (!waitFor.contains(status)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Spark is still " + sparkStatus(kernel) + " after 180 s:\n" + kernel.logTail(40));
    }

    /** Where the kernel says Spark is: starting, warming, ready, failed or off. */
    static String sparkStatus(LocalKernel kernel) throws Exception {
        return kernel.client().request(Channel.CONTROL, WorkbenchMessages.STREAMS_STATE_REQUEST, new StreamsStateRequest())
                .reply().get(60, TimeUnit.SECONDS).content().path("sparkStatus").asText();
    }

    /** Runs a cell and waits for its reply and idle status. */
    static Execution run(LocalKernel kernel, String code) throws Exception {
        return Execution.start(kernel.client(), code).await(Duration.ofSeconds(120));
    }

    static Path repo() {
        return Path.of(System.getProperty("workbench.repo", "..")).toAbsolutePath().normalize();
    }
}
