package io.workbench.testkit.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The workbench server's memory as the soak run samples it: the heap in use right after a full GC, read from the
 * server's own {@code /metrics} ({@code jvm_memory_used_bytes{area="heap"}} summed over its pools), and the RSS of a
 * process from {@code /proc}. Blocking; call from one thread at a time.
 */
public final class ServerMemory {
    private final HttpClient http;
    private final String metricsUrl;
    private final String token;
    private final Runnable forceGc;

    /**
     * @param forceGc runs a full GC in the server's JVM and returns when it is done ({@code System::gc} for a
     *                server in the caller's JVM, {@code jcmd <pid> GC.run} for another process)
     */
    public ServerMemory(HttpClient http, int port, String token, Runnable forceGc) {
        this.http = http;
        this.metricsUrl = "http://127.0.0.1:" + port + "/metrics";
        this.token = token;
        this.forceGc = forceGc;
    }

    /** The server's used heap in MiB right after a full GC; fails if {@code /metrics} has no heap figure. */
    public double heapAfterGcMb() throws IOException, InterruptedException {
        forceGc.run();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(metricsUrl)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "token " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        double bytes = 0;
        boolean found = false;
        for (String line : r.body().lines().toList()) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                bytes += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        if (!found) {
            throw new IOException("no jvm_memory_used_bytes{area=\"heap\"} in /metrics (HTTP " + r.statusCode() + ")");
        }
        return bytes / (1024 * 1024);
    }

    /** The resident set size of process {@code pid} in MiB, or NaN if it is gone. */
    public static double rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        return Double.NaN;
    }

    /** A {@link #ServerMemory forceGc} for another JVM: {@code jcmd <pid> GC.run}, failing if jcmd does. */
    public static Runnable jcmdGc(long pid) {
        return () -> {
            try {
                Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
                Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("jcmd " + pid + " GC.run exited with " + p.exitValue());
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
    }
}
