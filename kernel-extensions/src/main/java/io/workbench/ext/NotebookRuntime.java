package io.workbench.ext;

import io.workbench.config.KafkaKeys;
import io.workbench.config.Settings;
import io.workbench.ext.display.Display;
import io.workbench.ext.display.DisplayHandle;
import io.workbench.ext.display.MimeBundle;
import io.workbench.ext.display.Renderers;
import io.workbench.ext.kafka.KafkaTools;
import io.workbench.ext.spark.CellJobs;
import io.workbench.ext.spark.DatasetRenderer;
import io.workbench.ext.spark.SparkConfig;
import io.workbench.ext.spark.SparkSessions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.workbench.ext.streaming.CellOwner;
import io.workbench.ext.streaming.LiveQueries;
import io.workbench.ext.streaming.StreamRegistry;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;

/**
 * The notebook runtime of one kernel process: it owns the SparkSession, the Kafka helpers and the
 * renderers, and fills in {@link Notebook}'s fields. Our kernel and the JJava extension install it the same
 * way. Spark starts in the background; {@link #awaitReady} lets a kernel hold the first cell until it is up.
 */
public final class NotebookRuntime implements AutoCloseable {
    private static volatile NotebookRuntime current;

    private final Renderers renderers = new Renderers();
    private final Display display;
    private final KafkaTools kafka;
    private final CompletableFuture<SparkSession> spark;
    private final StreamRegistry streams;
    private final LiveQueries live;
    private final io.workbench.ext.display.DisplaySink sink;
    private final java.util.concurrent.ScheduledExecutorService progressTimer =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "spark-job-progress");
                t.setDaemon(true);
                return t;
            });
    private volatile io.workbench.ext.spark.JobProgress progress;
    private volatile String progressCell;

    private NotebookRuntime(RuntimeHost host, Settings settings) {
        this.sink = host.displaySink();
        this.display = new Display(renderers, host.displaySink());
        this.kafka = new KafkaTools(KafkaKeys.bootstrapServers(settings));
        this.streams = new StreamRegistry(host.displaySink(), settings, KafkaKeys.bootstrapServers(settings));
        this.live = new LiveQueries(streams);
        renderers.register(new DatasetRenderer());
        SparkConfig sparkConfig = SparkConfig.from(settings);
        this.spark = sparkConfig.enabled()
                ? SparkSessions.start(sparkConfig, host.snippetClassLoader())
                : CompletableFuture.completedFuture(null);
        // Registered before any cell can start a query: no query escapes the registry.
        this.spark.thenAccept(s -> {
            if (s != null) {
                streams.attach(s);
            }
        });
        io.workbench.ext.display.Times.zoneFrom(streams::timeZone);
    }

    /** Creates the runtime of this process and binds {@link Notebook} to it. */
    public static synchronized NotebookRuntime install(RuntimeHost host, Settings settings) {
        if (current != null) {
            throw new IllegalStateException("a notebook runtime is already installed in this JVM");
        }
        NotebookRuntime runtime = new NotebookRuntime(host, settings);
        Notebook.kafka = runtime.kafka;
        Notebook.streams = runtime.streams;
        Notebook.events = runtime.streams.producers();
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

    public static NotebookRuntime current() {
        NotebookRuntime r = current;
        if (r == null) {
            throw new IllegalStateException("No notebook runtime in this JVM: run this inside a workbench kernel,"
                    + " or install the workbench extension into JJava.");
        }
        return r;
    }

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

    /** The session once started, or null while starting, when disabled, or after a failed start. */
    public SparkSession sparkIfStarted() {
        return spark.isDone() && !spark.isCompletedExceptionally() ? spark.join() : null;
    }

    /** Call on a cell's thread before it runs: its Spark jobs join the cell's job group. */
    public void cellStarted(String cellId, String code) {
        SparkSession s = sparkIfStarted();
        if (s != null) {
            new CellJobs(s).begin(cellId, code.length() > 80 ? code.substring(0, 80) + "…" : code);
            synchronized (this) {
                if (!cellId.equals(progressCell)) {
                    closeProgress();
                    progressCell = cellId;
                    progress = io.workbench.ext.spark.JobProgress.follow(s, cellId, sink, progressTimer);
                }
            }
        }
    }

    private synchronized void closeProgress() {
        if (progress != null) {
            progress.close();
            progress = null;
            progressCell = null;
        }
    }

    public void cellFinished() {
        SparkSession s = sparkIfStarted();
        if (s != null) {
            new CellJobs(s).end();
        }
    }

    /**
     * A notebook cell is about to run: what it started when it last ran is stopped, and the queries and producers
     * it starts now belong to it. {@code cellId} is the notebook's cell id if the client sent one, else null.
     */
    public void beginCell(String cellId, String executionId, String notebook) {
        streams.beginCell(new CellOwner(cellId == null || cellId.isBlank() ? executionId : cellId, notebook));
    }

    public void endCell() {
        closeProgress();
        streams.endCell();
    }

    public StreamRegistry streams() {
        return streams;
    }

    /** Shows a value below the running cell; a streaming Dataset becomes a live view of a query it starts. */
    public DisplayHandle display(Object value, String queryName) {
        if (value instanceof Dataset<?> ds && ds.isStreaming()) {
            return live.display(ds, queryName, null, null);
        }
        if (value instanceof org.apache.spark.sql.streaming.StreamingQuery q) {
            return live.display(q);
        }
        return display.show(value);
    }

    /** Starts a streaming Dataset's query behind a live view below the running cell; see {@link LiveQueries}. */
    public io.workbench.ext.streaming.LiveHandle live(Dataset<?> ds, String queryName,
                                                      org.apache.spark.sql.streaming.OutputMode mode,
                                                      org.apache.spark.sql.streaming.Trigger trigger) {
        return live.display(ds, queryName, mode, trigger);
    }

    /**
     * A cell failed with {@code error}. When Spark refused to start a query the cell started itself
     * ({@code writeStream()...start()}), the query is listed as failed with the reason, as a refused
     * {@code display(...)} is.
     */
    public void cellFailed(Throwable error) {
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
            streams.refused("writeStream() of cell " + streams.current().cellId(), error);
        }
    }

    /** Cancels the Spark jobs of a cell; safe from any thread. */
    public void cancelCell(String cellId) {
        SparkSession s = sparkIfStarted();
        if (s != null) {
            new CellJobs(s).cancel(cellId);
        }
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

    @Override
    public void close() {
        streams.close();
        kafka.close();
        SparkSession s = sparkIfStarted();
        if (s != null) {
            s.stop();
        }
        synchronized (NotebookRuntime.class) {
            current = null;
        }
    }
}
