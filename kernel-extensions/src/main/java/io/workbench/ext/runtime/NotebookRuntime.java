package io.workbench.ext.runtime;

import io.workbench.config.KafkaKeys;
import io.workbench.config.Settings;
import io.workbench.ext.LiveHandle;
import io.workbench.ext.Notebook;
import io.workbench.ext.Producers;
import io.workbench.ext.Streams;
import io.workbench.ext.cells.CellOwner;
import io.workbench.ext.cells.CellScope;
import io.workbench.ext.cluster.ClusterSpark;
import io.workbench.ext.display.Display;
import io.workbench.ext.display.DisplayHandle;
import io.workbench.ext.display.DisplaySink;
import io.workbench.ext.display.MimeBundle;
import io.workbench.ext.display.Renderers;
import io.workbench.ext.display.Times;
import io.workbench.ext.kafka.KafkaTools;
import io.workbench.ext.live.LiveQueries;
import io.workbench.ext.live.LiveViews;
import io.workbench.ext.metrics.RuntimeMetrics;
import io.workbench.ext.producers.ProducerRegistry;
import io.workbench.ext.query.Checkpoints;
import io.workbench.ext.query.QueryRegistry;
import io.workbench.ext.spark.DatasetRenderer;
import io.workbench.ext.spark.EventFrames;
import io.workbench.ext.spark.SparkConfig;
import io.workbench.ext.spark.SparkJobGroups;
import io.workbench.ext.spark.SparkJobProgress;
import io.workbench.ext.spark.SparkSessions;
import io.workbench.ext.spark.SparkStartNotice;
import io.workbench.ext.spark.SparkWarmup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notebook runtime of one process: it owns the SparkSession, the Kafka helpers, the renderers, the query and
 * producer registries, the live views, and fills in {@link Notebook}'s fields. Our kernel, the JJava extension and
 * exported jobs install it the same way ({@link RuntimeHost}). Spark starts in the background; {@link #awaitReady}
 * lets a host hold the first cell until it is up ({@link #awaitReadyInCell} says so in the cell). In an interactive
 * host, Spark's first query is then warmed up in the background ({@link SparkWarmup}), never ahead of a cell.
 *
 * <p>Layers, bottom up: the query layer ({@link QueryRegistry}, which knows no cells and no displays), the cell
 * scope (which cell owns what starts now), the live views (display ids updated per micro-batch), and the facades
 * cells use ({@link Streams}, {@link Producers}).
 */
public final class NotebookRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotebookRuntime.class);
    private static volatile NotebookRuntime current;

    private final Renderers renderers = new Renderers();
    private final Display display;
    private final KafkaTools kafka;
    private final CompletableFuture<SparkSession> spark;
    private final QueryRegistry queries;
    private final ProducerRegistry producers;
    private final RuntimeMetrics metrics;
    private final CellScope cells;
    private final LiveViews views;
    private final LiveQueries live;
    private final StreamingDisplay streamingDisplay;
    private final DisplaySink sink;
    private final ScheduledExecutorService progressTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "spark-job-progress");
        t.setDaemon(true);
        return t;
    });
    private final SparkWarmup warmup;
    private final CompletableFuture<Void> settled = new CompletableFuture<>();
    private volatile SparkJobProgress progress;
    private volatile String progressExecution;

    private NotebookRuntime(RuntimeHost host, Settings settings) {
        this.sink = host.displaySink();
        this.display = new Display(renderers, host.displaySink());
        String bootstrap = KafkaKeys.bootstrapServers(settings);
        this.kafka = new KafkaTools(bootstrap, this::sparkIfStarted);
        kafka.useStartingOffsets(settings.get(KafkaTools.STARTING_OFFSETS));
        CellScope[] scope = new CellScope[1];
        this.queries = new QueryRegistry(new Checkpoints(settings.resolve(Checkpoints.ROOT), CellOwner.BACKGROUND.notebookDir()),
                () -> scope[0].ownerId(), () -> scope[0].notebook());
        this.producers = new ProducerRegistry(() -> scope[0].ownerId(), bootstrap);
        this.cells = new CellScope(queries, producers);
        scope[0] = cells;
        this.metrics = RuntimeMetrics.create(settings, queries, producers);
        this.views = new LiveViews(host.displaySink(), queries);
        this.live = new LiveQueries(queries, views, cells::ownerId);
        StreamingDisplay hostDisplay = host.streamingDisplay();
        this.streamingDisplay = hostDisplay != null ? hostDisplay : live::display;
        renderers.register(new DatasetRenderer());
        SparkConfig sparkConfig = SparkConfig.from(settings);
        CompletableFuture<SparkSession> started = sparkConfig.enabled()
                ? startSpark(sparkConfig, host)
                : CompletableFuture.completedFuture(null);
        // The registry listens before the session counts as started (awaitReady): no query escapes it.
        this.spark = started.thenApply(s -> {
            if (s != null) {
                queries.attach(s);
            }
            return s;
        });
        this.warmup = sparkConfig.enabled() && sparkConfig.warmup() && host.interactive()
                ? new SparkWarmup(warmupSteps(bootstrap, sparkConfig.onCluster()), host.snippetClassLoader()) : null;
        spark.whenComplete((s, failure) -> {
            if (s == null || warmup == null) {
                settled.complete(null);
                return;
            }
            try {
                warmup.start(s);
                warmup.done().thenRun(() -> settled.complete(null));
            } catch (RuntimeException e) {
                // Settled all the same: the idle trim waits for it (the warm-up only makes first queries faster).
                LOG.warn("Spark warm-up did not start: {}", e.toString());
                settled.complete(null);
            }
        });
        Times.zoneFrom(queries::timeZone);
    }

    /** Starts Spark with what the host's classes need on a cluster; a host that cannot run there fails the start. */
    private static CompletableFuture<SparkSession> startSpark(SparkConfig config, RuntimeHost host) {
        Map<String, String> conf;
        try {
            conf = ClusterSpark.conf(config, host.executorClasses());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return SparkSessions.start(conf, host.snippetClassLoader());
    }

    /** Creates the runtime of this process and binds {@link Notebook} to it. */
    public static synchronized NotebookRuntime install(RuntimeHost host, Settings settings) {
        if (current != null) {
            throw new IllegalStateException("a notebook runtime is already installed in this JVM");
        }
        NotebookRuntime runtime = new NotebookRuntime(host, settings);
        Notebook.kafka = runtime.kafka;
        Notebook.streams = new Streams(runtime.queries, runtime.views);
        Notebook.events = new Producers(runtime.producers);
        runtime.spark.thenAccept(s -> Notebook.spark = s);
        current = runtime;
        return runtime;
    }

    /**
     * The runtime of this process, installed first if there is none yet. For hosts that may be set up more than
     * once in a JVM, such as a JJava kernel that loads the extension again: the runtime already there keeps its
     * own host, so {@code host} is then ignored.
     */
    public static synchronized NotebookRuntime installIfAbsent(RuntimeHost host, Settings settings) {
        return current != null ? current : install(host, settings);
    }

    /**
     * The runtime of this process.
     *
     * @throws IllegalStateException when none is installed
     */
    public static NotebookRuntime current() {
        NotebookRuntime r = current;
        if (r == null) {
            throw new IllegalStateException("No notebook runtime in this JVM: run this inside a workbench kernel,"
                    + " or install the workbench extension into JJava.");
        }
        return r;
    }

    /** The import statements every notebook starts with, one snippet each. */
    public List<String> imports() {
        return Imports.statements();
    }

    /**
     * Waits until Spark has started. Throws {@link IllegalStateException} with Spark's reason if it failed
     * to start, so the first cell can say so instead of failing on a null {@code spark}.
     */
    public void awaitReady(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            SparkSession s = spark.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (s != null) {
                Notebook.spark = s;
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Spark did not start: " + e.getCause()
                    + ". Check the spark.* settings (docs/configuration.md) and restart the kernel.", e.getCause());
        }
    }

    /**
     * {@link #awaitReady} for a cell: while Spark is still starting, the cell shows that it waits, counting the
     * seconds, and then when Spark started or why it did not ({@link SparkStartNotice}); when Spark is already up
     * (or off), nothing is shown. Call on the thread that runs the cell, with its output routed to that cell.
     */
    public void awaitReadyInCell(Duration timeout) throws TimeoutException, InterruptedException {
        if (spark.isDone()) {
            awaitReady(timeout);
            return;
        }
        SparkStartNotice notice = SparkStartNotice.show(sink, progressTimer);
        try {
            awaitReady(timeout);
            notice.ready();
        } catch (IllegalStateException e) {
            notice.failed("Spark did not start.");
            throw e;
        } catch (TimeoutException e) {
            notice.failed("Spark is still starting after " + timeout.toSeconds() + " s.");
            throw e;
        } catch (InterruptedException e) {
            notice.failed("Interrupted while waiting for Spark to start.");
            throw e;
        }
    }

    /**
     * Where Spark is: {@code starting}, {@code warming} (up and usable, its first query being warmed up in the
     * background), {@code ready}, {@code failed} or {@code off} ({@code kernel.spark=false}). Cheap; any thread.
     */
    public String sparkStatus() {
        if (!spark.isDone()) {
            return "starting";
        }
        if (spark.isCompletedExceptionally()) {
            return "failed";
        }
        if (spark.join() == null) {
            return "off";
        }
        return warmup != null && !warmup.done().isDone() ? "warming" : "ready";
    }

    /**
     * Completes (never exceptionally) once the kernel has settled after start-up: Spark started and warmed up,
     * failed to start or is off. Completed on a Spark start or warm-up thread; attach only quick actions.
     */
    public CompletableFuture<Void> settled() {
        return settled;
    }

    /**
     * What the background warm-up runs. On a local master: the first job, a first shuffle with an aggregation and
     * the rendering of a table. On a cluster only plans, so a warm kernel holds no executors (docs/cluster.md).
     * Either way the plan of an events stream from Kafka (its source and Avro decoding; nothing is read).
     */
    private List<SparkWarmup.Step> warmupSteps(String bootstrap, boolean onCluster) {
        SparkWarmup.Step events = new SparkWarmup.Step("events plan",
                s -> EventFrames.events(s, bootstrap, "workbench-warmup", true, "latest").schema());
        if (onCluster) {
            return List.of(new SparkWarmup.Step("query plan", s -> aggregation(s).queryExecution().executedPlan()),
                    events);
        }
        return List.of(
                new SparkWarmup.Step("first job", s -> s.range(100).selectExpr("id * 2 AS v").where("v % 3 = 0").count()),
                new SparkWarmup.Step("shuffle and aggregation", s -> aggregation(s).collectAsList()),
                new SparkWarmup.Step("table rendering", s -> renderers.render(s.range(5).toDF())),
                events);
    }

    private static Dataset<org.apache.spark.sql.Row> aggregation(SparkSession s) {
        return s.range(1_000).selectExpr("id % 10 AS k", "id * 2 AS v").groupBy("k")
                .agg(functions.sum("v"), functions.count("*"));
    }

    /** The session once started, or null while starting, when disabled, or after a failed start. */
    public SparkSession sparkIfStarted() {
        return spark.isDone() && !spark.isCompletedExceptionally() ? spark.join() : null;
    }

    /**
     * Opens one execution of a notebook cell (see {@link CellRun}).
     *
     * @param notebookCellId the notebook's id of the cell (nbformat's cell id, {@code metadata.cellId} of the
     *                       execute request), or null when the client sent none
     * @param executionId    an id of this execution, unique in the process: it names the Spark job group, and owns
     *                       what the cell starts when there is no notebook cell id
     * @param notebookPath   the notebook's path, or null
     */
    public CellRun openCell(String notebookCellId, String executionId, String notebookPath) {
        String owner = notebookCellId == null || notebookCellId.isBlank() ? executionId : notebookCellId;
        if (warmup != null) {
            warmup.cellStarted();
        }
        cells.enter(new CellOwner(owner, notebookPath));
        return new Run(executionId);
    }

    private final class Run implements CellRun {
        private final String executionId;

        Run(String executionId) {
            this.executionId = executionId;
        }

        @Override
        public void codeStarted(String code) {
            SparkSession s = sparkIfStarted();
            if (s != null) {
                new SparkJobGroups(s).begin(executionId, code.length() > 80 ? code.substring(0, 80) + "…" : code);
                synchronized (NotebookRuntime.this) {
                    if (!executionId.equals(progressExecution)) {
                        closeProgress();
                        progressExecution = executionId;
                        progress = SparkJobProgress.follow(s, executionId, sink, progressTimer);
                    }
                }
            }
        }

        @Override
        public void codeFinished() {
            SparkSession s = sparkIfStarted();
            if (s != null) {
                new SparkJobGroups(s).end();
            }
        }

        @Override
        public void cancel() {
            SparkSession s = sparkIfStarted();
            if (s != null) {
                new SparkJobGroups(s).cancel(executionId);
            }
        }

        @Override
        public void failed(Throwable error) {
            boolean writeStream = false;
            for (StackTraceElement f : error.getStackTrace()) {
                if (f.getClassName().startsWith(LiveQueries.class.getName())) {
                    return;
                }
                if (f.getClassName().equals("org.apache.spark.sql.streaming.DataStreamWriter")
                        && (f.getMethodName().startsWith("start") || f.getMethodName().equals("toTable"))) {
                    writeStream = true;
                }
            }
            if (writeStream) {
                queries.refused("writeStream() of cell " + cells.ownerId(), error);
            }
        }

        @Override
        public void close() {
            closeProgress();
            cells.exit();
            if (warmup != null) {
                warmup.cellFinished();
            }
        }
    }

    private synchronized void closeProgress() {
        if (progress != null) {
            progress.close();
            progress = null;
            progressExecution = null;
        }
    }

    /**
     * Shows a value below the running cell; a streaming Dataset starts its query as the host says (a live view, in
     * a kernel: {@link RuntimeHost#streamingDisplay}).
     */
    public DisplayHandle display(Object value, String queryName) {
        if (value instanceof Dataset<?> ds && ds.isStreaming()) {
            return streamingDisplay.start(ds, queryName, null, null);
        }
        if (value instanceof StreamingQuery q) {
            return live.display(q);
        }
        return display.show(value);
    }

    /**
     * Starts a streaming Dataset's query as the host says: in a kernel behind a live view below the running cell
     * (see {@link LiveQueries}).
     */
    public LiveHandle live(Dataset<?> ds, String queryName, OutputMode mode, Trigger trigger) {
        return streamingDisplay.start(ds, queryName, mode, trigger);
    }

    /** The registry of this process's streaming queries. */
    public QueryRegistry queries() {
        return queries;
    }

    /** This runtime's metrics (docs/metrics.md). */
    public RuntimeMetrics metrics() {
        return metrics;
    }

    /** The registry of this process's event producers. */
    public ProducerRegistry producers() {
        return producers;
    }

    public Display display() {
        return display;
    }

    /**
     * Whether a cell's final value is shown as its result. A {@link DisplayHandle}, as {@code display(x)}
     * returns, is not: the display itself is the cell's output.
     */
    public static boolean isResult(Object value) {
        return !(value instanceof DisplayHandle);
    }

    public MimeBundle render(Object value) {
        return renderers.render(value);
    }

    public KafkaTools kafka() {
        return kafka;
    }

    /** Stops every query and producer, then Spark. */
    @Override
    public void close() {
        int producerCount = producers.stopAll();
        int queryCount = queries.stopAll();
        views.close();
        LOG.info("Stopped {} streaming quer{} and {} producer{}", queryCount, queryCount == 1 ? "y" : "ies",
                producerCount, producerCount == 1 ? "" : "s");
        kafka.close();
        metrics.close();
        SparkSession s = sparkIfStarted();
        if (s != null) {
            s.stop();
        }
        synchronized (NotebookRuntime.class) {
            current = null;
        }
    }
}
