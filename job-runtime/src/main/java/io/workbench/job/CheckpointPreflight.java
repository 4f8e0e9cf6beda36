package io.workbench.job;

import io.workbench.ext.query.CheckpointCheck;
import io.workbench.ext.query.CheckpointManifest;
import io.workbench.ext.query.QueryFailure;
import io.workbench.ext.query.QueryPlan;
import io.workbench.ext.query.QueryRefusedException;
import io.workbench.ext.query.QueryRegistry;
import io.workbench.ext.query.QuerySnapshot;
import java.net.URI;
import java.nio.file.Path;
import org.apache.spark.sql.execution.streaming.StreamExecution;
import org.apache.spark.sql.execution.streaming.StreamingQueryWrapper;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint pre-flight of every query a job starts, however it was started: before the query's first batch,
 * compares the plan Spark is about to run with what its checkpoint was made from ({@link CheckpointCheck}). Spark
 * tells its listeners that a query started on the query's own thread, before that thread plans a batch (Spark 3.5's
 * {@code StreamExecution.runStream} posts {@code QueryStartedEvent} synchronously to session listeners), so the
 * check runs while the checkpoint is still untouched. A checkpoint of a different query is handed to the
 * {@link Refusal}, which ends the JVM there; a fresh checkpoint gets its {@link CheckpointManifest}, so later runs
 * are checked too.
 *
 * <p>The plan and the checkpoint are Spark's own ({@code StreamExecution.analyzedPlan()} and
 * {@code resolvedCheckpointRoot()}), not what the job's code passed, so display sinks and {@code writeStream()}
 * queries are checked alike. A checkpoint that is not on the local file system cannot be read here and is not
 * checked (the log says so).
 */
final class CheckpointPreflight implements QueryRegistry.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointPreflight.class);

    /** Ends the run for a query that must not start. Called on the query's thread; does not return normally. */
    @FunctionalInterface
    interface Refusal {
        void refuse(QuerySnapshot query, Path checkpoint, QueryFailure failure);
    }

    private final Refusal refusal;

    CheckpointPreflight(Refusal refusal) {
        this.refusal = refusal;
    }

    @Override
    public void onStarted(QuerySnapshot query, StreamingQuery handle) {
        if (!(handle instanceof StreamingQueryWrapper w)) {
            refusal.refuse(query, null, new QueryFailure(QueryFailure.Kind.ERROR, "The checkpoint of query "
                    + query.name() + " could not be checked: Spark gave no handle of the query.", null));
            return;
        }
        StreamExecution execution = w.streamingQuery();
        Path dir = localPath(execution.resolvedCheckpointRoot());
        if (dir == null) {
            LOG.warn("The checkpoint of query {} is not on the local file system ({}); it is not checked before the"
                    + " query resumes", query.name(), execution.resolvedCheckpointRoot());
            return;
        }
        try {
            QueryPlan plan = QueryPlan.of(execution.analyzedPlan());
            CheckpointCheck.Result r = CheckpointCheck.check(dir, plan);
            if (!r.compatible()) {
                CheckpointCheck.require(dir, plan, query.name());
            }
            if (!r.exists() || CheckpointManifest.read(dir) == null) {
                CheckpointManifest.of(query.name(), plan).write(dir);
            }
            LOG.info("Query {} {} checkpoint {}", query.name(), r.exists() ? "resumes from" : "starts a fresh", dir);
        } catch (QueryRefusedException e) {
            refusal.refuse(query, dir, new QueryFailure(e.kind(), e.getMessage() + " The checkpoint is " + dir + ".", null));
        } catch (Exception e) {
            // A check that cannot be made must not let the query run on a checkpoint nobody looked at.
            refusal.refuse(query, dir, new QueryFailure(QueryFailure.Kind.ERROR, "The checkpoint of query " + query.name()
                    + " in " + dir + " could not be checked: " + QueryFailure.headline(e), null));
        }
    }

    /** The local directory of a checkpoint URI ({@code file:/…}), or null for another file system. */
    static Path localPath(String checkpointRoot) {
        URI uri = URI.create(checkpointRoot);
        if (uri.getScheme() == null) {
            return Path.of(checkpointRoot);
        }
        return uri.getScheme().equals("file") ? Path.of(uri) : null;
    }
}
