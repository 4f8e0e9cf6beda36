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
 * P6 server: the server JVM's RSS as {@code ./workbench start} runs it, idle with its warm kernel, and with five
 * open notebooks (five sessions, each connected and having run a cell), after a settle time; with
 * {@code nmt} also {@code jcmd VM.native_memory summary} of the server at both points (Native Memory Tracking
 * is then on in every JVM the launcher starts, through JAVA_TOOL_OPTIONS).
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
            w.awaitWarmKernel();
            Thread.sleep(settle * 1000L);
            long pid = w.serverPid();
            r.put("server_rss_idle_mb", ServerBench.rssMb(pid));
            r.put("server_threads_idle", KernelMemoryBench.statusField(pid, "Threads:"));
            if (nmt) {
                String s = KernelMemoryBench.jcmd(pid, "VM.native_memory", "summary", "scale=MB");
                text.append("== idle\n").append(s);
                NativeMemory.committedMb(s).forEach((k, v) -> r.put("idle_" + k, v));
            }
            List<KernelChannels> open = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                KernelChannels ws = w.channels(w.openNotebook("p6-" + i + ".ipynb"));
                if (!"2".equals(ws.execute("1 + 1").get(300, TimeUnit.SECONDS))) {
                    throw new IllegalStateException("1 + 1 is not 2");
                }
                open.add(ws);
            }
            Thread.sleep(settle * 1000L);
            r.put("server_rss_5_notebooks_mb", ServerBench.rssMb(pid));
            r.put("server_threads_5_notebooks", KernelMemoryBench.statusField(pid, "Threads:"));
            if (nmt) {
                String s = KernelMemoryBench.jcmd(pid, "VM.native_memory", "summary", "scale=MB");
                text.append("== 5 notebooks\n").append(s);
                NativeMemory.committedMb(s).forEach((k, v) -> r.put("five_" + k, v));
                text.append(KernelMemoryBench.jcmd(pid, "GC.heap_info"));
                Files.writeString(out.resolve("p6-server-" + label + "-" + round + ".txt"), text);
            }
            open.forEach(KernelChannels::close);
        }
        return r;
    }
}
