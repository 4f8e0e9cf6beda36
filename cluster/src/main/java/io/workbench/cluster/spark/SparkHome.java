package io.workbench.cluster.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A SPARK_HOME built from the Maven jars: {@code jars/} holds a symlink to every jar of the Spark runtime the build
 * wrote down (Spark SQL, its Kafka source, Avro, Kafka clients, ...). Workers build their
 * executors' class path from it, so executors load Kafka and Avro classes. The workbench's own jars are not in it:
 * an application ships its own code ({@code spark.jars}), so a running cluster never serves stale workbench classes.
 */
public final class SparkHome {
    /** Spark's launcher looks for {@code jars/} in a Scala-versioned build tree unless this is set. */
    public static final String SCALA_VERSION = "2.12";

    private SparkHome() {
    }

    /**
     * Makes {@code home/jars} anew (links only; the jars stay where Maven keeps them) and returns {@code home}.
     *
     * @throws IOException when the class path resource is missing (the module was not built) or a link fails
     */
    public static Path prepare(Path home) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        try (Stream<Path> old = Files.list(jars)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        Set<String> names = new HashSet<>();
        for (Path jar : runtimeJars()) {
            String name = jar.getFileName().toString();
            if (!names.add(name)) {
                name = jar.getParent().getParent().getFileName() + "-" + name; // same file name, another group
                names.add(name);
            }
            Files.createSymbolicLink(jars.resolve(name), jar);
        }
        return home;
    }

    /** The jars of the Spark runtime, as the build resolved them (the two halves the build writes). */
    static List<Path> runtimeJars() throws IOException {
        List<Path> jars = new ArrayList<>();
        for (String file : List.of("spark-provided.classpath", "spark-shared.classpath")) {
            try (InputStream in = SparkHome.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IOException(file + " is missing from the build of the cluster module; run ./workbench"
                            + " build.");
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                Stream.of(text.split(java.io.File.pathSeparator)).filter(s -> s.endsWith(".jar")).map(Path::of)
                        .forEach(jars::add);
            }
        }
        return jars;
    }
}
