package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.protocol.client.Execution;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Code written in cells, run by Spark on {@code local[2]} and on a two-worker standalone cluster in the same test:
 * every construct a cell can hand Spark (a lambda, an anonymous class, a cell method, a bean class, a UDF, a
 * mapGroups function, a FlatMapGroupsWithStateFunction class, classes and methods redefined by a later cell), each
 * without and with a cell variable read inside the function. The results must equal the ones computed here in plain
 * Java; on the cluster (the project's {@link io.workbench.testkit.SharedCluster}, or the one that
 * {@code -Dworkbench.test.spark-master} names), a function that reads a cell variable must be refused before it
 * runs, naming the variable and its cell. Never a different answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterClosuresIT {
    private static final long K = 7;
    private static final double RATE = 1.5;

    private StreamingKernel local;
    private StreamingKernel cluster;

    /** A construct: the cell that defines what it needs, the cell that computes, and the value plain Java gives. */
    private record Case(String name, String define, String compute, long expected, boolean readsCellVariable) {
    }

    private static long sum(LongUnaryOperator f) {
        return LongStream.range(0, 1000).map(f).sum();
    }

    private static List<Case> cases() {
        long groups = LongStream.range(0, 10).map(key -> key * 100).sum(); // 100 values per key x % 10
        return List.of(
                new Case("lambda", "", "nums.map((MapFunction<Long, Long>) x -> x * 3, Encoders.LONG()).reduce((ReduceFunction<Long>) Long::sum)",
                        sum(x -> x * 3), false),
                new Case("lambda-var", "", "nums.map((MapFunction<Long, Long>) x -> x * k, Encoders.LONG()).reduce((ReduceFunction<Long>) Long::sum)",
                        sum(x -> x * K), true),
                new Case("anonymous", "", "nums.map(new MapFunction<Long, Long>() { public Long call(Long x) { return x + 1; } }, Encoders.LONG())"
                        + ".reduce((ReduceFunction<Long>) Long::sum)", sum(x -> x + 1), false),
                new Case("anonymous-var", "", "nums.map(new MapFunction<Long, Long>() { public Long call(Long x) { return x + k; } }, Encoders.LONG())"
                        + ".reduce((ReduceFunction<Long>) Long::sum)", sum(x -> x + K), true),
                new Case("method", "long triple(long x) { return 3 * x; }",
                        "nums.map((MapFunction<Long, Long>) x -> triple(x), Encoders.LONG()).reduce((ReduceFunction<Long>) Long::sum)",
                        sum(x -> 3 * x), false),
                new Case("method-var", "long scaled(long x) { return x * k; }",
                        "nums.map((MapFunction<Long, Long>) x -> scaled(x), Encoders.LONG()).reduce((ReduceFunction<Long>) Long::sum)",
                        sum(x -> x * K), true),
                new Case("bean", BEAN, "nums.map((MapFunction<Long, Sale>) x -> new Sale(x, x * 2), Encoders.bean(Sale.class))"
                        + ".map((MapFunction<Sale, Long>) s -> s.getId() + s.getCents(), Encoders.LONG()).reduce((ReduceFunction<Long>) Long::sum)",
                        sum(x -> x + x * 2), false),
                new Case("bean-var", BEAN, "nums.map((MapFunction<Long, Sale>) x -> new Sale(x, Math.round(x * rate)), Encoders.bean(Sale.class))"
                        + ".map((MapFunction<Sale, Long>) s -> s.getCents(), Encoders.LONG()).reduce((ReduceFunction<Long>) Long::sum)",
                        sum(x -> Math.round(x * RATE)), true),
                new Case("udf", "spark.udf().register(\"plusOne\", (UDF1<Long, Long>) x -> x + 1, DataTypes.LongType);",
                        "spark.sql(\"SELECT sum(plusOne(id)) FROM range(0, 1000, 1, 4)\").first().getLong(0)", sum(x -> x + 1), false),
                new Case("udf-var", "", "spark.udf().register(\"plusK\", (UDF1<Long, Long>) x -> x + k, DataTypes.LongType);\n"
                        + "spark.sql(\"SELECT sum(plusK(id)) FROM range(0, 1000, 1, 4)\").first().getLong(0)", sum(x -> x + K), true),
                new Case("mapGroups", "", "nums.groupByKey((MapFunction<Long, Long>) x -> x % 10, Encoders.LONG())"
                        + ".mapGroups((MapGroupsFunction<Long, Long, Long>) (key, it) -> { long c = 0; while (it.hasNext()) { it.next(); c++; } return key * c; }, Encoders.LONG())"
                        + ".reduce((ReduceFunction<Long>) Long::sum)", groups, false),
                new Case("mapGroups-var", "", "nums.groupByKey((MapFunction<Long, Long>) x -> x % 10, Encoders.LONG())"
                        + ".mapGroups((MapGroupsFunction<Long, Long, Long>) (key, it) -> { long c = 0; while (it.hasNext()) { it.next(); c++; } return key * c * k; }, Encoders.LONG())"
                        + ".reduce((ReduceFunction<Long>) Long::sum)", groups * K, true),
                new Case("groupState", STATE.replace("FACTOR", "1"), GROUP_STATE, groups, false),
                new Case("groupState-var", STATE.replace("FACTOR", "k"), GROUP_STATE, groups * K, true));
    }

    private static final String BEAN = """
            public static class Sale implements java.io.Serializable {
                private long id;
                private long cents;
                public Sale() { }
                public Sale(long id, long cents) { this.id = id; this.cents = cents; }
                public long getId() { return id; }
                public void setId(long id) { this.id = id; }
                public long getCents() { return cents; }
                public void setCents(long cents) { this.cents = cents; }
            }""";

    private static final String STATE = """
            class Counting implements FlatMapGroupsWithStateFunction<Long, Long, Long, Long> {
                public Iterator<Long> call(Long key, Iterator<Long> values, GroupState<Long> state) {
                    long c = state.exists() ? state.get() : 0;
                    while (values.hasNext()) { values.next(); c++; }
                    state.update(c);
                    return List.of(key * c * FACTOR).iterator();
                }
            }""";

    private static final String GROUP_STATE = "nums.groupByKey((MapFunction<Long, Long>) x -> x % 10, Encoders.LONG())"
            + ".flatMapGroupsWithState(new Counting(), OutputMode.Append(), Encoders.LONG(), Encoders.LONG(), GroupStateTimeout.NoTimeout())"
            + ".reduce((ReduceFunction<Long>) Long::sum)";

    private static final String SETUP = """
            import org.apache.spark.api.java.function.*;
            import org.apache.spark.sql.api.java.UDF1;
            import org.apache.spark.sql.types.DataTypes;
            import org.apache.spark.sql.streaming.*;
            import java.util.Iterator;
            Dataset<Long> nums = spark.range(0, 1000, 1, 4).as(Encoders.LONG());
            """;

    @BeforeAll
    void start() throws Exception {
        // The project's own local cluster (two workers of one core each), or a cluster a developer names.
        String master = System.getProperty("workbench.test.spark-master");
        if (master == null || master.isBlank()) {
            master = io.workbench.testkit.SharedCluster.masterUrl();
        }
        local = new StreamingKernel(Map.of("WORKBENCH_SPARK_MASTER", "local[2]"));
        cluster = new StreamingKernel(Map.of("WORKBENCH_SPARK_MASTER", master));
        for (StreamingKernel kernel : List.of(local, cluster)) {
            kernel.cell("setup", SETUP);
            kernel.cell("vars", "long k = " + K + ";\ndouble rate = " + RATE + ";");
        }
    }

    @AfterAll
    void stop() {
        for (StreamingKernel kernel : new StreamingKernel[] {local, cluster}) {
            if (kernel != null) {
                kernel.close();
            }
        }
    }

    @Test
    void everyConstructGivesTheSameAnswerOrTheClusterRefusesIt() throws Exception {
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (Case c : cases()) {
            for (StreamingKernel kernel : List.of(local, cluster)) {
                boolean onCluster = kernel == cluster;
                if (!c.define().isEmpty()) {
                    kernel.cell("define-" + c.name(), c.define());
                }
                Execution e = kernel.run("compute-" + c.name(), c.compute());
                if (onCluster && c.readsCellVariable()) {
                    assertEquals("error", e.status(), c.name() + " must be refused on the cluster: " + e.iopub());
                    String error = e.reply().content().path("evalue").asText();
                    assertTrue(error.contains("This cell was not run") && error.contains("`" + variable(c) + "`")
                            && error.contains("declared in cell [2]") && error.contains(" = "), c.name() + ": " + error);
                    outcomes.put(c.name() + "@cluster", "refused");
                } else {
                    assertEquals("ok", e.status(), () -> c.name() + (onCluster ? " on the cluster" : " locally") + ": "
                            + e.iopub() + "\n" + kernel.kernel().logTail(40));
                    assertEquals(String.valueOf(c.expected()), e.resultText().trim(), c.name() + (onCluster ? " on the cluster" : " locally"));
                    outcomes.put(c.name() + (onCluster ? "@cluster" : "@local"), e.resultText().trim());
                }
            }
        }
        System.out.println("ClusterClosuresIT: " + outcomes);
        // Where the tasks ran: in the driver's JVM locally, on the workers' executors on the cluster.
        String executors = "nums.map((MapFunction<Long, String>) x -> org.apache.spark.SparkEnv.get().executorId(), Encoders.STRING())"
                + ".distinct().collectAsList().toString()";
        assertEquals("[driver]", local.cell("executors", executors).resultText().replace("\"", "").trim());
        String remote = cluster.cell("executors", executors).resultText().replace("\"", "").trim();
        assertTrue(remote.matches("\\[\\d+(, \\d+)*\\]"), "executor ids, not the driver: " + remote);
    }

    @Test
    void theNewestDefinitionOfAClassOrMethodIsWhatExecutorsRun() throws Exception {
        for (StreamingKernel kernel : List.of(local, cluster)) {
            String where = kernel == cluster ? " on the cluster" : " locally";
            kernel.cell("redefine-1", "long bump(long x) { return x + 1; }\n"
                    + "class Times implements MapFunction<Long, Long> { public Long call(Long x) { return x * 2; } }");
            String compute = "nums.map((MapFunction<Long, Long>) x -> bump(x), Encoders.LONG()).map(new Times(), Encoders.LONG())"
                    + ".reduce((ReduceFunction<Long>) Long::sum)";
            assertEquals(String.valueOf(sum(x -> (x + 1) * 2)), kernel.cell("redefine-run", compute).resultText().trim(), where);
            kernel.cell("redefine-2", "long bump(long x) { return x + 2; }\n"
                    + "class Times implements MapFunction<Long, Long> { public Long call(Long x) { return x * 5; } }");
            assertEquals(String.valueOf(sum(x -> (x + 2) * 5)), kernel.cell("redefine-run", compute).resultText().trim(),
                    "the redefined method and class" + where);
        }
    }

    @Test
    void theFixesTheErrorGivesWork() throws Exception {
        String block = "long[] out = new long[1];\n"
                + "{ long kLocal = k; out[0] = nums.map((MapFunction<Long, Long>) x -> x * kLocal, Encoders.LONG())"
                + ".reduce((ReduceFunction<Long>) Long::sum); }\nout[0]";
        String method = "MapFunction<Long, Long> times(long k) { return x -> x * k; }\n"
                + "nums.map(times(k), Encoders.LONG()).reduce((ReduceFunction<Long>) Long::sum)";
        for (StreamingKernel kernel : List.of(local, cluster)) {
            assertEquals(String.valueOf(sum(x -> x * K)), kernel.cell("fix-block", block).resultText().trim(), "a block");
            assertEquals(String.valueOf(sum(x -> x * K)), kernel.cell("fix-method", method).resultText().trim(), "a method");
        }
    }

    private static String variable(Case c) {
        return c.compute().contains("rate") ? "rate" : "k";
    }
}
