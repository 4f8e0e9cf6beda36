package io.workbench.ext.cluster;

import io.workbench.ext.spark.SparkConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Spark settings that let a host's code run on a cluster's executors: {@code spark.jars} with the runtime's jars
 * (and a job's), added to any the user set, and {@code spark.repl.class.outputDir} for classes cells define, which
 * the driver then serves to executors through its RPC file server ({@code spark.repl.class.uri}), as Spark's own
 * shell does. On a local master the settings are returned as they are.
 */
public final class ClusterSpark {
    private ClusterSpark() {
    }

    /**
     * @param config  the session's settings
     * @param classes how the host's own classes reach executors
     * @return the settings to build the session with
     * @throws UnsupportedOperationException on a cluster when the host cannot ship its classes, with what to do
     */
    public static Map<String, String> conf(SparkConfig config, ExecutorClasses classes) {
        if (!config.onCluster()) {
            return config.conf();
        }
        if (classes.unsupported() != null) {
            throw new UnsupportedOperationException("Spark's master is " + config.master() + ", a cluster, but "
                    + classes.unsupported());
        }
        Map<String, String> conf = new LinkedHashMap<>(config.conf());
        Path packDir;
        try {
            packDir = Files.createTempDirectory("workbench-executor-jars-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for the executors' jars", e);
        }
        Set<String> jars = new LinkedHashSet<>();
        String userJars = conf.getOrDefault("spark.jars", "");
        for (String j : userJars.split(",")) {
            if (!j.isBlank()) {
                jars.add(j.trim());
            }
        }
        ExecutorJars.forRuntime(classes.jarsOf(), packDir).forEach(p -> jars.add(p.toString()));
        conf.put("spark.jars", jars.stream().collect(Collectors.joining(",")));
        if (classes.replClassDir() != null) {
            conf.put("spark.repl.class.outputDir", classes.replClassDir().toString());
        }
        return Map.copyOf(conf);
    }
}
