package io.workbench.ext.query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.catalyst.analysis.UnsupportedOperationChecker;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GetStructField;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.aggregate.AggregateExpression;
import org.apache.spark.sql.catalyst.plans.logical.Aggregate;
import org.apache.spark.sql.catalyst.plans.logical.Deduplicate;
import org.apache.spark.sql.catalyst.plans.logical.DeduplicateWithinWatermark;
import org.apache.spark.sql.catalyst.plans.logical.Distinct;
import org.apache.spark.sql.catalyst.plans.logical.FlatMapGroupsWithState;
import org.apache.spark.sql.catalyst.plans.logical.GlobalLimit;
import org.apache.spark.sql.catalyst.plans.logical.Join;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.streaming.StreamingRelationV2;
import org.apache.spark.sql.execution.streaming.StreamingRelation;
import org.apache.spark.sql.streaming.OutputMode;
import scala.collection.JavaConverters;

/**
 * What the workbench needs to know of a streaming query before it starts, read from Spark's analyzed logical
 * plan: its sources, its stateful operators (what its checkpoint's state means), which result columns identify a
 * row when it runs in update mode, and which output modes Spark accepts for it.
 *
 * <p>Immutable; building one analyzes the Dataset (no Spark job runs, no source is contacted).
 */
public final class QueryPlan {
    private final LogicalPlan plan;
    private final List<String> columns;
    private final List<String> sources;
    private final List<KafkaSubscription> kafkaSubscriptions = new ArrayList<>();
    private final List<String> statefulOperators;
    private final boolean streamingAggregation;
    private final int[] resultKey;

    private QueryPlan(LogicalPlan plan, List<String> columns) {
        this.plan = plan;
        this.columns = columns;
        this.sources = new ArrayList<>();
        this.statefulOperators = new ArrayList<>();
        collect(plan);
        this.streamingAggregation = topAggregate(plan) != null;
        this.resultKey = ResultKeys.trace(plan);
    }

    /**
     * Analyzes a streaming Dataset.
     *
     * @throws IllegalArgumentException if {@code ds} is a batch Dataset
     */
    public static QueryPlan of(Dataset<?> ds) {
        if (!ds.isStreaming()) {
            throw new IllegalArgumentException("not a streaming Dataset");
        }
        return new QueryPlan(ds.queryExecution().analyzed(), List.of(ds.columns()));
    }

    /**
     * Reads an analyzed streaming plan, such as a running query's ({@code StreamExecution.analyzedPlan()}): for a
     * query that has already started, when there is no Dataset at hand.
     *
     * @throws IllegalArgumentException if {@code analyzed} is not a streaming plan
     */
    public static QueryPlan of(LogicalPlan analyzed) {
        if (!analyzed.isStreaming()) {
            throw new IllegalArgumentException("not a streaming plan");
        }
        return new QueryPlan(analyzed, list(analyzed.output()).stream().map(Attribute::name).toList());
    }

    /** The analyzed plan this was read from. */
    public LogicalPlan logicalPlan() {
        return plan;
    }

    /** The result's column names, in order. */
    public List<String> columns() {
        return columns;
    }

    /**
     * Each streaming source, as {@code format[option=value,…]} with the options that choose what it reads (Kafka's
     * {@code subscribe}, {@code subscribePattern} or {@code assign}, a file source's {@code path}); in plan order.
     */
    public List<String> sources() {
        return List.copyOf(sources);
    }

    /**
     * A Kafka source that reads topics by name ({@code subscribe}): the cluster it reads ({@code
     * kafka.bootstrap.servers}, as given) and the topics, in the option's order.
     */
    public record KafkaSubscription(String bootstrapServers, List<String> topics) {
    }

    /** Each Kafka source that subscribes to topics by name, in plan order; sources by pattern or assignment are left out. */
    public List<KafkaSubscription> kafkaSubscriptions() {
        return List.copyOf(kafkaSubscriptions);
    }

