package io.workbench.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Lets a browser test restart the server under test: {@code POST /restart} on a loopback port answers 204 once a new
 * server listens on the old one's port ({@link TestServers#restart}), or 500 with why not.
 */
final class ServerRestartHook implements AutoCloseable {
    private final HttpServer http;

    ServerRestartHook(TestServers servers) throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/restart", exchange -> {
            byte[] body = new byte[0];
            int status = 204;
            if (!"POST".equals(exchange.getRequestMethod())) {
                status = 405;
            } else {
                try {
                    servers.restart();
                } catch (Exception e) {
                    status = 500;
                    body = String.valueOf(e).getBytes(StandardCharsets.UTF_8);
                }
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
    }

    /** The URL to POST to. */
    String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/restart";
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
