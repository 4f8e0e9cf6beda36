package io.workbench.ext.runtime;

import java.util.List;

/**
 * The imports every notebook starts with. Where two on-demand imports share a simple name, a single-type
 * import below says which one a bare name means (single-type imports win in Java); ImportsTest checks that
 * no ambiguity is left.
 */
public final class Imports {
    public static final List<String> ON_DEMAND = List.of(
            "java.util", "java.util.function", "java.util.stream", "java.util.concurrent", "java.time",
            "org.apache.spark.sql", "org.apache.spark.sql.types", "org.apache.spark.sql.streaming",
            "org.apache.spark.api.java.function",
            "org.apache.kafka.clients.producer", "org.apache.kafka.clients.consumer", "org.apache.kafka.clients.admin",
            "org.apache.kafka.common.serialization",
            "io.workbench.ext.display", "io.workbench.events");

    public static final List<String> SINGLE_TYPE = List.of(
            "java.util.function.Function", "java.util.function.Consumer",
            // Spark's DoubleFunction serves JavaRDD.mapToDouble, whose package is not imported; the JDK's is
            // what DoubleStream.mapToObj takes.
            "java.util.function.DoubleFunction",
            "org.apache.kafka.common.TopicPartition",
            // The notebook's own API types; the runtime's internals are not imported.
            "io.workbench.ext.Streams", "io.workbench.ext.Producers", "io.workbench.ext.LiveHandle",
            "io.workbench.ext.query.QueryRefusedException");

    public static final List<String> STATIC = List.of("org.apache.spark.sql.functions", "io.workbench.ext.Notebook");

    private Imports() {
    }

    /** The import statements, one snippet each. */
    public static List<String> statements() {
        List<String> out = new java.util.ArrayList<>();
        ON_DEMAND.forEach(p -> out.add("import " + p + ".*;"));
        SINGLE_TYPE.forEach(t -> out.add("import " + t + ";"));
        STATIC.forEach(t -> out.add("import static " + t + ".*;"));
        return out;
    }
}
