package io.workbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The server with real kernel JVMs and a real broker: REST, the channels WebSocket, death, restart, kept outputs. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerKernelsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestServers s;

    @BeforeAll
    void start() throws Exception {
        s = TestServers.real(1);
    }

    @AfterAll
    void stop() {
        s.close();
    }

    private JsonNode json(String method, String path, String body, int expected) throws Exception {
        var r = s.call(method, path, body);
        assertEquals(expected, r.statusCode(), method + " " + path + ": " + r.body());
        return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }

    private JsonNode session(String path) throws Exception {
        return json("POST", "/api/sessions", "{\"path\":\"" + path + "\",\"type\":\"notebook\",\"kernel\":{\"name\":\"workbench-java\"}}", 201);
    }

    private void awaitWarmKernel() throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (!s.get("/metrics").body().contains("workbench_kernels_warm 1.0")) {
            assertTrue(System.currentTimeMillis() < deadline, "no warm kernel after 3 minutes");
            Thread.sleep(250);
        }
    }

    @Test
    void openingANotebookTakesAWarmKernelAndTwoTabsShareIt() throws Exception {
        awaitWarmKernel();
        long t0 = System.nanoTime();
        JsonNode first = session("warm.ipynb");
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(millis < 3000, "a warm kernel should be handed out at once, took " + millis + " ms");
        assertEquals("idle", first.path("kernel").path("execution_state").asText());
        assertEquals(first.path("id").asText(), session("warm.ipynb").path("id").asText(), "same path, same session");
        assertTrue(s.get("/metrics").body().contains("workbench_kernel_starts_total{warm=\"true\"}"));
        json("DELETE", "/api/sessions/" + first.path("id").asText(), null, 204);
    }

    @Test
    void theChannelsWebSocketRunsCellsAndRoutesReplies() throws Exception {
        JsonNode session = session("ws.ipynb");
        String kernel = session.path("kernel").path("id").asText();
        try (WsClient a = new WsClient(s, kernel); WsClient b = new WsClient(s, kernel)) {
            String id = a.execute("System.out.println(\"hi\"); 6 * 7", "cell-1");
            JsonNode stream = a.await(WsClient.iopub(id, "stream"), 60_000);
            assertEquals("hi\n", stream.path("content").path("text").asText());
            assertEquals("cell-1", stream.path("metadata").path("cellId").asText(), "iopub is tagged with the cell id");
            assertEquals("42", a.await(WsClient.iopub(id, "execute_result"), 60_000).path("content").path("data").path("text/plain").asText());
            assertEquals("ok", a.await(WsClient.reply(id), 60_000).path("content").path("status").asText());
            b.await(WsClient.iopub(id, "execute_result"), 10_000);
            Thread.sleep(300);
            assertFalse(b.all().stream().anyMatch(WsClient.reply(id)), "the other tab does not get this tab's replies");
        }
        String metrics = s.get("/metrics").body();
        assertTrue(metrics.contains("workbench_executions_total{status=\"ok\"}"), metrics);
        assertTrue(metrics.contains("workbench_execute_latency_seconds_bucket"), metrics);
        json("DELETE", "/api/sessions/" + session.path("id").asText(), null, 204);
    }

    @Test
    void interruptAndRestartThroughTheRestApi() throws Exception {
        JsonNode session = session("restart.ipynb");
        String kernel = session.path("kernel").path("id").asText();
        try (WsClient ws = new WsClient(s, kernel)) {
            String define = ws.execute("int keep = 5;", null);
            ws.await(WsClient.reply(define), 60_000);
            String sleeping = ws.execute("Thread.sleep(600_000);", null);
            ws.await(WsClient.iopub(sleeping, "execute_input"), 30_000);
            Thread.sleep(500);
            long t0 = System.nanoTime();
            json("POST", "/api/kernels/" + kernel + "/interrupt", null, 204);
            JsonNode reply = ws.await(WsClient.reply(sleeping), 10_000);
            assertEquals("Interrupted", reply.path("content").path("ename").asText());
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 2000);

            JsonNode restarted = json("POST", "/api/kernels/" + kernel + "/restart", null, 200);
            assertEquals(kernel, restarted.path("id").asText(), "a restart keeps the kernel id");
            ws.await(WsClient.status("restarting"), 5_000);
            String after = ws.execute("keep", null);
            assertEquals("CompileError", ws.await(WsClient.reply(after), 60_000).path("content").path("ename").asText(),
                    "a restarted kernel has forgotten the old state");
        }
        json("DELETE", "/api/sessions/" + session.path("id").asText(), null, 204);
    }

    @Test
    void aKernelThatDiesIsReportedAndCanBeRestarted() throws Exception {
        JsonNode session = session("dies.ipynb");
        String kernel = session.path("kernel").path("id").asText();
        long pid = json("GET", "/api/kernels/" + kernel, null, 200).path("pid").asLong();
        try (WsClient ws = new WsClient(s, kernel)) {
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            JsonNode dead = ws.await(WsClient.status("dead"), 15_000);
            assertTrue(dead.path("content").path("reason").asText().contains("restart"), dead.toString());
            assertEquals("dead", json("GET", "/api/kernels/" + kernel, null, 200).path("execution_state").asText());
            assertTrue(s.get("/metrics").body().contains("workbench_kernel_deaths_total{reason=\"exit\"}"));
            json("POST", "/api/kernels/" + kernel + "/restart", null, 200);
            String id = ws.execute("1 + 1", null);
            assertEquals("2", ws.await(WsClient.iopub(id, "execute_result"), 60_000).path("content").path("data").path("text/plain").asText());
        }
        json("DELETE", "/api/sessions/" + session.path("id").asText(), null, 204);
    }

    @Test
    void outputsThatArriveWithNoBrowserAreWrittenIntoTheNotebook() throws Exception {
        Files.writeString(s.notebooks.resolve("long.ipynb"), "{\"nbformat\":4,\"nbformat_minor\":5,\"metadata\":{},\"cells\":["
                + "{\"id\":\"c1\",\"cell_type\":\"code\",\"source\":\"\",\"metadata\":{},\"outputs\":[],\"execution_count\":null}]}");
        JsonNode session = session("long.ipynb");
        String kernel = session.path("kernel").path("id").asText();
        try (WsClient ws = new WsClient(s, kernel)) {
            String id = ws.execute("Thread.sleep(2000); System.out.println(\"finished while away\");", "c1");
            ws.await(WsClient.iopub(id, "execute_input"), 60_000);
        }
        long deadline = System.currentTimeMillis() + 30_000;
        String onDisk = "";
        while (System.currentTimeMillis() < deadline && !onDisk.contains("finished while away")) {
            Thread.sleep(200);
            onDisk = Files.readString(s.notebooks.resolve("long.ipynb"));
        }
        assertTrue(onDisk.contains("finished while away"), onDisk);
        JsonNode kept = json("GET", "/api/workbench/sessions/" + session.path("id").asText() + "/outputs", null, 200);
        assertTrue(kept.path("c1").path("outputs").toString().contains("finished while away"), kept.toString());
        assertTrue(kept.path("c1").path("execution_count").asInt() > 0);
        json("DELETE", "/api/sessions/" + session.path("id").asText(), null, 204);
    }
}
