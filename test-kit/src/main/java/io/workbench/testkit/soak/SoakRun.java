package io.workbench.testkit.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * R7's scenario against a running workbench server: {@code kernels} notebook sessions, each running an events
 * producer and a live view of the events counted per minute and event type; {@code clientsPerKernel} WebSocket
 * clients per kernel watch the views for the steady phase while the server's heap (after a full GC) and RSS are
 * sampled. Then the queries and producers must still be running, and once the producers are paused each view must
 * show, row by row, the counts a plain Kafka consumer ({@link TopicOracle}) finds in its topic.
 *
 * <p>It asserts nothing: the {@link SoakReport} says what happened, for a test to check and a benchmark to print.
 * It throws if the scenario cannot be set up (a session, a cell or a first update that does not come in time).
 * Sessions it opened are deleted when it ends, whatever happens.
 */
public final class SoakRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SETUP_SECONDS = 300;

    /**
     * The server under test.
     *
     * @param port its HTTP port on 127.0.0.1
     * @param token its access token
     * @param oracle counts a topic's events with a plain consumer
     * @param serverPid the server JVM's process id (for its RSS)
     * @param forceGc runs a full GC in the server JVM (see {@link ServerMemory})
     */
    public record Target(int port, String token, TopicOracle oracle, long serverPid, Runnable forceGc) {
    }

    private final Target target;
    private final SoakSettings settings;
    private final PrintStream log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final long started = System.nanoTime();

    private SoakRun(Target target, SoakSettings settings, PrintStream log) {
        this.target = target;
        this.settings = settings;
        this.log = log;
    }

    /** Runs the scenario; blocks for the steady phase plus setup and checks; progress lines go to {@code log}. */
    public static SoakReport run(Target target, SoakSettings settings, PrintStream log) throws Exception {
        return new SoakRun(target, settings, log).run();
    }

    private SoakReport run() throws Exception {
        List<String> sessions = new ArrayList<>();
        List<String> kernels = new ArrayList<>();
        List<List<ViewClient>> clients = new ArrayList<>();
        try {
            // The sessions start together, as five users opening notebooks would.
            List<CompletableFuture<HttpResponse<String>>> opening = new ArrayList<>();
            for (int k = 0; k < settings.kernels(); k++) {
                opening.add(http.sendAsync(request("POST", "/api/sessions", "{\"path\":\"soak-" + run + "-" + k
                        + ".ipynb\",\"type\":\"notebook\",\"kernel\":{\"name\":\"workbench-java\"}}"),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<HttpResponse<String>> opened = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> o : opening) {
                HttpResponse<String> r = o.get(SETUP_SECONDS, TimeUnit.SECONDS);
                opened.add(r);
                if (r.statusCode() == 201) {
                    sessions.add(JSON.readTree(r.body()).path("id").asText());
                }
            }
            for (HttpResponse<String> r : opened) {
                String kernel = JSON.readTree(expect(201, r)).path("kernel").path("id").asText();
                kernels.add(kernel);
                clients.add(new ArrayList<>(List.of(ViewClient.connect(http, target.port(), target.token(), kernel))));
            }
            say(kernels.size() + " kernels started");
            runCells(clients, k -> "var p = events.start(ProducerSettings.defaults().topic(\"" + topic(k) + "\").rate("
                    + settings.eventsPerSecond() + ").seed(" + (17 + k) + "));", "prod");
            runCells(clients, k -> """
                    display(kafka.events("%s").withWatermark("timestamp", "1 minute")
                            .groupBy(window(col("timestamp"), "1 minute"), col("event_type")).count()
                            .select(col("window.start").as("minute"), col("event_type"), col("count")), "%s")
                    """.formatted(topic(k), view(k)), "live");
            for (int k = 0; k < kernels.size(); k++) {
                for (int c = 1; c < settings.clientsPerKernel(); c++) {
                    clients.get(k).add(ViewClient.connect(http, target.port(), target.token(), kernels.get(k)));
                }
            }
            List<ViewClient> all = clients.stream().flatMap(List::stream).toList();
            awaitFirstUpdates(all);
            say(all.size() + " clients see their views; steady phase of " + settings.steadySeconds() + " s");
            return steadyAndCheck(kernels, clients, all);
        } finally {
            clients.stream().flatMap(List::stream).forEach(ViewClient::close);
            for (String s : sessions) {
                call("DELETE", "/api/sessions/" + s, null);
            }
        }
    }

    private SoakReport steadyAndCheck(List<String> kernels, List<List<ViewClient>> clients, List<ViewClient> all)
            throws Exception {
        ServerMemory memory = new ServerMemory(http, target.port(), target.token(), target.forceGc());
        List<Double> kernelRssStart = kernelRss(kernels);
        List<Long> batchesStart = batchIds(kernels);
        List<SoakReport.Sample> samples = new ArrayList<>();
        long t0 = System.nanoTime();
        all.forEach(ViewClient::startMeasuring);
        long end = t0 + TimeUnit.SECONDS.toNanos(settings.steadySeconds());
        for (long next = t0; next <= end; next += TimeUnit.SECONDS.toNanos(settings.sampleSeconds())) {
            // A measurement period: the clients measure meanwhile, and the server is sampled on a fixed clock.
            TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
            samples.add(new SoakReport.Sample((System.nanoTime() - t0) / 1e9, memory.heapAfterGcMb(),
                    ServerMemory.rssMb(target.serverPid())));
        }
        List<ViewClient.Figures> figures = all.stream().map(ViewClient::stopMeasuring).toList();
        List<Double> kernelRssEnd = kernelRss(kernels);
        List<Long> batchesEnd = batchIds(kernels);
        List<Long> batches = new ArrayList<>();
        for (int k = 0; k < kernels.size(); k++) {
            batches.add(batchesEnd.get(k) - batchesStart.get(k));
        }
        List<String> streamProblems = new ArrayList<>();
        List<String> producers = new ArrayList<>();
        for (int k = 0; k < kernels.size(); k++) {
            producers.add(checkStreams(k, kernels.get(k), streamProblems));
        }
        say("steady phase done; pausing the producers and comparing the views with the topics");
        for (int k = 0; k < kernels.size(); k++) {
            if (producers.get(k) != null) {
                expect(200, call("POST", "/api/workbench/kernels/" + kernels.get(k) + "/streams/producer/"
                        + producers.get(k) + "/pause", null));
            }
        }
        List<String> oracleProblems = new ArrayList<>();
        long events = 0;
        int rows = 0;
        for (int k = 0; k < kernels.size(); k++) {
            Map<String, Long> expected = settledTopic(k, kernels.get(k), oracleProblems).byMinuteAndType();
            events += expected.values().stream().mapToLong(Long::longValue).sum();
            rows += compareView(k, clients.get(k).get(0), expected, oracleProblems);
        }
        long errorCount = all.stream().mapToLong(ViewClient::errorCount).sum();
        List<String> errors = all.stream().flatMap(c -> c.errors().stream()).limit(20).toList();
        return new SoakReport(samples, figures, errorCount, errors, streamProblems, oracleProblems, events, rows,
                kernelRssStart, kernelRssEnd, batches);
    }

    /**
     * The topic once the paused producer's sends have all arrived: its records are read again (for up to a minute)
     * until there are as many as the producer says it sent, which it stops counting once paused.
     */
    private TopicOracle.Counts settledTopic(int k, String kernel, List<String> problems) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            JsonNode streams = JSON.readTree(expect(200, call("GET", "/api/workbench/kernels/" + kernel + "/streams", null)));
            JsonNode producer = find(streams.path("producers"), "topic", topic(k));
            long sent = producer == null ? -1 : producer.path("sent").asLong();
            TopicOracle.Counts counts = target.oracle().read(topic(k));
            if (counts.records() == sent) {
                return counts;
            }
            if (System.nanoTime() > deadline) {
                problems.add("kernel " + k + ": the producer sent " + sent + " records, the topic has " + counts.records());
                return counts;
            }
            Thread.sleep(500);
        }
    }

    /** Checks the kernel's query and producer are running; returns the producer's id, or null if it is missing. */
    private String checkStreams(int k, String kernel, List<String> problems) throws Exception {
        JsonNode streams = JSON.readTree(expect(200, call("GET", "/api/workbench/kernels/" + kernel + "/streams", null)));
        JsonNode query = find(streams.path("queries"), "name", view(k));
        if (query == null || !"running".equals(query.path("status").asText()) || query.hasNonNull("error")) {
            problems.add("kernel " + k + ": query " + view(k) + " is not running: " + query);
        }
        JsonNode producer = find(streams.path("producers"), "topic", topic(k));
        if (producer == null || !"RUNNING".equals(producer.path("state").asText())) {
            problems.add("kernel " + k + ": producer of " + topic(k) + " is not running: " + producer);
        }
        return producer == null ? null : producer.path("id").asText();
    }

    /**
     * Waits (up to two minutes) for the view to show as many rows as the oracle has groups with the oracle's total,
     * then compares the rows it shows; returns how many it compared.
     */
    private int compareView(int k, ViewClient client, Map<String, Long> expected, List<String> problems)
            throws InterruptedException {
        long total = expected.values().stream().mapToLong(Long::longValue).sum();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        Map<String, Long> shown = Map.of();
        JsonNode view = null;
        while (System.nanoTime() < deadline) {
            view = client.latestView();
            shown = rows(view);
            boolean complete = view != null && view.path("totalRows").asInt() == expected.size()
                    && (shown.size() < expected.size() || shown.values().stream().mapToLong(Long::longValue).sum() == total);
            if (complete) {
                break;
            }
            Thread.sleep(250);
        }
        int totalRows = view == null ? 0 : view.path("totalRows").asInt();
        if (totalRows != expected.size()) {
            problems.add("kernel " + k + ": the view has " + totalRows + " rows, the topic " + expected.size() + " groups");
        }
        for (Map.Entry<String, Long> row : shown.entrySet()) {
            if (!row.getValue().equals(expected.get(row.getKey()))) {
                problems.add("kernel " + k + ": " + row.getKey() + " shows " + row.getValue() + ", the topic has "
                        + expected.get(row.getKey()));
            }
        }
        return shown.size();
    }

    /** The rows of a live view of (minute, event_type, count) as "minute|event_type" → count. */
    private static Map<String, Long> rows(JsonNode view) {
        Map<String, Long> out = new TreeMap<>();
        if (view != null) {
            for (JsonNode row : view.path("rows")) {
                out.put(row.get(0).asText() + "|" + row.get(1).asText(), row.get(2).asLong());
            }
        }
        return out;
    }

    private void runCells(List<List<ViewClient>> clients, java.util.function.IntFunction<String> code, String cellId)
            throws Exception {
        List<CompletableFuture<JsonNode>> replies = new ArrayList<>();
        for (int k = 0; k < clients.size(); k++) {
            replies.add(clients.get(k).get(0).execute(cellId, code.apply(k)));
        }
        for (int k = 0; k < replies.size(); k++) {
            JsonNode reply = replies.get(k).get(SETUP_SECONDS, TimeUnit.SECONDS);
            if (!"ok".equals(reply.path("content").path("status").asText())) {
                throw new IllegalStateException("cell " + cellId + " of kernel " + k + " failed: " + reply.path("content"));
            }
        }
    }

    private void awaitFirstUpdates(List<ViewClient> all) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETUP_SECONDS);
        while (all.stream().anyMatch(c -> c.totalUpdates() == 0)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("a client saw no live view update within " + SETUP_SECONDS + " s");
            }
            Thread.sleep(200);
        }
    }

    /** Each kernel's view query's latest batch id (-1 if it has none). */
    private List<Long> batchIds(List<String> kernels) throws Exception {
        List<Long> out = new ArrayList<>();
        for (int k = 0; k < kernels.size(); k++) {
            JsonNode streams = JSON.readTree(expect(200, call("GET", "/api/workbench/kernels/" + kernels.get(k) + "/streams", null)));
            JsonNode query = find(streams.path("queries"), "name", view(k));
            out.add(query == null ? -1 : query.path("progress").path("batchId").asLong(-1));
        }
        return out;
    }

    private List<Double> kernelRss(List<String> kernels) throws Exception {
        List<Double> out = new ArrayList<>();
        for (String id : kernels) {
            long pid = JSON.readTree(expect(200, call("GET", "/api/kernels/" + id, null))).path("pid").asLong(-1);
            out.add(pid < 0 ? Double.NaN : ServerMemory.rssMb(pid));
        }
        return out;
    }

    private String topic(int k) {
        return "soak-" + run + "-" + k;
    }

    private String view(int k) {
        return "soak_" + run + "_" + k;
    }

    private static JsonNode find(JsonNode list, String field, String value) {
        for (JsonNode n : list) {
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        return null;
    }

    private static String expect(int status, HttpResponse<String> r) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.request().method() + " " + r.uri().getPath() + ": HTTP " + r.statusCode()
                    + " " + r.body());
        }
        return r.body();
    }

    private HttpResponse<String> call(String method, String path, String json) throws Exception {
        return http.send(request(method, path, json), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String method, String path, String json) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + path))
                .timeout(Duration.ofSeconds(SETUP_SECONDS)).header("Authorization", "token " + target.token())
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private void say(String what) {
        log.printf("soak +%.0f s: %s%n", (System.nanoTime() - started) / 1e9, what);
    }
}
