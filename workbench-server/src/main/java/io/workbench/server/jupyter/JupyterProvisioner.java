package io.workbench.server.jupyter;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Launches Jupyter Notebook on the notebooks directory, bound to 127.0.0.1, with a token, and with the
 * workbench's own Jupyter directory on JUPYTER_PATH so that it finds the workbench-java kernelspec without
 * touching the user's Jupyter set-up. Its kernels inherit {@code env} (where Kafka is, for one).
 */
public final class JupyterProvisioner implements AutoCloseable {
    private final Process process;
    private final String url;
    private final Path log;

    private JupyterProvisioner(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    public static JupyterProvisioner start(JupyterConfig config, Map<String, String> env) throws IOException {
        int port = config.port() == 0 ? freePort() : config.port();
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            s.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " is already in use, so Jupyter cannot start. Stop what"
                    + " holds it or choose another port with " + JupyterConfig.PORT.envName() + ".");
        }
        String token = config.token() != null ? config.token() : randomToken();
        Path runtime = Files.createDirectories(config.jupyterDir().resolve("runtime"));
        Path log = config.jupyterDir().resolve("jupyter.log");
        List<String> command = new java.util.ArrayList<>(List.of(config.command(), "--no-browser", "--ip=127.0.0.1",
                "--port=" + port, "--NotebookApp.port_retries=0", "--notebook-dir=" + config.notebooksDir(),
                "--MappingKernelManager.default_kernel_name=workbench-java"));
        if ("root".equals(System.getProperty("user.name"))) {
            // Containers and CI machines often run as root; Jupyter refuses that unless told.
            command.add("--allow-root");
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        pb.environment().putAll(env);
        pb.environment().put("JUPYTER_PATH", config.jupyterDir().toString());
        pb.environment().put("JUPYTER_RUNTIME_DIR", runtime.toString());
        // The token goes through the environment, not the command line, so that ps does not show it.
        pb.environment().put("JUPYTER_TOKEN", token);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + config.command() + ": " + e.getMessage()
                    + ". Install Jupyter Notebook (apt-get install jupyter-notebook) or set "
                    + JupyterConfig.COMMAND.envName() + ".");
        }
        String base = "http://127.0.0.1:" + port;
        JupyterProvisioner jupyter = new JupyterProvisioner(process, base + "/tree?token=" + token, log);
        jupyter.awaitReady(base + "/api/status", token);
        return jupyter;
    }

    public String url() {
        return url;
    }

    public Process process() {
        return process;
    }

    private void awaitReady(String statusUrl, String token) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Jupyter exited during start-up; see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(statusUrl))
                        .header("Authorization", "token " + token).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        close();
        throw new IllegalStateException("Jupyter did not answer within 60 s; see " + log);
    }

    /** Stops Jupyter, which shuts its kernels down first. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String randomToken() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
