package io.workbench.ext.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The jars a cluster's executors need to run what the notebook runtime gives cells and jobs, beyond a stock Spark
 * distribution: the Kafka source and its Kafka client, Avro for Spark, and our runtime, events and config classes
 * (Avro decoding of events runs in tasks). Each is found where this JVM loaded a marker class from; a class
 * directory (a development build) is packed into a jar first, since Spark ships only files.
 *
 * <p>Spark's {@code spark.jars} then serves them from the driver to every executor. Thread-safe (stateless).
 */
public final class ExecutorJars {
    /** One class from each library executors need, as Spark and Kafka name them. */
    static final List<String> MARKERS = List.of(
            "org.apache.spark.sql.kafka010.KafkaSourceProvider",   // spark-sql-kafka-0-10
            "org.apache.spark.kafka010.KafkaTokenUtil",            // spark-token-provider-kafka-0-10
            "org.apache.kafka.clients.consumer.KafkaConsumer",     // kafka-clients
            "org.apache.commons.pool2.ObjectPool",                 // commons-pool2, the Kafka source's consumer pool
            "org.apache.spark.sql.avro.AvroFileFormat",            // spark-avro
            "io.workbench.ext.Notebook",                           // the notebook runtime
            "io.workbench.events.EventSchemas",                    // the events' Avro schemas and decoding
            "io.workbench.config.Settings");                       // configuration the runtime reads

    private ExecutorJars() {
    }

    /**
     * The files for {@code spark.jars}: the runtime's jars and those of {@code more} classes, each once, in order.
     *
     * @param packDir where class directories are packed into jars (created if missing)
     * @throws IllegalStateException if a marker class is missing or its location cannot be read
     */
    public static List<Path> forRuntime(List<Class<?>> more, Path packDir) {
        Set<Path> jars = new LinkedHashSet<>();
        ClassLoader loader = ExecutorJars.class.getClassLoader();
        for (String marker : MARKERS) {
            try {
                jars.add(location(Class.forName(marker, false, loader), packDir));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("The notebook runtime needs " + marker + " on its class path to run on a cluster", e);
            }
        }
        for (Class<?> c : more) {
            jars.add(location(c, packDir));
        }
        return List.copyOf(jars);
    }

    private static Path location(Class<?> c, Path packDir) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("Cannot tell which jar " + c.getName() + " comes from, to ship it to executors");
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            return Files.isDirectory(path) ? pack(path, packDir) : path;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Bad class path entry for " + c.getName() + ": " + source.getLocation(), e);
        }
    }

    /**
     * Packs a class directory into a jar in {@code packDir}, replacing an older pack of the same directory. The jar's
     * name is the directory's last three path elements and a hash of its whole path, for example
     * {@code job-runtime-target-classes-1f2e3d4c.jar}: a job's classes and the job runtime's are both
     * {@code target/classes}, and Spark serves executors one file per name, so two packs under one name would leave
     * executors with one directory's classes only (which failed every task of a supervised job on a cluster with
     * {@code ClassCastException: SerializedLambda}, its capturing class missing).
     */
    static Path pack(Path dir, Path packDir) {
        Path abs = dir.toAbsolutePath().normalize();
        StringBuilder name = new StringBuilder();
        for (int i = Math.max(0, abs.getNameCount() - 3); i < abs.getNameCount(); i++) {
            name.append(abs.getName(i)).append('-');
        }
        name.append(String.format("%08x", abs.toString().hashCode())).append(".jar");
        Path jar = packDir.resolve(name.toString().replaceAll("[^A-Za-z0-9._-]", "_"));
        try {
            Files.createDirectories(packDir);
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
                 Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    zip.putNextEntry(new JarEntry(dir.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, zip);
                    zip.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot pack " + dir + " into " + jar + " for the executors", e);
        }
    }
}
