package io.workbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * P6 server: the server JVM's RSS as {@code ./workbench start} runs it, at three points, each after a settle time:
 * idle with its warm kernel and nobody scraping it ({@code idle}); after Prometheus's scrapes of its
 * {@code /metrics} every 5 s for a minute, as {@code ./workbench monitoring} has it ({@code scraped}: the server's
 * Kafka figures load the Kafka client); and with five open notebooks besides (five sessions, each connected and
 * having run a cell). With {@code nmt} also {@code jcmd VM.native_memory summary} of the server at each point
 * (Native Memory Tracking is then on in every JVM the launcher starts, through JAVA_TOOL_OPTIONS).
 *
 * <p>Usage: {@code ServerMemoryBench settleSeconds rounds label=workbenchDir[,nmt]...}; variants run interleaved.
 * Prints one JSON line per run; jcmd's text goes to {@code bench/target/p6-server-<label>-<round>.txt}.
 */
public final class ServerMemoryBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int settle = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Path tmp = Files.createTempDirectory("workbench-server-memory");
        for (int round = 0; round < rounds; round++) {
            for (String variant : List.of(args).subList(2, args.length)) {
                String label = variant.substring(0, variant.indexOf('='));
                String[] rest = variant.substring(variant.indexOf('=') + 1).split(",");
                boolean nmt = rest.length > 1 && "nmt".equals(rest[1]);
                System.out.println(JSON.writeValueAsString(run(label, Path.of(rest[0]), nmt, settle, tmp, round)));
            }
        }
    }

    private static Map<String, Object> run(String label, Path workbench, boolean nmt, int settle, Path tmp, int round)
            throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("label", label);
        r.put("round", round);
        Map<String, String> env = nmt ? Map.of("JAVA_TOOL_OPTIONS", "-XX:NativeMemoryTracking=summary") : Map.of();
        Path out = Files.createDirectories(Path.of("bench/target"));
        StringBuilder text = new StringBuilder();
        try (WorkbenchLauncher w = new WorkbenchLauncher(workbench, tmp.resolve(label + "-kafka"),
                tmp.resolve(label + "-" + round), env)) {
            w.awaitServer();
            w.awaitWarmKernelUnscraped();
            Thread.sleep(settle * 1000L);
            long pid = w.serverPid();
            point(r, text, "idle", pid, nmt);
            for (int i = 0; i < 12; i++) {
                if (w.call("GET", "/metrics", null).statusCode() != 200) {
                    throw new IllegalStateException("/metrics did not answer 200");
                }
                Thread.sleep(5_000);
            }
            Thread.sleep(settle * 1000L);
            point(r, text, "scraped", pid, nmt);
            List<KernelChannels> open = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                KernelChannels ws = w.channels(w.openNotebook("p6-" + i + ".ipynb"));
                if (!"2".equals(ws.execute("1 + 1").get(300, TimeUnit.SECONDS))) {
                    throw new IllegalStateException("1 + 1 is not 2");
                }
                open.add(ws);
            }
            Thread.sleep(settle * 1000L);
            point(r, text, "5_notebooks", pid, nmt);
            if (nmt) {
                text.append(KernelMemoryBench.jcmd(pid, "GC.heap_info"));
                Files.writeString(out.resolve("p6-server-" + label + "-" + round + ".txt"), text);
            }
            open.forEach(KernelChannels::close);
        }
        return r;
    }

    /** Records the server's RSS and threads as {@code server_rss_<point>_mb}, {@code server_threads_<point>}. */
    private static void point(Map<String, Object> r, StringBuilder text, String point, long pid, boolean nmt)
            throws Exception {
        r.put("server_rss_" + point + "_mb", ServerBench.rssMb(pid));
        r.put("server_threads_" + point, KernelMemoryBench.statusField(pid, "Threads:"));
        if (nmt) {
            String s = KernelMemoryBench.jcmd(pid, "VM.native_memory", "summary", "scale=MB");
            text.append("== ").append(point).append('\n').append(s);
            NativeMemory.committedMb(s).forEach((k, v) -> r.put(point + "_" + k, v));
        }
    }
}
