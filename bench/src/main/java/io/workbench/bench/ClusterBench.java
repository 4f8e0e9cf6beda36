package io.workbench.bench;

import io.workbench.broker.BrokerConfig;
import io.workbench.broker.EmbeddedBroker;
import io.workbench.cluster.ClusterConfig;
import io.workbench.cluster.LocalCluster;
import io.workbench.config.Settings;
import io.workbench.events.EventProducer;
import io.workbench.events.ProducerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 9 §5: the local cluster (a Spark master with two 1-core workers, three KRaft Kafka nodes, started with
 * {@link LocalCluster} on free ports in a temporary directory) against one machine's defaults, in one run:
 * <ul>
 *   <li>producer: the workbench's event producer ({@link ProducerRun}, as P1 runs it, acks=all) against one embedded
 *       broker (a replication factor 1 topic) and against the three nodes (replication factor 3,
 *       {@code min.insync.replicas=2}), a warm-up on each, then pairs whose order flips;</li>
 *   <li>query: notebook 2's windowed query ({@link WindowRun}) in a kernel on {@code local[2]} and in a kernel on the
 *       cluster, alternating (local, cluster, local, cluster…), both draining one backlog topic of the cluster's Kafka,
 *       filled once;</li>
 *   <li>memory: every process of the cluster and of the workbench on it ({@link ClusterMemory}).</li>
 * </ul>
 * Prints JSON lines. Usage: ClusterBench kernelsDir workbenchDir [backlog] [events per batch] [producer records]
 * [rounds] [memory settle seconds]
 */
public final class ClusterBench {
    private ClusterBench() {
    }

