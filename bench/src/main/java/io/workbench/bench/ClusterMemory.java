package io.workbench.bench;

import io.workbench.cluster.ClusterNode;
import io.workbench.cluster.LocalCluster;
import io.workbench.events.EventProducer;
import io.workbench.events.ProducerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The memory of the whole deployment on one machine: the local cluster, and the workbench on it as
 * {@code ./workbench start --cluster} runs it (the server, its warm kernel, and a notebook's kernel whose cell runs
 * notebook 2's windowed query as a live view over a topic the producer feeds), after a settle time. Prints the RSS of
 * every process (the master, the workers, their executors, the Kafka nodes, the server, its kernels), their total
 * against the machine's memory, and, apart, the benchmark's own JVM (it runs the producer).
 */
final class ClusterMemory {
    private static final String QUERY = """
            display(kafka.events("%s").withWatermark("timestamp", "5 minutes")
                    .groupBy(window(col("timestamp"), "1 minute"), col("product_category"))
                    .agg(sum("amount").as("sales"), count("*").as("orders")), "memory_windows");
            spark.sparkContext().master()
            """;

    private ClusterMemory() {
    }

    /** One process's resident memory. */
    record Rss(String role, long pid, double mb) {
    }

    /**
     * Starts the workbench in {@code workbench} on {@code cluster}, runs the query in a notebook, waits for its two
     * executors (at most 3 minutes) and {@code settleSeconds}, and returns one line per process and a total line.
     * Stops the workbench and the producer before it returns.
     */
    static List<Map<String, Object>> measure(LocalCluster cluster, Path workbench, Path home, int settleSeconds)
            throws Exception {
        String topic = ProducerBench.topic(cluster.bootstrapServers(), "memory-events", (short) 3,
                Map.of("min.insync.replicas", "2"));
        Map<String, String> env = Map.of("WORKBENCH_SPARK_MASTER", cluster.masterUrl(),
                "KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers());
        try (EventProducer producer = EventProducer.start(ProducerSettings.defaults().topic(topic).partitions(4)
                .rate(5_000).seed(13), cluster.bootstrapServers());
             WorkbenchLauncher w = new WorkbenchLauncher(workbench, home.resolve("memory-kafka"),
                     Files.createDirectories(home.resolve("memory-run")), env)) {
            w.awaitServer();
            String kernelId = w.openNotebook("cluster-memory.ipynb");
            try (KernelChannels ws = w.channels(kernelId)) {
                String master = ws.execute(QUERY.formatted(topic)).get(300, TimeUnit.SECONDS);
                if (master == null || !master.contains("spark://")) {
                    throw new IllegalStateException("the notebook's query cell did not run on the cluster: " + master);
                }
                System.err.println("memory: the notebook's query runs on " + master);
                awaitExecutors(cluster, 2, 180);
                Thread.sleep(settleSeconds * 1000L);
                return sample(cluster, w.serverPid(), kernelId);
            }
        }
    }

    private static void awaitExecutors(LocalCluster cluster, int n, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (executors(cluster).size() < n && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
    }

    private static List<ProcessHandle> executors(LocalCluster cluster) {
        return cluster.workers().stream().flatMap(wk -> ProcessHandle.of(wk.pid()).stream())
                .flatMap(ProcessHandle::descendants).toList();
    }

    private static List<Map<String, Object>> sample(LocalCluster cluster, long serverPid, String kernelId)
            throws Exception {
        List<Rss> all = new ArrayList<>();
        for (ClusterNode n : cluster.nodes()) {
            all.add(rss(n.name(), n.pid()));
            for (ProcessHandle e : ProcessHandle.of(n.pid()).stream().flatMap(ProcessHandle::descendants).toList()) {
                all.add(rss(n.name() + " executor", e.pid()));
            }
        }
        all.add(rss("workbench server", serverPid));
        for (ProcessHandle k : ProcessHandle.of(serverPid).stream().flatMap(ProcessHandle::descendants).toList()) {
            String args = String.join(" ", k.info().arguments().orElse(new String[0]));
            all.add(rss(args.contains(kernelId) ? "kernel (the notebook's, Spark driver)"
                    : args.contains("KernelMain") ? "kernel (warm pool)" : "server child", k.pid()));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        double total = 0;
        for (Rss r : all) {
            total += r.mb();
            out.add(Map.of("memory_process", r.role(), "pid", r.pid(), "rss_mb", Math.round(r.mb())));
        }
        long machineKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
        Map<String, Object> sum = new LinkedHashMap<>();
        sum.put("benchmark", "memory: local cluster + workbench on it, one notebook running a query");
        sum.put("processes", all.size());
        sum.put("executors", all.stream().filter(r -> r.role().endsWith("executor")).count());
        sum.put("total_rss_mb", Math.round(total));
        sum.put("of_24_gib", Math.round(total / (24 * 1024) * 1000) / 1000.0);
        sum.put("machine_mem_total_mb", machineKb / 1024);
        sum.put("bench_jvm_rss_mb_not_counted", Math.round(ServerBench.rssMb(ProcessHandle.current().pid())));
        out.add(sum);
        return out;
    }

    private static Rss rss(String role, long pid) throws Exception {
        return new Rss(role, pid, ServerBench.rssMb(pid));
    }
}
