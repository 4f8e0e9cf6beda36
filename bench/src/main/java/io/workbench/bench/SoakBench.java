package io.workbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.events.EventLog;
import io.workbench.testkit.soak.ServerMemory;
import io.workbench.testkit.soak.SoakReport;
import io.workbench.testkit.soak.SoakRun;
import io.workbench.testkit.soak.SoakSettings;
import io.workbench.testkit.soak.TopicOracle;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * R7 soak: SoakIT's scenario (five kernels with a producer and a live view each, twenty WebSocket clients) for
 * {@code seconds}, against {@code ./workbench start} as a user runs it (its own broker; no warm kernel, so the
 * five kernels are the only ones). The server's heap is read after {@code jcmd GC.run}.
 *
 * <p>Usage: {@code SoakBench workbenchDir seconds}. Prints two JSON lines: the figures, then the memory samples.
 */
public final class SoakBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path workbench = Path.of(args[0]);
        int seconds = Integer.parseInt(args[1]);
        Path tmp = Files.createTempDirectory("workbench-soak");
        int kafkaPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            kafkaPort = s.getLocalPort();
        }
        SoakReport r;
        try (WorkbenchLauncher w = new WorkbenchLauncher(workbench, tmp.resolve("kafka"), tmp.resolve("run"),
                Map.of("WORKBENCH_KERNELS_WARM", "0", "WORKBENCH_KAFKA_PORT", String.valueOf(kafkaPort)))) {
            w.awaitServer();
            long pid = w.serverPid();
            String kafka = "127.0.0.1:" + kafkaPort;
            TopicOracle oracle = topic -> {
                EventLog log = EventLog.read(kafka, topic, Duration.ofMinutes(1));
                return new TopicOracle.Counts(log.entries().size(), log.countByWindow(60_000, "event_type"));
            };
            r = SoakRun.run(new SoakRun.Target(w.port, w.token, oracle, pid, ServerMemory.jcmdGc(pid)),
                    SoakSettings.r7(seconds), System.err);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bench", "r7_soak");
        out.putAll(r.toJson());
        out.put("first_errors", r.errors());
        out.put("stream_problem_lines", r.streamProblems());
        out.put("oracle_problem_lines", r.oracleProblems().stream().limit(20).toList());
        System.out.println(JSON.writeValueAsString(out));
        Map<String, Object> samples = new LinkedHashMap<>();
        samples.put("bench", "r7_soak_samples");
        samples.put("at_s", r.samples().stream().map(x -> Math.round(x.atSeconds())).toList());
        samples.put("server_heap_after_gc_mb", r.samples().stream().map(x -> Math.round(x.heapMb() * 10) / 10.0).toList());
        samples.put("server_rss_mb", r.samples().stream().map(x -> Math.round(x.serverRssMb() * 10) / 10.0).toList());
        System.out.println(JSON.writeValueAsString(samples));
    }
}
