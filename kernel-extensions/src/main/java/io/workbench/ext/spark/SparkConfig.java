package io.workbench.ext.spark;

import io.workbench.config.ConfigKey;
import io.workbench.config.Settings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a notebook's SparkSession is built. Defaults suit a laptop: local[*], UI off, everything bound to
 * 127.0.0.1, few shuffle partitions, UTC. Any {@code spark.*} entry of the config file, any
 * {@code -Dworkbench.spark.*} property and {@code WORKBENCH_SPARK_CONF} ("k=v;k=v") override them.
 */
public record SparkConfig(boolean enabled, boolean warmup, String master, Map<String, String> conf) {

    public static final ConfigKey<Boolean> ENABLED = ConfigKey.bool("kernel.spark", true,
            "Start a SparkSession named spark in every kernel.");
    public static final ConfigKey<Boolean> WARMUP = ConfigKey.bool("kernel.spark-warmup", true,
            "Warm Spark's first query up in the background once Spark has started (on a cluster: plan only, no job); a cell never waits for it.");
    public static final ConfigKey<String> MASTER = ConfigKey.string("spark.master", "local[*]",
            "Spark master: local[*], local[N] or spark://host:port (a cluster: see docs/cluster.md).");
    public static final ConfigKey<String> EXTRA = ConfigKey.string("spark.conf", "",
            "Extra Spark settings, k=v pairs separated by semicolons.");
    public static final ConfigKey<String> UI = ConfigKey.string("spark.ui.enabled", "false",
            "Spark's web UI: off on a local master unless asked for, on for a cluster (the notebook page links to it).");

    public static final List<ConfigKey<?>> KEYS = List.of(ENABLED, WARMUP, MASTER, EXTRA, UI);

    public static SparkConfig from(Settings settings) {
        String master = settings.get(MASTER);
        Map<String, String> conf = new LinkedHashMap<>(defaults(settings.home()));
        if (onCluster(master)) {
            conf.putAll(CLUSTER_DEFAULTS);
        }
        conf.putAll(settings.withPrefix("spark."));
        conf.remove(EXTRA.name());
        // On a cluster the page links to the application's UI (bound to spark.driver.bindAddress), so it is on there.
        conf.put("spark.ui.enabled", settings.isSet(UI) || !onCluster(master) ? settings.get(UI) : "true");
        for (String pair : settings.get(EXTRA).split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                conf.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            } else if (!pair.isBlank()) {
                throw new io.workbench.config.ConfigException("Invalid entry '" + pair + "' in "
                        + EXTRA.envName() + ": expected key=value pairs separated by semicolons.");
            }
        }
        conf.put("spark.master", master);
        return new SparkConfig(settings.get(ENABLED), settings.get(WARMUP), master, Map.copyOf(conf));
    }

    /**
     * What a kernel or job asks of a cluster unless configured otherwise (docs/cluster.md): a bounded share (at most
     * 2 cores, one per executor, 1 GiB each) granted on demand by dynamic allocation, so that a warm or idle kernel
     * holds no executors and an idle notebook gives its executors back after a minute (two when they keep shuffle
     * files). Shuffle tracking stands in for an external shuffle service, which the workbench does not run.
     */
    public static final Map<String, String> CLUSTER_DEFAULTS = Map.of(
            "spark.cores.max", "2",
            "spark.executor.cores", "1",
            "spark.executor.memory", "1g",
            "spark.dynamicAllocation.enabled", "true",
            "spark.dynamicAllocation.shuffleTracking.enabled", "true",
            "spark.dynamicAllocation.minExecutors", "0",
            "spark.dynamicAllocation.initialExecutors", "0",
            "spark.dynamicAllocation.maxExecutors", "2",
            "spark.dynamicAllocation.executorIdleTimeout", "60s",
            "spark.dynamicAllocation.shuffleTracking.timeout", "120s");

    /** Whether executors run in other JVMs: any master but {@code local} and {@code local[...]}. */
    public boolean onCluster() {
        return onCluster(master);
    }

    static boolean onCluster(String master) {
        return !(master.equals("local") || master.startsWith("local["));
    }

    static Map<String, String> defaults(Path home) {
        int cores = Runtime.getRuntime().availableProcessors();
        Map<String, String> d = new LinkedHashMap<>();
        d.put("spark.app.name", "workbench-notebook");
        d.put("spark.ui.showConsoleProgress", "false");
        d.put("spark.driver.host", "127.0.0.1");
        d.put("spark.driver.bindAddress", "127.0.0.1");
        d.put("spark.sql.shuffle.partitions", String.valueOf(Math.max(4, cores)));
        d.put("spark.sql.session.timeZone", "UTC");
        d.put("spark.sql.streaming.forceDeleteTempCheckpointLocation", "true");
        // An idle query reports progress every second instead of every 10: live views and the panel show it is
        // alive, and streams.awaitProcessed answers within a second for a query that has caught up.
        d.put("spark.sql.streaming.noDataProgressEventInterval", "1000");
        d.put("spark.sql.warehouse.dir", home.resolve("data/spark-warehouse").toString());
        // Spark's status store keeps finished jobs, stages, tasks and SQL executions (each with its plan) in the
        // heap even with the UI off; its defaults (1000 of each, 100,000 tasks per stage) let a long streaming
        // session hold tens of MB. The progress line of a cell needs only that cell's jobs.
        d.put("spark.ui.retainedJobs", "200");
        d.put("spark.ui.retainedStages", "200");
        d.put("spark.ui.retainedTasks", "10000");
        d.put("spark.sql.ui.retainedExecutions", "50");
        return d;
    }
}
