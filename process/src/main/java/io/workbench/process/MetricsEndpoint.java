package io.workbench.process;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} on 127.0.0.1 (or the address given), in Prometheus's text format (version 0.0.4), for requests
 * that carry {@code Authorization: Bearer <metrics token>}; anything else is a 401 (no or wrong token) or 404/405.
 * One daemon thread answers; a scrape renders on it. Served by every child process the workbench starts
 * (docs/metrics.md).
 */
public final class MetricsEndpoint implements AutoCloseable {
    private final HttpServer http;

    private MetricsEndpoint(HttpServer http) {
        this.http = http;
    }

    /**
     * Binds 127.0.0.1:{@code port} (0 picks a free port) and starts answering.
     *
     * @throws IOException when the port cannot be bound
     */
    public static MetricsEndpoint start(int port, String token, Supplier<String> scrape) throws IOException {
        return start(port, () -> token, scrape);
    }

    /**
     * As {@link #start(int, String, Supplier)}, with the token asked for at each request (for a token kept in a file
     * that may be written after this process started); a null token refuses every request.
     */
    public static MetricsEndpoint start(int port, Supplier<String> token, Supplier<String> scrape) throws IOException {
        return start(InetAddress.getLoopbackAddress().getHostAddress(), port, token, scrape);
    }

    /**
     * As {@link #start(int, Supplier, Supplier)}, bound to {@code host} (an address or a name; {@code 0.0.0.0} is
     * every interface) instead of loopback. The token is what protects it there.
     *
     * @throws IOException when the address cannot be bound or the name does not resolve
     */
    public static MetricsEndpoint start(String host, int port, Supplier<String> token, Supplier<String> scrape)
            throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IOException("cannot resolve the metrics bind host '" + host + "'");
        }
        HttpServer http = HttpServer.create(address, 8);
        http.createContext("/metrics", ex -> {
            try (ex) {
                if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                    reply(ex, 405, "GET only\n");
                } else if (!"/metrics".equals(ex.getRequestURI().getPath())) {
                    reply(ex, 404, "Not found: metrics are at /metrics\n");
                } else if (!authorized(ex, token.get())) {
                    ex.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                    reply(ex, 401, "Send Authorization: Bearer <metrics token> (docs/metrics.md)\n");
                } else {
                    ex.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                    reply(ex, 200, scrape.get());
                }
            }
        });
        http.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "metrics-endpoint");
            t.setDaemon(true);
            return t;
        }));
        http.start();
        return new MetricsEndpoint(http);
    }

    /** The port it listens on. */
    public int port() {
        return http.getAddress().getPort();
    }

    /** Writes the port to {@code file} atomically (a reader never sees half of it). */
    public void announce(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, port() + "\n");
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean authorized(HttpExchange ex, String token) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        return token != null && header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                ("Bearer " + token).getBytes(StandardCharsets.UTF_8));
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        boolean head = "HEAD".equals(ex.getRequestMethod());
        ex.sendResponseHeaders(status, head ? -1 : b.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