    /**
     * Each stateful operator, bottom-up, described by what its state holds: the operator, its key (names, types
     * and, for computed keys such as windows, a digest of how they are computed) and, for aggregations, the
     * aggregate functions. Two plans whose lists are equal can share a checkpoint's state.
     */
    public List<String> statefulOperators() {
        return List.copyOf(statefulOperators);
    }

    /**
     * Whether the result comes from a streaming aggregation: an Aggregate over a stream reached from the top of the
     * plan through single-input operators (projections, filters, a sort).
     */
    public boolean isStreamingAggregation() {
        return streamingAggregation;
    }

    /**
     * The result columns whose values identify a row of an aggregation run in update mode: every grouping key of
     * the top aggregation, traced through the projections above it (renamed, or a time window's start or end).
     * Empty when the rows cannot be keyed that way: no aggregation at the top, a filter or sort above it, a
     * grouping key dropped or transformed, or a session window (whose sessions merge).
     */
    public Optional<int[]> resultKey() {
        return Optional.ofNullable(resultKey == null ? null : resultKey.clone());
    }

    /**
     * Why Spark would refuse to run this query in {@code mode}, in Spark's own words (its unsupported-operation
     * rules, as {@code DataStreamWriter.start} applies them), or empty if it accepts it.
     */
    public Optional<String> refusal(OutputMode mode) {
        try {
            UnsupportedOperationChecker.checkForStreaming(plan, mode);
            return Optional.empty();
        } catch (Exception e) {
            // Scala throws AnalysisException, a checked exception that javac cannot see declared.
            if (e instanceof AnalysisException a) {
                return Optional.of(a.getSimpleMessage());
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    private void collect(LogicalPlan root) {
        // Post-order, so operators are listed bottom-up and sources in the order Spark numbers them.
        Deque<LogicalPlan> stack = new ArrayDeque<>();
        Deque<LogicalPlan> out = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            LogicalPlan p = stack.pop();
            out.push(p);
            for (LogicalPlan c : children(p)) {
                stack.push(c);
            }
        }
        for (LogicalPlan p : out) {
            describeSource(p);
            describeStateful(p);
        }
    }

    private void describeSource(LogicalPlan p) {
        if (p instanceof StreamingRelationV2 r) {
            sources.add(source(r.sourceName(), r.extraOptions()));
            kafkaSubscription(r.sourceName(), r.extraOptions());
        } else if (p instanceof StreamingRelation r) {
            Map<String, String> options = JavaConverters.mapAsJavaMap(r.dataSource().options());
            sources.add(source(r.sourceName(), options));
            kafkaSubscription(r.sourceName(), options);
        } else if (children(p).isEmpty() && p.isStreaming()) {
            sources.add(p.nodeName());
        }
    }

    private void kafkaSubscription(String format, Map<String, String> options) {
        if (!"kafka".equalsIgnoreCase(format)) {
            return;
        }
        Map<String, String> lower = new TreeMap<>();
        options.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        String subscribe = lower.get("subscribe");
        if (subscribe != null) {
            kafkaSubscriptions.add(new KafkaSubscription(lower.get("kafka.bootstrap.servers"),
                    java.util.Arrays.stream(subscribe.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList()));
        }
    }

    private static String source(String format, Map<String, String> options) {
        Map<String, String> chosen = new TreeMap<>();
        options.forEach((k, v) -> {
            String key = k.toLowerCase(java.util.Locale.ROOT);
            if (key.equals("subscribe") || key.equals("subscribepattern") || key.equals("assign") || key.equals("path")) {
                chosen.put(key, v);
            }
        });
        return chosen.isEmpty() ? format : format + chosen;
    }

    private void describeStateful(LogicalPlan p) {
        if (!p.isStreaming()) {
            return;
        }
        if (p instanceof Aggregate a) {
            List<String> aggs = new ArrayList<>();
            for (NamedExpression e : list(a.aggregateExpressions())) {
                aggregates((Expression) e, aggs);
            }
            statefulOperators.add("aggregate by " + keys(list(a.groupingExpressions()), a.child()) + " computing " + aggs);
        } else if (p instanceof Deduplicate d) {
            statefulOperators.add("dropDuplicates by " + keys(new ArrayList<>(list(d.keys())), d.child()));
        } else if (p instanceof DeduplicateWithinWatermark d) {
            statefulOperators.add("dropDuplicatesWithinWatermark by " + keys(new ArrayList<>(list(d.keys())), d.child()));
        } else if (p instanceof Distinct d) {
            statefulOperators.add("distinct by " + keys(new ArrayList<>(list(d.output())), d.child()));
        } else if (p instanceof FlatMapGroupsWithState f) {
            String kind = f.isMapGroupsWithState() ? "mapGroupsWithState" : "flatMapGroupsWithState";
            statefulOperators.add(kind + " by " + keys(new ArrayList<>(list(f.groupingAttributes())), f.child())
                    + " with state " + f.stateEncoder().schema().simpleString() + " and timeout " + f.timeout());
        } else if (p instanceof Join j && j.left().isStreaming() && j.right().isStreaming()) {
            statefulOperators.add("stream-stream " + j.joinType().sql() + " join on "
                    + (j.condition().isDefined() ? digest(j.condition().get().sql()) : "true"));
        } else if (p instanceof GlobalLimit l) {
            statefulOperators.add("limit " + l.limitExpr().sql());
        }
    }

    private static void aggregates(Expression e, List<String> out) {
        if (e instanceof AggregateExpression a) {
            out.add(a.sql());
            return;
        }
        for (Expression c : list(e.children())) {
            aggregates(c, out);
        }
    }

    /**
     * Keys as {@code name: type}, with a digest of the expression that computes a key below (a window's bounds
     * depend on its duration and slide, which its name and type do not show).
     */
    private static List<String> keys(List<? extends Expression> keys, LogicalPlan child) {
        Map<Long, String> definitions = new LinkedHashMap<>();
        definitions(child, definitions);
        List<String> out = new ArrayList<>();
        for (Expression k : keys) {
            String name = k instanceof NamedExpression n ? n.name() : k.sql();
            String text = name + ": " + k.dataType().simpleString();
            if (k instanceof Attribute a && definitions.containsKey(a.exprId().id())) {
                text += " = #" + digest(definitions.get(a.exprId().id()));
            } else if (!(k instanceof Attribute)) {
                text += " = #" + digest(k.sql());
            }
            out.add(text);
        }
        return out;
    }

    /**
     * The SQL of every computed column defined in {@code p}'s subtree, by expression id: aliases of anything but an
     * attribute or a field of one (a rename or a struct field picks a value out; it computes nothing new).
     */
    private static void definitions(LogicalPlan p, Map<Long, String> out) {
        if (p instanceof Project proj) {
            for (NamedExpression n : list(proj.projectList())) {
                if (n instanceof Alias a && !picksOut(a.child())) {
                    out.put(a.exprId().id(), a.child().sql());
                }
            }
        }
        for (LogicalPlan c : children(p)) {
            definitions(c, out);
        }
    }

    private static boolean picksOut(Expression e) {
        Expression x = e;
        while (x instanceof GetStructField f) {
            x = f.child();
        }
        return x instanceof Attribute;
    }

    static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The streaming aggregation under the top of the plan's single-input operators, or null. */
    static Aggregate topAggregate(LogicalPlan plan) {
        LogicalPlan p = plan;
        while (true) {
            if (p instanceof Aggregate a) {
                return a.child().isStreaming() ? a : null;
            }
            List<LogicalPlan> c = children(p);
            if (c.size() != 1) {
                return null;
            }
            p = c.get(0);
        }
    }

    static List<LogicalPlan> children(LogicalPlan p) {
        return JavaConverters.seqAsJavaList(p.children());
    }

    static <T> List<T> list(scala.collection.Seq<T> seq) {
        return JavaConverters.seqAsJavaList(seq);
    }
}
