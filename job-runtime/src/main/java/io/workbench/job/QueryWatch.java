package io.workbench.job;

import io.workbench.ext.query.QueryRegistry;
import io.workbench.ext.query.QuerySnapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * Waits for the end of a run's queries: until every query it started has ended, or one has failed. Scheduled and
 * once runs end that way (their queries run with {@code Trigger.AvailableNow}); continuous runs only when a query
 * fails, or when their code's own triggers end every query. Fed by the query registry's events; thread-safe.
 */
final class QueryWatch implements QueryRegistry.Listener {
    /**
     * How the wait ended.
     *
     * @param started how many queries the run started (or had refused)
     * @param failed  the first query that failed and its Spark handle (null for a query Spark refused to start), or
     *                null when all ended without error
     */
    record End(int started, QuerySnapshot failed, StreamingQuery failedHandle) {
    }

    private final Map<UUID, QuerySnapshot> latest = new LinkedHashMap<>();
    private final Map<UUID, StreamingQuery> handles = new LinkedHashMap<>();
    private QuerySnapshot firstFailure;

    @Override
    public synchronized void onStarted(QuerySnapshot query, StreamingQuery handle) {
        latest.put(query.id(), query);
        handles.put(query.id(), handle);
        notifyAll();
    }

    @Override
    public synchronized void onTerminated(QuerySnapshot query) {
        latest.put(query.id(), query);
        if (query.status() == QuerySnapshot.Status.FAILED && firstFailure == null) {
            firstFailure = query;
        }
        notifyAll();
    }

    /** Blocks until every query has ended or one has failed; at once when none was started. */
    synchronized End awaitEnd() throws InterruptedException {
        while (firstFailure == null && latest.values().stream().anyMatch(q -> q.status() == QuerySnapshot.Status.RUNNING)) {
            wait();
        }
        return new End(latest.size(), firstFailure, firstFailure == null ? null : handles.get(firstFailure.id()));
    }
}
