package io.workbench.ext.streaming;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.plans.logical.Aggregate;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import scala.collection.JavaConverters;

/**
 * {@code display(streamingDataset)}: starts the query behind a live view. Aggregations run in update mode and
 * their rows are kept by their grouping columns; other streams run in append mode. Each query checkpoints under
 * the notebook's directory, named after its cell and its plan, so running the same cell again resumes it.
 */
public final class LiveQueries {
    static final long TRIGGER_MS = 1000;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LiveQueries.class);

    private final StreamRegistry registry;

    public LiveQueries(StreamRegistry registry) {
        this.registry = registry;
    }

    /** Starts {@code ds} with a live view below the running cell; {@code name} may be null. */
    public LiveHandle display(Dataset<?> ds, String name) {
        if (!ds.isStreaming()) {
            throw new IllegalArgumentException("not a streaming Dataset");
        }
        if (registry.spark() == null) {
            throw new IllegalStateException("Spark has not started, so there are no streaming queries yet.");
        }
        Dataset<Row> df = ds.toDF();
        LogicalPlan plan = df.queryExecution().analyzed();
        Aggregate agg = topAggregate(plan);
        Set<String> keys = new HashSet<>();
        if (agg != null) {
            for (Expression e : JavaConverters.seqAsJavaList(agg.groupingExpressions())) {
                if (e instanceof NamedExpression n) {
                    keys.add(n.name());
                }
            }
            keys.retainAll(List.of(df.columns()));
        }
        String queryName = name != null ? name
                : "live_" + registry.current().cellId().replaceAll("[^A-Za-z0-9]", "").toLowerCase()
                + "_" + Integer.toHexString(plan.semanticHash());
        LiveTable table = new LiveTable(df.schema(), keys, false);
        String mode = agg != null ? "update" : "append";
        Path checkpoint = registry.checkpoint(queryName);
        Supplier<StreamingQuery> start = () -> start(df, queryName, mode, table, checkpoint);
        StreamingQuery q = start.get();
        QueryEntry entry = registry.entry(q.id());
        if (entry == null) {
            throw new IllegalStateException("query " + queryName + " started but was not registered");
        }
        entry.restart = start;
        LiveView view = new LiveView(registry, entry, table);
        entry.views.add(view);
        view.show();
        return new LiveHandle(view.displayId(), q);
    }

    /**
     * {@code display(query)} of a query started with {@code writeStream()...start()}: its live status line, with
     * its newest rows when it writes to the memory sink. Turns the status line its cell already shows into that
     * view instead of adding a second one.
     */
    public LiveHandle display(StreamingQuery q) {
        QueryEntry entry = registry.entry(q.id());
        if (entry == null) {
            throw new IllegalArgumentException("Query " + q.name() + " is not running in this kernel's Spark session.");
        }
        LiveView view = entry.views.stream().filter(v -> !v.hasTable()).findFirst().orElse(null);
        boolean shown = view != null;
        if (view == null) {
            view = new LiveView(registry, entry, null);
            entry.views.add(view);
        }
        if (q.name() != null && writesToMemory(q)) {
            Dataset<Row> sinkTable = registry.spark().table(q.name());
            LiveTable rows = new LiveTable(sinkTable.schema(), Set.of(), true);
            view.showRows(rows, () -> rows.merge(java.util.Arrays.asList((Row[]) sinkTable.tail(LiveTable.SHOWN_ROWS))));
        }
        if (!shown) {
            view.show();
        }
        view.refresh(true);
        return new LiveHandle(view.displayId(), q);
    }

    private static boolean writesToMemory(StreamingQuery q) {
        return q instanceof org.apache.spark.sql.execution.streaming.StreamingQueryWrapper w
                && w.streamingQuery().sink() instanceof org.apache.spark.sql.execution.streaming.sources.MemorySink;
    }

    private StreamingQuery start(Dataset<Row> df, String name, String mode, LiveTable table, Path checkpoint) {
        registry.expectLive(name);
        Path snapshot = checkpoint.resolveSibling(name + ".view.json");
        restore(table, checkpoint, snapshot);
        VoidFunction2<Dataset<Row>, Long> collect = (batch, id) -> {
            table.merge((table.keyed() ? batch : batch.limit(LiveTable.SHOWN_ROWS)).limit(LiveTable.MAX_KEYED_ROWS).collectAsList());
            table.save(snapshot);
        };
        DataStreamWriter<Row> w = df.writeStream().queryName(name).outputMode(mode)
                .option("checkpointLocation", checkpoint.toString())
                .trigger(Trigger.ProcessingTime(TRIGGER_MS))
                .foreachBatch(collect);
        try {
            return w.start();
        } catch (java.util.concurrent.TimeoutException e) {
            registry.forgetLive(name);
            throw new IllegalStateException("query " + name + " did not start: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            registry.forgetLive(name);
            throw e;
        }
    }

    /**
     * Brings back the rows of the query's earlier runs when it resumes from its checkpoint; without a checkpoint
     * (a new query, or one whose checkpoint was deleted) an old snapshot would show rows the query never made.
     */
    private static void restore(LiveTable table, Path checkpoint, Path snapshot) {
        try {
            if (!Files.isDirectory(checkpoint.resolve("commits"))) {
                Files.deleteIfExists(snapshot);
            } else if (table.updates() == 0 && !table.load(snapshot)) {
                LOG.info("no live view snapshot at {}; the view starts empty", snapshot);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not restore the live view of {} from {}: {}", checkpoint.getFileName(), snapshot, e.toString());
        }
    }

    /** The aggregation nearest the top of the plan, or null. */
    static Aggregate topAggregate(LogicalPlan plan) {
        java.util.ArrayDeque<LogicalPlan> queue = new java.util.ArrayDeque<>();
        queue.add(plan);
        while (!queue.isEmpty()) {
            LogicalPlan p = queue.poll();
            if (p instanceof Aggregate a) {
                return a;
            }
            queue.addAll(JavaConverters.seqAsJavaList(p.children()));
        }
        return null;
    }
}
