package io.workbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The running workbench server, as the command line reaches it: its URL and token from
 * {@code <runtime dir>/server.json} (the server writes it at start, readable by its owner only), or from
 * {@code WORKBENCH_URL} and {@code WORKBENCH_TOKEN}. Answers are JSON; an error answer becomes a
 * {@link CliException} with the server's message.
 */
final class ServerClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    ServerClient(String url, String token) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.token = token;
    }

    /** The server of this workbench directory. @throws CliException when it is not running */
    static ServerClient find(Path runtimeDir) {
        String url = System.getenv("WORKBENCH_URL");
        String token = System.getenv("WORKBENCH_TOKEN");
        if (url != null && token != null) {
            return new ServerClient(url, token);
        }
        Path file = runtimeDir.resolve("server.json");
        try {
            JsonNode s = JSON.readTree(file.toFile());
            return new ServerClient(s.path("url").asText(), s.path("token").asText());
        } catch (IOException e) {
            throw new CliException("The workbench server is not running (there is no " + file + "). Start it with"
                    + " ./workbench start, or set WORKBENCH_URL and WORKBENCH_TOKEN.");
        }
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    JsonNode post(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(json(body)))
                .header("Content-Type", "application/json"));
    }

    JsonNode patch(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).method("PATCH", HttpRequest.BodyPublishers.ofString(json(body)))
                .header("Content-Type", "application/json"));
    }

    JsonNode delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private URI uri(String path) {
        return URI.create(url + path);
    }

    private JsonNode send(HttpRequest.Builder b) {
        HttpRequest req = b.header("Authorization", "token " + token).timeout(Duration.ofMinutes(6)).build();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body() == null || r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
            if (r.statusCode() >= 400) {
                throw new CliException(body.path("message").asText("The server answered " + r.statusCode() + "."));
            }
            return body;
        } catch (ConnectException e) {
            throw new CliException("Cannot reach the workbench server at " + url + "; is it running? (./workbench start)");
        } catch (IOException e) {
            throw new CliException("Talking to the workbench server at " + url + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted.");
        }
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
