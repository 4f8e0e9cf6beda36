package io.workbench.server.launcher;

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
import io.workbench.process.ChildProcess;
import io.workbench.process.ChildProcessException;

/**
 * Launches Jupyter Notebook on the notebooks directory, bound to 127.0.0.1, with a token, and with the
 * workbench's own Jupyter directory on JUPYTER_PATH so that it finds the workbench-java kernelspec without
 * touching the user's Jupyter set-up. Its kernels inherit {@code env} (where Kafka is, for one).
 */
public final class JupyterNotebookServer implements AutoCloseable {
    private final ChildProcess process;
    private final String url;

    private JupyterNotebookServer(ChildProcess process, String url) {
        this.process = process;
        this.url = url;
    }

    public static JupyterNotebookServer start(JupyterConfig config, Map<String, String> env) throws IOException {
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
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("JUPYTER_PATH", config.jupyterDir().toString());
        all.put("JUPYTER_RUNTIME_DIR", runtime.toString());
        // The token goes through the environment, not the command line, so that ps does not show it.
        all.put("JUPYTER_TOKEN", token);
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ChildProcess.Readiness answers = child -> http.send(HttpRequest.newBuilder(URI.create(base + "/api/status"))
                .header("Authorization", "token " + token).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        ChildProcess process;
        try {
            process = ChildProcess.start(new ChildProcess.Spec("Jupyter", command, all, null, log), answers,
                    Duration.ofSeconds(60));
        } catch (ChildProcessException e) {
            throw new IllegalStateException(e.getMessage().startsWith("Cannot start") ? e.getMessage()
                    + ". Install Jupyter Notebook (apt-get install jupyter-notebook) or set "
                    + JupyterConfig.COMMAND.envName() + "." : e.getMessage(), e);
        }
        return new JupyterNotebookServer(process, base + "/tree?token=" + token);
    }

    public String url() {
        return url;
    }

    public Process process() {
        return process.process();
    }

    /** Stops Jupyter, which shuts its kernels down first; killed after 15 s. */
    @Override
    public void close() {
        process.stop(Duration.ofSeconds(15));
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
