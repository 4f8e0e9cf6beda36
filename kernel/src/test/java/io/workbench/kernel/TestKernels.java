package io.workbench.kernel;

import io.workbench.config.Settings;
import io.workbench.protocol.client.Execution;
import io.workbench.protocol.client.KernelSpecFile;
import io.workbench.protocol.client.LocalKernel;
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

    /** Starts a kernel against the shared broker; {@code heap} replaces the kernelspec's -Xmx when given. */
    static LocalKernel start(Map<String, String> env, String heap) throws Exception {
        KernelSpecFile spec = KernelSpecFile.read(kernelsDir().resolve("workbench-java/kernel.json"));
        if (heap != null) {
            List<String> argv = new ArrayList<>(spec.argv());
            argv.replaceAll(a -> a.startsWith("-Xmx") ? "-Xmx" + heap : a);
            spec = new KernelSpecFile(argv, spec.displayName(), spec.language(), spec.interruptMode(), spec.env(),
                    spec.metadata());
        }
        Map<String, String> all = new HashMap<>();
        all.put("KAFKA_BOOTSTRAP_SERVERS", SharedBroker.bootstrapServers());
        all.putAll(env);
        LocalKernel kernel = LocalKernel.launch(spec, home.resolve("runtime"), all);
        kernel.awaitReady(Duration.ofSeconds(90));
        return kernel;
    }

    /** Runs a cell and waits for its reply and idle status. */
    static Execution run(LocalKernel kernel, String code) throws Exception {
        return Execution.start(kernel.client(), code).await(Duration.ofSeconds(120));
    }

    static Path repo() {
        return Path.of(System.getProperty("workbench.repo", "..")).toAbsolutePath().normalize();
    }
}
