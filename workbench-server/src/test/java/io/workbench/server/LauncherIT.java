package io.workbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's main command, as a user runs it: {@code ./workbench start} brings up a broker, the server and
 * a kernel that answers, prints the URL with its token, and Ctrl-C (SIGTERM here) stops every process it
 * started. The broker's and kernel's metrics are bound to every interface and advertised at this machine's
 * non-loopback address (metrics.bind-host, metrics.advertise-host), where they are scraped.
 */
class LauncherIT {
    @Test
    void workbenchStartServesNotebooksAndStopsEverything() throws Exception {
        Path repo = Path.of(System.getProperty("workbench.repo", "..")).toAbsolutePath().normalize();
        Path tmp = Files.createTempDirectory("workbench-launcher");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("workbench").toString(), "start").redirectErrorStream(true);
        pb.environment().put("WORKBENCH_SKIP_BUILD", "1");
        pb.environment().put("WORKBENCH_SERVER_PORT", String.valueOf(port));
        pb.environment().put("WORKBENCH_KAFKA_PORT", "0");
        pb.environment().put("WORKBENCH_KAFKA_CONTROLLER_PORT", "0");
        pb.environment().put("WORKBENCH_KAFKA_DATA_DIR", tmp.resolve("kafka").toString());
        pb.environment().put("WORKBENCH_NOTEBOOKS_DIR", Files.createDirectories(tmp.resolve("notebooks")).toString());
        pb.environment().put("WORKBENCH_RUNTIME_DIR", tmp.resolve("runtime").toString());
        pb.environment().put("WORKBENCH_KERNELS_WARM", "0");
        // The children's metrics on every interface, advertised at this machine's other address (as compose does with
        // its service name): what a Prometheus elsewhere needs. Without such an address, the defaults (loopback).
        String advertised = otherAddress();
        if (advertised != null) {
            pb.environment().put("WORKBENCH_METRICS_BIND_HOST", "0.0.0.0");
            pb.environment().put("WORKBENCH_METRICS_ADVERTISE_HOST", advertised);
        }
        String childHost = advertised != null ? advertised : "127.0.0.1";
        pb.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        pb.environment().remove("WORKBENCH_TOKEN");
        Process p = pb.start();
        StringBuilder output = new StringBuilder();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                String line;
                Pattern ready = Pattern.compile("The workbench is ready: (http://127\\.0\\.0\\.1:\\d+/\\?token=\\w+)");
                while ((line = r.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    Matcher m = ready.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (Exception e) {
                url.completeExceptionally(e);
            }
            url.completeExceptionally(new IllegalStateException("the launcher ended before it was ready"));
        });
        reader.start();
        List<ProcessHandle> started = List.of();
        try {
            String ready = url.get(180, TimeUnit.SECONDS);
            String token = ready.substring(ready.indexOf("token=") + 6);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .header("Authorization", "token " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("/assets/app.js"), "the browser app is served");
            HttpResponse<String> session = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sessions"))
                    .header("Authorization", "token " + token).timeout(Duration.ofSeconds(180))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"launcher.ipynb\",\"type\":\"notebook\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, session.statusCode(), session.body());
            assertEquals("idle", new ObjectMapper().readTree(session.body()).path("kernel").path("execution_state").asText());
            started = p.descendants().toList();
            assertTrue(started.stream().anyMatch(h -> commandLine(h).contains("BrokerMain")), "a broker JVM runs");
            assertTrue(started.stream().anyMatch(h -> commandLine(h).contains("KernelMain")), "a kernel JVM runs");

            // Prometheus finds every process it started through the server's discovery, and each serves its metrics to
            // the metrics token (docs/metrics.md): the server, the broker and the notebook's kernel.
            String metricsToken = Files.readString(tmp.resolve("runtime/metrics.token")).trim();
            java.util.Map<String, String> byKind = new java.util.HashMap<>();
            long deadline = System.currentTimeMillis() + 60_000;
            while (byKind.size() < 3 && System.currentTimeMillis() < deadline) {
                HttpResponse<String> sd = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/workbench/prometheus/targets")).header("Authorization", "Bearer " + metricsToken).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, sd.statusCode(), sd.body());
                for (var g : new ObjectMapper().readTree(sd.body())) {
                    byKind.put(g.path("labels").path("kind").asText(), g.path("targets").get(0).asText());
                }
                Thread.sleep(500);
            }
            assertEquals(java.util.Set.of("server", "broker", "kernel"), byKind.keySet(), byKind.toString());
            for (String kind : List.of("broker", "kernel")) {
                assertTrue(byKind.get(kind).startsWith(childHost + ":"), kind + " is listed at " + childHost + ": " + byKind);
            }
            java.util.Map<String, String> expect = java.util.Map.of("server", "workbench_kernels_running",
                    "broker", "kafka_controller_active_controllers 1.0", "kernel", "jvm_memory_used_bytes");
            for (var e : byKind.entrySet()) {
                HttpResponse<String> m = http.send(HttpRequest.newBuilder(URI.create("http://" + e.getValue() + "/metrics"))
                        .header("Authorization", "Bearer " + metricsToken).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, m.statusCode(), e.getKey() + ": " + m.body());
                assertTrue(m.body().contains(expect.get(e.getKey())), e.getKey() + " serves " + expect.get(e.getKey()));
            }
        } finally {
            List<ProcessHandle> children = started.isEmpty() ? p.descendants().toList() : started;
            p.destroy();
            boolean exited = p.waitFor(60, TimeUnit.SECONDS);
            for (ProcessHandle h : children) {
                h.onExit().get(30, TimeUnit.SECONDS);
            }
            synchronized (output) {
                assertTrue(exited, "the launcher did not stop on SIGTERM:\n" + output);
            }
            assertTrue(children.stream().noneMatch(ProcessHandle::isAlive), "processes survived the launcher");
        }
    }

    /** An IPv4 address of this machine that is not loopback, or null. */
    private static String otherAddress() throws java.io.IOException {
        for (java.net.NetworkInterface i : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : java.util.Collections.list(i.getInetAddresses())) {
                if (i.isUp() && !a.isLoopbackAddress() && a instanceof java.net.Inet4Address) {
                    return a.getHostAddress();
                }
            }
        }
        return null;
    }

    /** The whole command line; ProcessHandle.Info leaves out long argument lists. */
    private static String commandLine(ProcessHandle h) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + h.pid() + "/cmdline"))).replace('\0', ' ');
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