    /**
     * Runs the three parts on one local cluster, which it stops at the end; its directory (with every process's log)
     * is deleted after a complete run and kept, with its path on stderr, after a failure.
     */
    public static void main(String[] args) throws Exception {
        Path kernels = Path.of(args[0]);
        Path workbench = Path.of(args[1]);
        long backlog = args.length > 2 ? Long.parseLong(args[2]) : 2_000_000;
        long perBatch = args.length > 3 ? Long.parseLong(args[3]) : 100_000;
        long records = args.length > 4 ? Long.parseLong(args[4]) : 1_000_000;
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        int settle = args.length > 6 ? Integer.parseInt(args[6]) : 30;
        Path home = Files.createTempDirectory("workbench-cluster-bench");
        long t0 = System.nanoTime();
        LocalCluster cluster = LocalCluster.start(home.resolve("cluster"), ClusterConfig.defaults().withFreePorts());
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "cluster-bench-stop"));
        boolean complete = false;
        try {
            print(Map.of("cluster_started_s", round3((System.nanoTime() - t0) / 1e9), "master", cluster.masterUrl(),
                    "kafka", cluster.bootstrapServers()));
            producers(cluster, home, records, rounds);
            queries(cluster, kernels, home, backlog, perBatch, rounds);
            for (Map<String, Object> line : ClusterMemory.measure(cluster, workbench, home, settle)) {
                print(line);
            }
            complete = true;
        } finally {
            cluster.close();
            if (complete) {
                deleteTree(home);
            } else {
                System.err.println("The benchmark did not complete; the cluster's and kernels' logs are kept in " + home);
            }
        }
    }

    private static void producers(LocalCluster cluster, Path home, long records, int rounds) throws Exception {
        Map<String, String> minIsr = Map.of("min.insync.replicas", "2");
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerConfig.from(Settings.of(Map.of(), Map.of(), Map.of()))
                .withDataDir(home.resolve("single-kafka")).withPorts(0, 0))) {
            String one = broker.bootstrapServers();
            String three = cluster.bootstrapServers();
            long warmUp = Math.min(records, 500_000);
            ProducerBench.runWorkbench(one, ProducerBench.topic(one, "p-warm", (short) 1, Map.of()), warmUp);
            ProducerBench.runWorkbench(three, ProducerBench.topic(three, "p-warm", (short) 3, minIsr), warmUp);
            List<Double> single = new ArrayList<>();
            List<Double> replicated = new ArrayList<>();
            for (int i = 0; i < 2 * rounds; i++) {
                for (int side = 0; side < 2; side++) {
                    boolean isSingle = (side == 0) == (i % 2 == 0);
                    String t = "p-" + i;
                    double rps = isSingle
                            ? ProducerBench.runWorkbench(one, ProducerBench.topic(one, t, (short) 1, Map.of()), records)
                            : ProducerBench.runWorkbench(three, ProducerBench.topic(three, t, (short) 3, minIsr), records);
                    (isSingle ? single : replicated).add(rps);
                    print(Map.of("producer_run", i, "side", isSingle ? "1 broker, RF 1" : "3 nodes, RF 3, min ISR 2",
                            "records_per_s", Math.round(rps)));
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("benchmark", "producer, acks=all: 1 broker vs the 3-node cluster");
            out.put("records_per_run", records);
            out.put("one_broker_median_rps", Math.round(ProducerBench.median(single)));
            out.put("three_nodes_median_rps", Math.round(ProducerBench.median(replicated)));
            out.put("ratio_three_vs_one", round3(ProducerBench.median(replicated) / ProducerBench.median(single)));
            print(out);
        }
    }

    private static void queries(LocalCluster cluster, Path kernels, Path home, long backlog, long perBatch, int rounds)
            throws Exception {
        String bootstrap = cluster.bootstrapServers();
        String topic = ProducerBench.topic(bootstrap, "window-backlog", (short) 3, Map.of("min.insync.replicas", "2"));
        long t0 = System.nanoTime();
        try (EventProducer p = EventProducer.start(ProducerSettings.defaults().topic(topic).partitions(4).rate(0)
                .seed(7).maxEvents(backlog).simulatedTime(1_764_000_000_000L, 1000), bootstrap)) {
            p.awaitDone(Duration.ofMinutes(10));
        }
        System.err.printf("backlog of %d events produced in %.1f s%n", backlog, (System.nanoTime() - t0) / 1e9);
        Map<String, List<WindowRun.Figures>> warm = new LinkedHashMap<>();
        Map<String, List<WindowRun.Figures>> cold = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (String side : List.of("local[2]", "cluster")) {
                String master = side.equals("cluster") ? cluster.masterUrl() : side;
                String name = (side.equals("cluster") ? "cluster" : "local") + "-" + round;
                List<WindowRun.Figures> runs;
                try {
                    runs = WindowRun.run(kernels, home, bootstrap, master, topic, perBatch, name);
                } catch (Exception e) {
                    // A kernel that does not start on a loaded machine costs the round, not the whole benchmark.
                    System.err.println("Round " + round + " on " + side + " failed (" + e + "); trying it once more");
                    runs = WindowRun.run(kernels, home, bootstrap, master, topic, perBatch, name + "-retry");
                }
                for (int run = 0; run < runs.size(); run++) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("query_round", round);
                    line.put("side", side);
                    line.put("run", run == 0 ? "cold (first query of the kernel)" : "warm");
                    line.putAll(runs.get(run).summary());
                    print(line);
                }
                cold.computeIfAbsent(side, s -> new ArrayList<>()).add(runs.get(0));
                warm.computeIfAbsent(side, s -> new ArrayList<>()).add(runs.get(runs.size() - 1));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "notebook 2's windowed query: local[2] vs the 2-worker cluster (warm runs, medians)");
        out.put("backlog_events", backlog);
        out.put("max_events_per_batch", perBatch);
        for (String side : warm.keySet()) {
            out.put(side + "_eps", Math.round(median(warm.get(side), WindowRun.Figures::eps)));
            out.put(side + "_batch_ms_p50", Math.round(median(warm.get(side), f -> f.batchMs(0.5))));
            out.put(side + "_batch_ms_p95", Math.round(median(warm.get(side), f -> f.batchMs(0.95))));
            out.put(side + "_cold_start_to_first_batch_ms", Math.round(median(cold.get(side), f -> (double) f.firstBatchMs())));
            out.put(side + "_warm_start_to_first_batch_ms", Math.round(median(warm.get(side), f -> (double) f.firstBatchMs())));
        }
        out.put("ratio_cluster_vs_local_eps", round3(median(warm.get("cluster"), WindowRun.Figures::eps)
                / median(warm.get("local[2]"), WindowRun.Figures::eps)));
        print(out);
    }

    private static double median(List<WindowRun.Figures> runs, java.util.function.ToDoubleFunction<WindowRun.Figures> f) {
        return ProducerBench.median(runs.stream().map(f::applyAsDouble).toList());
    }

    private static double round3(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    private static void print(Map<String, Object> m) throws Exception {
        System.out.println(WindowRun.json(m));
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
