package io.workbench.server.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts firing now, asked of the Prometheus that evaluates monitoring/'s rules (its HTTP API,
 * {@code GET /api/v1/alerts}, https://prometheus.io/docs/prometheus/latest/querying/api/#alerts). Without a
 * configured Prometheus, or when it does not answer, the answer says so and how to get one, rather than claiming that
 * nothing fires. Blocking (up to {@link #TIMEOUT}): call it off the event loop. Thread-safe.
 */
public final class PrometheusAlerts {
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** @param baseUrl Prometheus's base URL (for example {@code http://127.0.0.1:9090}), or null/blank for none */
    public PrometheusAlerts(String baseUrl) {
        this.baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.replaceAll("/+$", "");
    }

    /**
     * {@code {"available": true, "prometheus": url, "firing": [{"name", "severity", "summary", "description",
     * "labels": {...}, "activeAt"}]}} or {@code {"available": false, "reason": "..."}}; pending alerts are left out.
     */
    public Map<String, Object> firing() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (baseUrl == null) {
            out.put("available", false);
            out.put("reason", "No Prometheus is configured, so no alert rules are evaluated. Start the workbench with"
                    + " ./workbench start --monitoring, or set monitoring.prometheus-url to yours.");
            return out;
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/alerts"))
                    .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = MAPPER.readTree(r.body());
            if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
                throw new java.io.IOException("HTTP " + r.statusCode() + " " + body.path("error").asText(""));
            }
            List<Map<String, Object>> firing = new ArrayList<>();
            for (JsonNode a : body.path("data").path("alerts")) {
                if (!"firing".equals(a.path("state").asText())) {
                    continue;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", a.path("labels").path("alertname").asText());
                m.put("severity", a.path("labels").path("severity").asText(""));
                m.put("summary", a.path("annotations").path("summary").asText(""));
                m.put("description", a.path("annotations").path("description").asText(""));
                m.put("labels", MAPPER.convertValue(a.path("labels"), Map.class));
                m.put("activeAt", a.path("activeAt").asText(""));
                firing.add(m);
            }
            out.put("available", true);
            out.put("prometheus", baseUrl);
            out.put("firing", firing);
        } catch (java.io.IOException | IllegalArgumentException e) {
            out.put("available", false);
            out.put("reason", "Prometheus at " + baseUrl + " did not answer (" + e.getMessage() + "); alerts are"
                    + " unknown until it does. Is it running (./workbench start --monitoring)?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.put("available", false);
            out.put("reason", "Interrupted while asking Prometheus for its alerts.");
        }
        return out;
    }
}
