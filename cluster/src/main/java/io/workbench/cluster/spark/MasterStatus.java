package io.workbench.cluster.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a Spark standalone master says about itself on its web UI's {@code /json/}: its state and every worker it
 * knows, dead ones included (a master keeps a dead worker listed for a while). Immutable.
 */
public record MasterStatus(String state, List<Worker> workers) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One worker as the master sees it; {@code state} is Spark's: ALIVE, DEAD, DECOMMISSIONED, UNKNOWN. */
    public record Worker(String id, String host, int port, String state, int cores, int coresUsed) {
        public boolean alive() {
            return "ALIVE".equals(state);
        }
    }

    public MasterStatus {
        workers = List.copyOf(workers);
    }

    /**
     * Asks the master at {@code uiUrl} ({@code http://127.0.0.1:8080}); blocks for at most about 5 s.
     *
     * @throws IOException when the master does not answer, or answers with something other than its status
     */
    public static MasterStatus fetch(String uiUrl) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(uiUrl + "/json/")).timeout(Duration.ofSeconds(3))
                .GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("The Spark master at " + uiUrl + " answered HTTP " + response.statusCode());
        }
        return parse(response.body());
    }

    static MasterStatus parse(String json) throws IOException {
        JsonNode root = JSON.readTree(json);
        List<Worker> workers = new ArrayList<>();
        for (JsonNode w : root.path("workers")) {
            workers.add(new Worker(w.path("id").asText(), w.path("host").asText(), w.path("port").asInt(),
                    w.path("state").asText(), w.path("cores").asInt(), w.path("coresused").asInt()));
        }
        return new MasterStatus(root.path("status").asText(), workers);
    }

    public boolean alive() {
        return "ALIVE".equals(state);
    }

    public long aliveWorkers() {
        return workers.stream().filter(Worker::alive).count();
    }

    /** The worker registered from this port, the live one if there is one, else the last one listed. */
    public Optional<Worker> worker(int port) {
        List<Worker> at = workers.stream().filter(w -> w.port() == port).toList();
        return at.stream().filter(Worker::alive).findFirst().or(() -> at.stream().reduce((a, b) -> b));
    }
}
