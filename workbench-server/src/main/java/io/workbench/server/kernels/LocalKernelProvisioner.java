package io.workbench.server.kernels;

import io.workbench.protocol.Json;
import io.workbench.protocol.client.KernelClient;
import io.workbench.protocol.client.KernelSpecFile;
import io.workbench.protocol.client.LocalKernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Launches kernel JVMs (or any Jupyter kernel) from the kernelspecs in a kernels directory, each with a fresh
 * connection file in the runtime directory and the given environment. Kernels are children of this JVM and
 * watch it: if the server dies, they exit.
 */
public final class LocalKernelProvisioner implements KernelProvisioner {
    private final Path kernelsDir;
    private final Path runtimeDir;
    private final Map<String, String> env;

    public LocalKernelProvisioner(Path kernelsDir, Path runtimeDir, Map<String, String> env) {
        this.kernelsDir = kernelsDir;
        this.runtimeDir = runtimeDir;
        this.env = Map.copyOf(env);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, KernelSpecInfo> specs() {
        Map<String, KernelSpecInfo> out = new LinkedHashMap<>();
        if (!Files.isDirectory(kernelsDir)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(kernelsDir)) {
            for (Path dir : dirs.sorted().toList()) {
                Path json = dir.resolve("kernel.json");
                if (Files.isRegularFile(json)) {
                    Map<String, Object> spec = Json.MAPPER.readValue(json.toFile(), Map.class);
                    spec.remove("env");
                    String name = dir.getFileName().toString();
                    Set<String> resources;
                    try (Stream<Path> files = Files.list(dir)) {
                        resources = files.map(p -> p.getFileName().toString()).filter(f -> f.startsWith("logo"))
                                .collect(Collectors.toSet());
                    }
                    out.put(name, new KernelSpecInfo(name, String.valueOf(spec.get("display_name")),
                            String.valueOf(spec.get("language")), spec, resources));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public KernelProcess launch(String kernelName, Duration timeout) throws IOException {
        Path json = kernelsDir.resolve(kernelName).resolve("kernel.json");
        if (!Files.isRegularFile(json)) {
            throw new IOException("no kernelspec named '" + kernelName + "' in " + kernelsDir
                    + "; ./workbench start installs workbench-java there");
        }
        KernelSpecFile spec = KernelSpecFile.read(json);
        LocalKernel kernel = LocalKernel.launch(spec, runtimeDir, env);
        try {
            kernel.awaitReady(timeout);
        } catch (TimeoutException | IOException e) {
            String tail = kernel.logTail(20);
            kernel.shutdown(Duration.ofSeconds(1));
            throw new IOException("kernel '" + kernelName + "' did not start: " + e.getMessage() + "\n" + tail, e);
        } catch (InterruptedException e) {
            kernel.shutdown(Duration.ofSeconds(1));
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting kernel '" + kernelName + "'", e);
        }
        return new Launched(kernel, spec.interruptsByMessage());
    }

    private record Launched(LocalKernel kernel, boolean interruptsByMessage) implements KernelProcess {
        @Override
        public KernelClient client() {
            return kernel.client();
        }

        @Override
        public boolean isAlive() {
            return kernel.process().isAlive();
        }

        @Override
        public CompletableFuture<Void> onExit() {
            return kernel.process().onExit().thenApply(p -> null);
        }

        @Override
        public void signalInterrupt() {
            try {
                new ProcessBuilder("kill", "-INT", String.valueOf(kernel.process().pid())).start().waitFor();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void shutdown(Duration grace) {
            kernel.shutdown(grace);
        }

        @Override
        public String logTail(int lines) {
            return kernel.logTail(lines);
        }

        @Override
        public long pid() {
            return kernel.process().pid();
        }

        @Override
        public Path metricsPortFile() {
            return io.workbench.config.MetricsKeys.portFileBeside(kernel.connectionFile().toAbsolutePath());
        }
    }
}
