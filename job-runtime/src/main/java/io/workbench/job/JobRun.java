package io.workbench.job;

import io.workbench.config.ConfigException;
import io.workbench.config.Settings;
import io.workbench.ext.query.QueryFailure;
import io.workbench.ext.query.QueryRegistry;
import io.workbench.ext.spark.SparkConfig;
import io.workbench.ext.query.QuerySnapshot;
import io.workbench.ext.runtime.NotebookRuntime;
import io.workbench.job.RunStatus.State;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a job, from its command line to its exit status (docs/jobs.md, "A job run"): options and parameters
 * (exit 2 before Spark starts when they are wrong), the notebook runtime with a headless host, the body, then the
 * wait for its queries, and an explicit {@code System.exit} on every path, so that no error can end as success.
 *
 * <p>Three threads can end a run, and the first one wins ({@link #ending}): the main thread (the body failed, the
 * queries ended or one failed), a stop thread (SIGTERM or SIGINT), and a query's own thread (its checkpoint belongs
 * to a different query: the JVM halts there, before the batch).
 */
final class JobRun {
    private static final Duration SPARK_START = Duration.ofMinutes(5);

    private final AtomicBoolean ending = new AtomicBoolean();
    private final QueryWatch watch = new QueryWatch();
    private final Logger log = LoggerFactory.getLogger(Job.class);
    /** Until the options name the job and its status file, a status that is written nowhere. */
    private volatile RunStatus status = new RunStatus("?", "?", null);
    private volatile NotebookRuntime runtime;
    private volatile Map<String, String> boundParams = Map.of();
    private volatile String jobName = "NAME";

