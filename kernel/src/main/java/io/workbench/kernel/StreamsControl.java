package io.workbench.kernel;

import io.workbench.ext.producers.ProducerRegistry;
import io.workbench.ext.query.QueryProgress;
import io.workbench.ext.query.QueryRegistry;
import io.workbench.ext.query.QuerySnapshot;
import io.workbench.ext.runtime.NotebookRuntime;
import io.workbench.events.ProducerStats;
import io.workbench.protocol.workbench.BatchProgress;
import io.workbench.protocol.workbench.ProducerState;
import io.workbench.protocol.workbench.QueryState;
import io.workbench.protocol.workbench.StreamAction;
import io.workbench.protocol.workbench.StreamActionReply;
import io.workbench.protocol.workbench.SparkState;
import io.workbench.protocol.workbench.StreamsState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.BlockManagerId;

/**
 * The kernel's side of the workbench's control requests (docs/streaming.md): the runtime's query and producer
 * snapshots as the protocol's records, and actions on them. Answered on the control thread, so they work while a
 * cell runs; an action runs on a thread of its own (stopping a query waits for its running micro-batch) and is
 * answered ok with a note if it takes longer than {@value #ACTION_WAIT_MS} ms.
 */
final class StreamsControl {
    private static final long ACTION_WAIT_MS = 5_000;

    private final NotebookRuntime runtime;
    private final ExecutorService actions = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stream-actions");
        t.setDaemon(true);
        return t;
    });

    StreamsControl(NotebookRuntime runtime) {
        this.runtime = runtime;
    }

    StreamsState state() {
        QueryRegistry queries = runtime.queries();
        return new StreamsState(queries.snapshots().stream().map(StreamsControl::query).toList(),
                runtime.producers().snapshots().stream().map(StreamsControl::producer).toList(), queries.timeZone(),
                spark(runtime.sparkIfStarted()), runtime.sparkStatus());
    }

    private static SparkState spark(SparkSession s) {
        if (s == null || s.sparkContext().isStopped()) {
            return null;
        }
        SparkContext sc = s.sparkContext();
        List<String> executors = new ArrayList<>();
        if (!sc.isLocal()) {
            // The tracker lists the driver's block manager too.
            BlockManagerId driver = sc.env().blockManager().blockManagerId();
            for (SparkExecutorInfo e : sc.statusTracker().getExecutorInfos()) {
                if (!(e.host().equals(driver.host()) && e.port() == driver.port())) {
                    executors.add(e.host() + ":" + e.port());
                }
            }
        }
        return new SparkState(sc.master(), !sc.isLocal(), sc.applicationId(), executors,
                sc.uiWebUrl().isDefined() ? sc.uiWebUrl().get() : null);
    }

    StreamActionReply act(StreamAction request) {
        StreamAction a;
        try {
            a = request.validate();
        } catch (IllegalArgumentException e) {
            return StreamActionReply.error(e.getMessage());
        }
        Future<?> done = actions.submit(() -> {
            if (StreamAction.QUERY.equals(a.kind())) {
                if ("stop".equals(a.action())) {
                    runtime.queries().stop(a.id());
                } else {
                    runtime.queries().restart(a.id());
                }
            } else {
                runtime.producers().act(a.id(), ProducerRegistry.Action.valueOf(a.action().toUpperCase(Locale.ROOT)), a.rate());
            }
        });
        try {
            done.get(ACTION_WAIT_MS, TimeUnit.MILLISECONDS);
            return StreamActionReply.ok();
        } catch (TimeoutException e) {
            return StreamActionReply.ok(a.action() + " of " + a.kind() + " " + a.id() + " is still in progress");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return StreamActionReply.error(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StreamActionReply.error("interrupted");
        }
    }

    static QueryState query(QuerySnapshot q) {
        return new QueryState(q.id().toString(), q.runId() == null ? null : q.runId().toString(), q.name(), q.owner(),
                q.notebook(), q.statusName(), q.error(), q.failureName(), q.restartable(), q.startedAt().toString(),
                progress(q.progress()));
    }

    static BatchProgress progress(QueryProgress p) {
        return p == null ? null : new BatchProgress(p.batchId(), p.numInputRows(), p.inputRowsPerSecond(),
                p.processedRowsPerSecond(), p.batchDurationMs(), p.watermark(), p.maxEventTime(), p.droppedLate(),
                p.stateRows(), p.offsetsBehindLatest(), p.timestamp());
    }

    static ProducerState producer(ProducerRegistry.ProducerSnapshot p) {
        ProducerStats s = p.stats();
        return new ProducerState(p.id(), s.topic(), p.owner(), s.state().name(), s.targetRate(), s.actualRate(),
                s.sent(), s.acked(), s.failed(), s.error());
    }
}
