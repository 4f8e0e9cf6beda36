package io.workbench.ext.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.workbench.ext.LiveHandle;
import io.workbench.ext.query.CheckpointCheck;
import io.workbench.ext.query.CheckpointManifest;
import io.workbench.ext.query.QueryPlan;
import io.workbench.ext.query.QueryRegistry;
import io.workbench.ext.query.QuerySnapshot;
import io.workbench.ext.query.QueryRefusedException;
import io.workbench.ext.query.ResultMode;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * {@code display(streamingDataset)}: starts the query behind a live view. The output mode is chosen from what the
 * plan supports, by Spark's own rules ({@link ResultMode#choose}), unless the cell names one; an aggregation runs in
 * update mode only when its rows can be keyed by its real grouping key, else in complete mode. Each query
 * checkpoints under the notebook's directory, named after its cell and its plan unless the cell names it, so
 * running the same cell again resumes it; a checkpoint written by a different query is refused before Spark starts
 * ({@link CheckpointCheck}). A query that cannot start is still listed, as failed with its reason.
 */
public final class LiveQueries {
    static final long TRIGGER_MS = 1000;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LiveQueries.class);

    private final QueryRegistry registry;
    private final LiveViews views;
    private final Supplier<String> owner;

    /** @param owner who is running code now (a cell id): unnamed queries are named after it */
    public LiveQueries(QueryRegistry registry, LiveViews views, Supplier<String> owner) {
        this.registry = registry;
        this.views = views;
        this.owner = owner;
    }

    /**
     * Starts {@code ds} with a live view below the running cell.
     *
     * @param name    the query's name (and checkpoint directory), or null for one made from the cell and the plan
     * @param mode    the output mode, or null to choose it from the plan
     * @param trigger the trigger, or null for a micro-batch every second
     * @throws QueryRefusedException when no output mode (or not {@code mode}) can run the query, or its checkpoint
     *                               belongs to a different query; the query is then listed as failed
     */
    public LiveHandle display(Dataset<?> ds, String name, OutputMode mode, Trigger trigger) {
        if (!ds.isStreaming()) {
            throw new IllegalArgumentException("not a streaming Dataset");
        }
        if (registry.spark() == null) {
            throw new IllegalStateException("Spark has not started, so there are no streaming queries yet.");
        }
        Dataset<Row> df = ds.toDF();
        QueryPlan plan = QueryPlan.of(df);
        String queryName = name != null ? name
                : "live_" + owner.get().replaceAll("[^A-Za-z0-9]", "").toLowerCase()
                + "_" + Integer.toHexString(plan.logicalPlan().semanticHash());
        Path checkpoint = registry.checkpoints().dir(queryName);
        ResultMode result;
        try {
            result = ResultMode.choose(plan, mode);
        } catch (QueryRefusedException e) {
            registry.refused(queryName, e);
            throw e;
        }
        LiveTable table = new LiveTable(df.schema(), result.rows(), result.key());
        Trigger t = trigger != null ? trigger : Trigger.ProcessingTime(TRIGGER_MS);
        Supplier<StreamingQuery> start = () -> start(df, plan, queryName, result, t, table, checkpoint);
        StreamingQuery q;
        try {
            q = start.get();
        } catch (RuntimeException e) {
            registry.refused(queryName, e);
            throw e;
        }
        registry.restartableBy(q.id(), start);
        LiveView view = new LiveView(views, registry.snapshot(q.id().toString()), table, result);
        views.show(q.id(), view);
        return new LiveHandle(view.displayId(), q);
    }

    /**
     * {@code display(query)} of a query started with {@code writeStream()...start()}: its live status line, with
     * its newest rows when it writes to the memory sink. Turns the status line its cell already shows into that
     * view instead of adding a second one.
     */
    public LiveHandle display(StreamingQuery q) {
        QuerySnapshot snapshot;
        try {
            snapshot = registry.snapshot(q.id().toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Query " + q.name() + " is not running in this kernel's Spark session.");
        }
        LiveView view = views.of(q.id()).stream().filter(v -> !v.hasTable()).findFirst().orElse(null);
        boolean shown = view != null;
        if (view == null) {
            view = new LiveView(views, snapshot, null, null);
        }
        if (q.name() != null && writesToMemory(q)) {
            Dataset<Row> sinkTable = registry.spark().table(q.name());
            LiveTable rows = new LiveTable(sinkTable.schema(), ResultMode.Rows.WHOLE, new int[0]);
            view.showRows(rows, () -> {
                List<Row> newest = new java.util.ArrayList<>(java.util.Arrays.asList((Row[]) sinkTable.tail(LiveTable.SHOWN_ROWS)));
                java.util.Collections.reverse(newest);
                rows.merge(newest);
            });
        }
        if (!shown) {
            views.show(q.id(), view);
        }
        view.refresh(true);
        return new LiveHandle(view.displayId(), q);
    }

    private static boolean writesToMemory(StreamingQuery q) {
        return q instanceof org.apache.spark.sql.execution.streaming.StreamingQueryWrapper w
                && w.streamingQuery().sink() instanceof org.apache.spark.sql.execution.streaming.sources.MemorySink;
    }

    private StreamingQuery start(Dataset<Row> df, QueryPlan plan, String name, ResultMode result, Trigger trigger,
                                 LiveTable table, Path checkpoint) {
        CheckpointCheck.require(checkpoint, plan, name);
        recordManifest(checkpoint, plan, name);
        views.expect(name);
        Path snapshot = registry.checkpoints().viewSnapshot(name);
        restore(table, checkpoint, snapshot);
        VoidFunction2<Dataset<Row>, Long> collect = (batch, id) -> {
            table.merge((table.kind() == ResultMode.Rows.BY_KEY || table.kind() == ResultMode.Rows.WHOLE
                    ? batch : batch.limit(LiveTable.SHOWN_ROWS)).limit(LiveTable.MAX_KEYED_ROWS).collectAsList());
            table.save(snapshot);
        };
        DataStreamWriter<Row> w = df.writeStream().queryName(name).outputMode(result.outputMode())
                .option("checkpointLocation", checkpoint.toString())
                .trigger(trigger)
                .foreachBatch(collect);
        try {
            return w.start();
        } catch (java.util.concurrent.TimeoutException e) {
            views.forget(name);
            throw new IllegalStateException("query " + name + " did not start: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            views.forget(name);
            throw e;
        }
    }

    /** Records what a fresh checkpoint is made from, so that a later, different query is told apart. */
    private static void recordManifest(Path checkpoint, QueryPlan plan, String name) {
        try {
            if (!CheckpointCheck.check(checkpoint, plan).exists() || CheckpointManifest.read(checkpoint) == null) {
                CheckpointManifest.of(name, plan).write(checkpoint);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the checkpoint of " + name + " in " + checkpoint, e);
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
}