    /** Runs the job and exits the JVM. */
    static <P extends Record> void main(String[] args, Class<P> paramsType, Job.Body<P> body) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "io/workbench/job/log4j2.properties");
        }
        new JobRun().run(args, paramsType, body);
    }

    private <P extends Record> void run(String[] args, Class<P> paramsType, Job.Body<P> body) {
        try {
            Class<?> jobClass = paramsType.getEnclosingClass() != null ? paramsType.getEnclosingClass() : paramsType;
            StringBuilder help = new StringBuilder();
            RunOptions options = RunOptions.parse(args, RunOptions.defaultJobName(jobClass), help);
            if (options == null) {
                System.out.print(help);
                System.exit(0);
            }
            status = new RunStatus(options.job(), options.runId(),
                    options.statusFile() == null ? null : new StatusFile(options.statusFile()));
            status.publish();
            P params = ParamsBinder.bind(paramsType, options.paramsFile(), System.getenv(), options.params());
            boundParams = ParamsBinder.text(params);
            jobName = options.job();
            status.params(boundParams);
            log.info("Job {} run {} ({}) with {}", options.job(), options.runId(),
                    options.mode().name().toLowerCase(java.util.Locale.ROOT), params);
            GracefulStop.onSignals(this::stop);
            Job job = start(options, jobClass);
            body.run(job, params);
            QueryWatch.End end = watch.awaitEnd();
            if (end.failed() != null) {
                failed(end);
            }
            if (end.started() == 0) {
                log.info(options.mode() == Job.Mode.CONTINUOUS ? "The job started no streaming query, so there is"
                        + " nothing to run continuously." : "The job started no streaming query.");
            }
            finish(ExitCode.DONE, State.SUCCEEDED, null, null);
        } catch (InvalidRunException | ConfigException e) {
            finish(ExitCode.INVALID, State.FAILED, e.getMessage(), null);
        } catch (Throwable e) {
            QueryFailure f = QueryFailure.of(e, null);
            log.error("The job failed", e);
            finish(ExitCode.of(f.kind()), State.FAILED, f.headline(), f.kind());
        }
    }

    /** Installs the notebook runtime, starts Spark and waits for it. */
    private Job start(RunOptions options, Class<?> jobClass) throws InterruptedException {
        boolean submitted = SubmittedSpark.adopt(System.getProperties(), SubmittedSpark::sparkDefaultHost);
        if (submitted) {
            log.info("Started by spark-submit: Spark's master is {}", System.getProperty("spark.master"));
        }
        if (System.getProperty("workbench.spark.app.name") == null) {
            System.setProperty("workbench.spark.app.name", "workbench-job-" + options.job());
        }
        Settings settings = Settings.load();
        SparkConfig spark = SparkConfig.from(settings);
        if (spark.enabled() && spark.onCluster()) {
            JobClosures.check(jobClass, spark.master());
        }
        Path checkpoints = (options.checkpointDir() != null ? options.checkpointDir()
                : settings.home().resolve("data/jobs").resolve(options.job()).resolve("checkpoints")).toAbsolutePath();
        QueryStarts starts = new QueryStarts(options.mode(), options.triggerInterval(),
                () -> NotebookRuntime.current().queries());
        ResultTopics topics = new ResultTopics(options.job(), starts,
                new TopicAdmin(() -> NotebookRuntime.current().kafka().admin()));
        log.info("Starting Spark; checkpoints in {}", checkpoints);
        runtime = NotebookRuntime.install(new HeadlessHost(jobClass.getClassLoader(), new LogDisplaySink(), topics, jobClass), settings);
        // A run the server started announces its metrics port beside its status file (docs/metrics.md).
        runtime.metrics().serve(settings);
        QueryRegistry registry = runtime.queries();
        registry.useCheckpointDir(checkpoints);
        registry.addListener(status);
        // Topics first: a query refused for a missing topic must not leave a manifest in a fresh checkpoint, or the
        // run with the right topic would be refused as another query.
        registry.addListener(new TopicPreflight(runtime.kafka().bootstrapServers(), () -> runtime.kafka().admin(),
                missing -> topicAdvice(jobName, boundParams), this::refuse));
        registry.addListener(new CheckpointPreflight(this::refuse));
        registry.addListener(watch);
        try {
            runtime.awaitReady(SPARK_START);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Spark did not start within " + SPARK_START.toMinutes() + " minutes.", e);
        }
        SparkSession session = runtime.sparkIfStarted();
        if (session != null) {
            // Spark's UI takes the first free port from 4040 (a warning says when 4040 was taken): this line says which.
            scala.Option<String> ui = session.sparkContext().uiWebUrl();
            log.info("Spark started: master {}, application {}, UI {}", session.sparkContext().master(),
                    session.sparkContext().applicationId(), ui.isDefined() ? ui.get() : "off (spark.ui.enabled)");
        }
        status.running();
        // What the body starts belongs to the job, as what a cell starts belongs to the cell.
        runtime.openCell(null, "job:" + options.job(), null);
        return new Job(options, starts);
    }

    private void failed(QueryWatch.End end) {
        QuerySnapshot q = end.failed();
        QueryFailure f = end.failedHandle() != null && end.failedHandle().exception().isDefined()
                ? QueryFailure.of(end.failedHandle().exception().get(), q.name())
                : new QueryFailure(q.failure() == null ? QueryFailure.Kind.ERROR : q.failure(), q.error(), null);
        String text = "Query " + q.name() + " failed: " + f.headline();
        if (f.kind() == QueryFailure.Kind.DATA_LOSS) {
            text += "\nTo go on from what the topic holds now, move the query's checkpoint ("
                    + runtime.queries().checkpoints().dir(q.name()) + ") aside and run the job again.";
        }
        text += missingTopicHint(f.headline() + "\n" + q.error(), jobName, boundParams);
        finish(ExitCode.of(f.kind()), State.FAILED, text, f.kind());
    }

    /**
     * What to do when a query failed because a Kafka topic it reads does not exist (Kafka's
     * {@code UnknownTopicOrPartitionException}, which names no topic), with the parameters the run bound, since a
     * notebook's topic is usually one: a new line of advice, or "" for any other failure.
     */
    static String missingTopicHint(String failure, String job, Map<String, String> params) {
        if (failure == null || !failure.contains("UnknownTopicOrPartitionException")) {
            return "";
        }
        return "\nA Kafka topic this query reads does not exist on the job's Kafka cluster. " + topicAdvice(job, params);
    }

    /** What to do about a topic that does not exist, with the parameters the run bound (a notebook's topic is one). */
    static String topicAdvice(String job, Map<String, String> params) {
        return "This run's parameters: " + params + ". Produce to the topic first, or give the job the topic it reads: "
                + "./workbench job edit " + job + " --param topic=NAME (or --param when you run it by hand).";
    }

    /** The pre-flight refused a query's checkpoint: the JVM ends now, before the query's first batch. */
    private void refuse(QuerySnapshot query, Path checkpoint, QueryFailure failure) {
        ending.set(true);
        ExitCode code = ExitCode.of(failure.kind());
        log.error("Query {} was refused before its first batch: {}", query.name(), failure.message());
        status.queryFailed(query);
        status.ended(State.FAILED, code, failure.message(), failure.kind());
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code.status);
    }

    /** SIGTERM or SIGINT: stops the queries between batches, then exits 0. */
    private void stop() {
        if (!ending.compareAndSet(false, true)) {
            return;
        }
        log.info("Stopping the run: the queries stop when their running batches end");
        GracefulStop.watchdog("Stopping", () -> {
            status.ended(State.FAILED, ExitCode.FAILED, "The queries did not stop within " + GracefulStop.LIMIT.toSeconds()
                    + " s of the stop signal; the JVM was halted.", QueryFailure.Kind.ERROR);
            return status.exitCode();
        });
        NotebookRuntime rt = runtime;
        if (rt != null) {
            GracefulStop.stopBetweenBatches(rt.queries());
        }
        status.ended(State.STOPPED, ExitCode.DONE, null, null);
        exit(ExitCode.DONE);
    }

    /** Ends the run from the main thread, unless another thread is already ending it (then this one waits). */
    private void finish(ExitCode code, State state, String error, QueryFailure.Kind kind) {
        if (!ending.compareAndSet(false, true)) {
            waitForExit();
        }
        if (error != null) {
            log.error("Job run ends with exit code {}: {}", code.status, error);
        } else {
            log.info("Job run ends with exit code {} ({})", code.status, state.name().toLowerCase(java.util.Locale.ROOT));
        }
        status.ended(state, code, error, kind);
        GracefulStop.watchdog("Closing the run", status::exitCode);
        exit(code);
    }

    private void exit(ExitCode code) {
        NotebookRuntime rt = runtime;
        if (rt != null) {
            try {
                rt.close();
            } catch (RuntimeException e) {
                log.warn("Closing the notebook runtime failed: {}", e.toString());
            }
        }
        System.exit(code.status);
    }

    private static void waitForExit() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // The thread that ends the run exits the JVM; nothing here may end it another way.
            }
        }
    }
}
