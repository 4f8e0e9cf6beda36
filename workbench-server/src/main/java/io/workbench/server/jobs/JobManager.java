package io.workbench.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.workbench.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, runs, schedules and supervises jobs (docs/jobs.md). Continuous jobs run until stopped; a run that fails
 * is started again from its checkpoint after a delay that doubles up to a maximum, and a crash loop (more restarts
 * than allowed within the window) ends the job as failed. Exit codes that a restart cannot fix (a parameter, an
 * incompatible checkpoint, Kafka data loss) end it at once. Scheduled jobs run at their cron times; a run due while
 * the previous one still runs is recorded as skipped; runs missed while the server was down are made up once.
 * Definitions and runs are in {@link JobStore}, so a server that starts again finds running jobs and supervises them.
 *
 * <p>Threading: one thread ("jobs") owns the schedule and the runs' lifecycles; public methods hand it their work
 * and wait for it, and may block for seconds (an export, a stop): call them off event loops.
 */
public final class JobManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private final JobsConfig config;
    private final JobStore store;
    private final Exporter exports;
    private final JobLauncher launcher;
    private final Path notebooksDir;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jobs");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ActiveRun> active = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final Map<String, Instant> nextRun = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> restarts = new ConcurrentHashMap<>();

    public JobManager(JobsConfig config, JobStore store, Exporter exports, JobLauncher launcher, Path notebooksDir,
                      Clock clock) {
        this.config = config;
        this.store = store;
        this.exports = exports;
        this.launcher = launcher;
        this.notebooksDir = notebooksDir;
        this.clock = clock;
    }

    /** Finds the runs that were going when the server stopped, then schedules and starts the jobs. */
    public void start() {
        call(() -> {
            for (RunRecord r : store.running()) {
                recover(r);
            }
            for (JobDefinition j : store.jobs()) {
                plan(j, true);
            }
            thread.scheduleWithFixedDelay(this::pollStatus, 1, 1, TimeUnit.SECONDS);
            return null;
        });
    }

    // ---- requests ------------------------------------------------------------------------------------------------

    /** What a new job is made from. */
    public record NewJob(String name, String notebook, JobMode mode, String cron, String timeZone, Map<String, String> params) {
    }

    /**
     * Exports the notebook and creates the job; a continuous job starts at once, a scheduled one is scheduled, a
     * once job runs now.
     *
     * @throws JobException.Invalid for a bad name, notebook, schedule or parameter, or a notebook that does not export
     * @throws JobException.Conflict when the name is taken
     */
    public JobStatus create(NewJob req) {
        String name = req.name() != null && !req.name().isBlank() ? req.name() : defaultName(req.notebook());
        if (!NAME.matcher(name).matches()) {
            throw new JobException.Invalid("A job name is letters, digits, '-' and '_' (at most 64), not '" + name + "'.");
        }
        if (store.job(name).isPresent()) {
            throw new JobException.Conflict("A job named '" + name + "' exists already; choose another name or delete it.");
        }
        Path notebook = notebook(req.notebook());
        String zone = req.timeZone() == null || req.timeZone().isBlank() ? "UTC" : req.timeZone();
        if (req.mode() == JobMode.SCHEDULED) {
            Schedule.parse(req.cron(), zone);
        } else if (req.cron() != null && !req.cron().isBlank()) {
            throw new JobException.Invalid("Only a scheduled job has a cron expression; this one is " + req.mode().wireName() + ".");
        }
        JobExports.Exported e = exportInto(name, notebook);
        checkParams(e, req.params());
        Instant now = clock.instant();
        JobDefinition job = new JobDefinition(name, notebooksDir.relativize(notebook).toString(), req.mode(),
                req.mode() == JobMode.SCHEDULED ? req.cron().trim() : null, zone, req.params(), false,
                req.mode() == JobMode.CONTINUOUS, e.revision(), e.mainClass(), e.project().toString(), null, now, now);
        return call(() -> {
            store.insert(job);
            plan(job, false);
            if (job.mode() != JobMode.SCHEDULED) {
                launch(job, RunTrigger.MANUAL, 1, null, job.mode());
            }
            return status(job);
        });
    }

    /**
     * Runs the job now: a continuous job starts (and is kept running), any other runs once over what its sources hold.
     *
     * @throws JobException.Conflict when a run is going
     */
    public RunRecord run(String name) {
        return call(() -> {
            JobDefinition job = job(name);
            ActiveRun a = active.get(name);
            if (a != null) {
                throw new JobException.Conflict("Job " + name + " is running (run " + a.record.id() + "); stop it first.");
            }
            cancelPending(name);
            if (job.mode() == JobMode.CONTINUOUS) {
                job = job.withActive(true);
                store.save(job);
                restarts.remove(name);
            }
            RunRecord r = launch(job, RunTrigger.MANUAL, 1, null, job.mode() == JobMode.CONTINUOUS ? JobMode.CONTINUOUS
                    : job.mode() == JobMode.SCHEDULED ? JobMode.SCHEDULED : JobMode.ONCE);
            if (job.mode() == JobMode.SCHEDULED) {
                plan(job, false);
            }
            return r;
        });
    }

    /**
     * Stops the job: its run stops between batches (it is killed after the stop timeout), a continuous job is not
     * started again, a pending restart is cancelled. Waits until the run has ended.
     */
    public JobStatus stop(String name) {
        ActiveRun a = call(() -> {
            JobDefinition job = job(name);
            cancelPending(name);
            if (job.active()) {
                store.save(job.withActive(false));
            }
            ActiveRun run = active.get(name);
            if (run != null) {
                run.terminate();
            }
            return run;
        });
        if (a != null) {
            a.killAfter(config.stopTimeout());
            awaitEnded(name, a);
        }
        return call(() -> status(job(name)));
    }

    /** Pauses or resumes a scheduled job's schedule. */
    public JobStatus pause(String name, boolean paused) {
        return call(() -> {
            JobDefinition job = job(name);
            if (job.mode() != JobMode.SCHEDULED) {
                throw new JobException.Invalid("Only a scheduled job has a schedule to pause; stop a " + job.mode().wireName()
                        + " job instead.");
            }
            job = job.withPaused(paused);
            store.save(job);
            plan(job, false);
            return status(job);
        });
    }

    /** Changes a job's mode, schedule or parameters; a changed schedule applies from its next fire. */
    public JobStatus update(String name, JobMode mode, String cron, String timeZone, Map<String, String> params) {
        JobDefinition before = call(() -> job(name));
        JobMode m = mode != null ? mode : before.mode();
        String c = m == JobMode.SCHEDULED ? (cron != null ? cron : before.cron()) : null;
        String z = timeZone != null ? timeZone : before.timeZone();
        if (m == JobMode.SCHEDULED) {
            Schedule.parse(c, z);
        }
        if (params != null) {
            checkParams(Path.of(before.projectDir()), params);
        }
        return call(() -> {
            JobDefinition job = job(name).withSchedule(m, c, z);
            if (params != null) {
                job = job.withParams(params);
            }
            store.save(job);
            plan(job, false);
            return status(job);
        });
    }

    /**
     * Exports the job's notebook again; the next run uses the new revision (and its checkpoints are checked against
     * it before any query starts). The previous revision is kept for {@link #revert}.
     */
    public JobStatus reexport(String name) {
        JobDefinition job = call(() -> job(name));
        JobExports.Exported e = exportInto(name, notebook(job.notebook()));
        checkParams(e, job.params());
        return call(() -> {
            JobDefinition j = job(name).withExport(e.revision(), e.mainClass(), e.project().toString());
            store.save(j);
            return status(j);
        });
    }

    /** The revision {@link #revert} would go back to, or null when there is none. */
    private String previousRevision(JobDefinition job) {
        Path p = previousExport(job);
        try {
            return p == null ? null : exports.read(p).revision();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Path previousExport(JobDefinition job) {
        Path current = Path.of(job.projectDir());
        try (var dirs = Files.list(current.getParent())) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("job.json")) && !d.equals(current))
                    .max((a, b) -> Long.compare(modified(a), modified(b))).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** Goes back to the revision exported before the current one. */
    public JobStatus revert(String name) {
        return call(() -> {
            JobDefinition job = job(name);
            Path previous = previousExport(job);
            if (previous == null) {
                throw new JobException.Conflict("Job " + name + " has no earlier version to go back to.");
            }
            JobExports.Exported e = exports.read(previous);
            JobDefinition j = job.withExport(e.revision(), e.mainClass(), previous.toString());
            Files.setLastModifiedTime(previous, java.nio.file.attribute.FileTime.from(clock.instant()));
            store.save(j);
            return status(j);
        });
    }

    /** Where queries start after {@link #archiveCheckpoints}: Kafka's oldest or newest offsets, or the old checkpoint's. */
    public enum StartFrom {
        EARLIEST, LATEST, CHECKPOINT;

        /** @throws JobException.Invalid for anything but earliest, latest or checkpoint */
        public static StartFrom parse(String s) {
            for (StartFrom f : values()) {
                if (f.name().equalsIgnoreCase(s == null ? "earliest" : s)) {
                    return f;
                }
            }
            throw new JobException.Invalid("Start from earliest, latest or checkpoint (the offsets the old checkpoint"
                    + " reached), not '" + s + "'.");
        }
    }

    /**
     * Moves the job's checkpoints aside ({@code checkpoints.archived-<time>}), so that its next run starts its
     * queries fresh while the old state stays on disk, reading Kafka from its oldest offsets, its newest, or where
     * the old checkpoints had got to (for each partition, the least any of its queries had reached, so nothing is
     * skipped). Refused while it runs.
     */
    public JobStatus archiveCheckpoints(String name, StartFrom from) {
        return call(() -> {
            JobDefinition job = job(name);
            if (active.containsKey(name)) {
                throw new JobException.Conflict("Job " + name + " is running; stop it before moving its checkpoints.");
            }
            Path dir = jobDir(name).resolve("checkpoints");
            String offsets = from == StartFrom.LATEST ? "latest" : from == StartFrom.EARLIEST ? null
                    : CheckpointOffsets.reached(dir);
            if (Files.exists(dir)) {
                Files.move(dir, jobDir(name).resolve("checkpoints.archived-" + stamp()), StandardCopyOption.ATOMIC_MOVE);
            }
            JobDefinition j = job.withStartingOffsets(offsets);
            store.save(j);
            return status(j);
        });
    }

    /** Stops the job if it runs, then deletes it and its history; its files go to {@code <jobs dir>/.trash}. */
    public void delete(String name) {
        stop(name);
        call(() -> {
            job(name);
            cancelPending(name);
            store.delete(name);
            restarts.remove(name);
            nextRun.remove(name);
            Path dir = jobDir(name);
            if (Files.exists(dir)) {
                Path trash = Files.createDirectories(config.dir().resolve(".trash"));
                Files.move(dir, trash.resolve(name + "-" + stamp()), StandardCopyOption.ATOMIC_MOVE);
            }
            return null;
        });
    }

    /** How many runs each job has had, by status and trigger. Blocking (the job store). */
    public List<JobStore.RunCount> runCounts() {
        return store.runCounts();
    }

    /** The names of the jobs with a run alive now. */
    public java.util.Set<String> running() {
        return java.util.Set.copyOf(active.keySet());
    }

    /** A running run's metrics endpoint: the job's name and the file where its JVM announced its port. */
    public record RunMetrics(String job, Path portFile) {
    }

    /** The metrics endpoints of the runs alive now (for Prometheus's discovery); a run not yet serving is left out. */
    public List<RunMetrics> runMetrics() {
        return active.entrySet().stream().map(e -> new RunMetrics(e.getKey(), e.getValue().files.metricsPort()))
                .filter(r -> Files.isRegularFile(r.portFile())).toList();
    }

    public List<JobStatus> list() {
        return call(() -> store.jobs().stream().map(this::status).toList());
    }

    public JobStatus get(String name) {
        return call(() -> status(job(name)));
    }

    public List<RunRecord> runs(String name, int limit) {
        return call(() -> {
            job(name);
            return store.runs(name, limit).stream().map(this::live).toList();
        });
    }

    public RunRecord run(String name, String runId) {
        return call(() -> {
            RunRecord r = store.run(runId).filter(x -> x.job().equals(name))
                    .orElseThrow(() -> new JobException.NotFound(name + " run " + runId));
            return live(r);
        });
    }

    /** A run's log from byte {@code offset} on, at most {@code max} bytes, and where it ends now. */
    public record LogChunk(String text, long offset, long end, boolean running) {
    }

    public LogChunk log(String name, String runId, long offset, int max) throws IOException {
        RunRecord r = run(name, runId);
        Path log = Path.of(r.log());
        if (!Files.exists(log)) {
            return new LogChunk("", 0, 0, r.status() == RunStatus.RUNNING);
        }
        try (var ch = Files.newByteChannel(log)) {
            long size = ch.size();
            long from = offset < 0 ? Math.max(0, size - max) : Math.min(offset, size);
            ch.position(from);
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) Math.min(max, size - from));
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // read until the buffer is full or the file ends
            }
            // Whole lines only: a tail starts after a line break, a chunk ends at one (unless a line is longer than
            // the chunk), so no character or line is cut in two.
            byte[] bytes = buf.array();
            int start = 0;
            int end = buf.position();
            if (offset < 0 && from > 0) {
                while (start < end && bytes[start] != '\n') {
                    start++;
                }
                start = Math.min(end, start + 1);
            }
            if (from + end < size) {
                int cut = end;
                while (cut > start && bytes[cut - 1] != '\n') {
                    cut--;
                }
                end = cut > start ? cut : end;
            }
            return new LogChunk(new String(bytes, start, end - start, java.nio.charset.StandardCharsets.UTF_8), from + start,
                    from + end, r.status() == RunStatus.RUNNING);
        }
    }

    // ---- the jobs thread -----------------------------------------------------------------------------------------

    /** Schedules what the job needs now: its next cron fire, or a continuous run that should be going. */
    private void plan(JobDefinition job, boolean starting) {
        cancelPending(job.name());
        if (job.mode() == JobMode.SCHEDULED && !job.paused()) {
            Schedule s = Schedule.parse(job.cron(), job.timeZone());
            if (starting && config.catchUp() && missedRun(job, s) && !active.containsKey(job.name())) {
                LOG.info("Job {} missed scheduled runs while the server was down; running it once now", job.name());
                launch(job, RunTrigger.CATCH_UP, 1, null, JobMode.SCHEDULED);
            }
            s.next(clock.instant()).ifPresent(at -> {
                nextRun.put(job.name(), at);
                pending.put(job.name(), thread.schedule(() -> fire(job.name(), at),
                        Math.max(0, Duration.between(clock.instant(), at).toMillis()), TimeUnit.MILLISECONDS));
            });
        } else if (job.mode() == JobMode.CONTINUOUS && job.active() && starting && !active.containsKey(job.name())) {
            RunRecord last = store.runs(job.name(), 1).stream().findFirst().orElse(null);
            Map<String, String> params = last == null ? job.params() : restartParams(job, last,
                    new ActiveRun(last, JobMode.CONTINUOUS, JobLauncher.RunFiles.of(jobDir(job.name()), last.id()), null,
                            null).status());
            launch(job, RunTrigger.RESTART, 1, null, JobMode.CONTINUOUS, params);
        }
    }

    /**
     * The parameters a continuous job's restart runs with: the values its last run bound (from that run's status
     * file, docs/jobs.md), so that a default computed at run time, such as a topic or directory with the time in its
     * name, stays the one the job's checkpoints were written with. The job's own values when the job was changed
     * since that run started (parameters edited, exported again, fresh checkpoints), or when that run recorded none
     * (it failed before binding them, or its project was exported before runs recorded them).
     */
    private static Map<String, String> restartParams(JobDefinition job, RunRecord last, JsonNode status) {
        JsonNode bound = status == null ? null : status.get("params");
        if (bound == null || !bound.isObject() || last.startedAt() == null || job.updatedAt().isAfter(last.startedAt())) {
            return job.params();
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        bound.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().asText()));
        out.putAll(job.params());
        return out;
    }

    /** Fires a job's schedule now, as its cron timer would at {@code due}; for tests. */
    void fireForTest(String name, Instant due) {
        call(() -> {
            fire(name, due);
            return null;
        });
    }

    private boolean missedRun(JobDefinition job, Schedule s) {
        Optional<Instant> due = s.last(clock.instant());
        if (due.isEmpty() || due.get().isBefore(job.createdAt())) {
            return false;
        }
        return store.runs(job.name(), 50).stream().filter(r -> r.scheduledFor() != null || r.trigger() == RunTrigger.CATCH_UP)
                .map(r -> r.scheduledFor() != null ? r.scheduledFor() : r.startedAt())
                .noneMatch(t -> !t.isBefore(due.get()));
    }

    private void fire(String name, Instant due) {
        pending.remove(name);
        try {
            JobDefinition job = store.job(name).orElse(null);
            if (job == null || job.mode() != JobMode.SCHEDULED || job.paused()) {
                return;
            }
            ActiveRun a = active.get(name);
            if (a != null) {
                RunRecord skipped = new RunRecord(newRunId(), name, RunTrigger.CRON, 1, due, clock.instant(), clock.instant(),
                        RunStatus.SKIPPED, null, "Skipped: the previous run (" + a.record.id() + ") was still running at "
                        + due + ".", null, null, null, null, job.params(), job.revision(), null);
                store.insert(skipped);
                LOG.warn("Job {}: the run due at {} was skipped; run {} was still going", name, due, a.record.id());
            } else {
                launch(job, RunTrigger.CRON, 1, due, JobMode.SCHEDULED);
            }
            plan(job, false);
        } catch (RuntimeException e) {
            LOG.error("Job {}: the run due at {} could not start: {}", name, due, e.getMessage());
        }
    }

    private RunRecord launch(JobDefinition job, RunTrigger trigger, int attempt, Instant scheduledFor, JobMode mode) {
        return launch(job, trigger, attempt, scheduledFor, mode, job.params());
    }

    /** @param params the run's {@code --param} values: the job's, or for a restart the ones its last run bound */
    private RunRecord launch(JobDefinition job, RunTrigger trigger, int attempt, Instant scheduledFor, JobMode mode,
                             Map<String, String> params) {
        String id = newRunId();
        JobLauncher.RunFiles files = JobLauncher.RunFiles.of(jobDir(job.name()), id);
        RunRecord r = new RunRecord(id, job.name(), trigger, attempt, scheduledFor, clock.instant(), null, RunStatus.RUNNING,
                null, null, null, files.log().toString(), null, null, params, job.revision(), null);
        ChildProcess p;
        try {
            Files.createDirectories(files.dir());
            p = launcher.launch(job, r, mode, files);
        } catch (IOException | RuntimeException e) {
            r = r.ended(clock.instant(), RunStatus.FAILED, null, "The run could not be started: " + e.getMessage(),
                    "error", null);
            store.insert(r);
            LOG.error("Job {}: a run could not be started: {}", job.name(), e.getMessage());
            return r;
        }
        ProcessHandle handle = p.process().toHandle();
        r = withPid(r, handle);
        store.insert(r);
        watch(new ActiveRun(r, mode, files, handle, p));
        return r;
    }

    private static RunRecord withPid(RunRecord r, ProcessHandle h) {
        String started = h.info().startInstant().map(Instant::toString).orElse(null);
        return new RunRecord(r.id(), r.job(), r.trigger(), r.attempt(), r.scheduledFor(), r.startedAt(), r.endedAt(),
                r.status(), r.exitCode(), r.error(), r.failure(), r.log(), h.pid(), started, r.params(), r.revision(),
                r.queries());
    }

    private void watch(ActiveRun run) {
        active.put(run.record.job(), run);
        run.onExit().whenComplete((code, e) -> thread.execute(() -> {
            try {
                ended(run, code == null ? -1 : code);
            } catch (RuntimeException ex) {
                LOG.error("Job {}: recording the end of run {} failed", run.record.job(), run.record.id(), ex);
            }
        }));
    }

    /** A run of this server that was still going when the server stopped: watch it again, or record its end. */
    private void recover(RunRecord r) {
        JobDefinition job = store.job(r.job()).orElse(null);
        JobLauncher.RunFiles files = JobLauncher.RunFiles.of(jobDir(r.job()), r.id());
        Optional<ProcessHandle> p = r.pid() == null ? Optional.empty() : ProcessHandle.of(r.pid())
                .filter(h -> r.pidStarted() == null || h.info().startInstant().map(Instant::toString)
                        .map(r.pidStarted()::equals).orElse(false));
        JobMode mode = job == null ? JobMode.ONCE : job.mode() == JobMode.CONTINUOUS ? JobMode.CONTINUOUS : JobMode.SCHEDULED;
        ActiveRun run = new ActiveRun(r, mode, files, p.orElse(null), null);
        if (p.isPresent() && p.get().isAlive()) {
            LOG.info("Job {}: run {} is still going (pid {}); supervising it again", r.job(), r.id(), r.pid());
            watch(run);
            return;
        }
        var status = run.status();
        int code = status != null && status.path("exitCode").isInt() ? status.path("exitCode").asInt() : -1;
        RunOutcome o = RunOutcome.of(code, false, status, run.logTail(20));
        store.save(r.ended(clock.instant(), o.status(), code < 0 ? null : code, code < 0
                ? "The run's JVM ended while the server was down, and it did not record how." : o.error(), o.failure(),
                queries(status)));
    }

    private void ended(ActiveRun run, int code) {
        String name = run.record.job();
        if (active.get(name) == run) {
            active.remove(name);
        }
        var status = run.status();
        RunOutcome o = RunOutcome.of(code, run.stopRequested, status, run.logTail(20));
        if (run.serverStopping) {
            o = new RunOutcome(RunStatus.STOPPED, null, "The server stopped, and stopped its runs (jobs.on-server-stop=stop).",
                    false);
        }
        RunRecord done = run.record.ended(clock.instant(), o.status(), code < 0 ? null : code, o.error(), o.failure(),
                queries(status));
        store.save(done);
        LOG.info("Job {}: run {} ended: {} (exit code {})", name, done.id(), done.status().wireName(), code);
        JobDefinition job = store.job(name).orElse(null);
        if (job == null || job.mode() != JobMode.CONTINUOUS || run.stopRequested || run.serverStopping || !job.active()) {
            return;
        }
        if (!o.retry()) {
            store.save(job.withActive(false));
            return;
        }
        Instant now = clock.instant();
        Deque<Instant> recent = restarts.computeIfAbsent(name, k -> recentRestarts(k, now));
        while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(config.restarts().window()))) {
            recent.removeFirst();
        }
        if (recent.size() >= config.restarts().maxRestarts()) {
            String why = "Crash loop: the run failed " + (recent.size() + 1) + " times within "
                    + config.restarts().window().toMinutes() + " minutes, so it is not started again. The last failure: "
                    + o.error();
            store.save(done.ended(done.endedAt(), RunStatus.FAILED, done.exitCode(), why, "crash_loop", null));
            store.save(job.withActive(false));
            LOG.error("Job {}: {}", name, why);
            return;
        }
        recent.addLast(now);
        Duration delay = config.restarts().delay(recent.size());
        int attempt = run.record.attempt() + 1;
        Instant at = now.plus(delay);
        nextRun.put(name, at);
        LOG.warn("Job {}: run {} failed; starting it again in {} s (restart {} of {})", name, done.id(), delay.toSeconds(),
                recent.size(), config.restarts().maxRestarts());
        pending.put(name, thread.schedule(() -> {
            pending.remove(name);
            store.job(name).filter(JobDefinition::active).ifPresent(j -> launch(j, RunTrigger.RESTART, attempt, null,
                    JobMode.CONTINUOUS, restartParams(j, done, status)));
        }, delay.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * When the job's restart runs within the crash-loop window started, oldest first, from the run history: what this
     * server remembers of a job it has not restarted yet, so that a server restart does not give a crash-looping job a
     * fresh count (its restarts are in the store, the deque of the server before was not).
     */
    private Deque<Instant> recentRestarts(String job, Instant now) {
        Instant since = now.minus(config.restarts().window());
        Deque<Instant> out = new ArrayDeque<>();
        List<RunRecord> runs = new ArrayList<>(store.runs(job, config.restarts().maxRestarts() + 10));
        java.util.Collections.reverse(runs);
        for (RunRecord r : runs) {
            if (r.trigger() == RunTrigger.RESTART && r.startedAt() != null && r.startedAt().isAfter(since)) {
                out.addLast(r.startedAt());
            }
        }
        return out;
    }

    /** Reads every running run's status file into its record (the UI's progress), and saves it now and then. */
    private void pollStatus() {
        for (ActiveRun run : active.values()) {
            String q = queries(run.status());
            if (q != null && !q.equals(run.record.queries())) {
                run.record = run.record.withQueries(q);
                if (ThreadLocalRandom.current().nextInt(10) == 0) {
                    store.save(run.record);
                }
            }
        }
    }

    private static String queries(com.fasterxml.jackson.databind.JsonNode status) {
        return status == null || !status.has("queries") ? null : status.get("queries").toString();
    }

    private RunRecord live(RunRecord r) {
        ActiveRun a = active.get(r.job());
        return a != null && a.record.id().equals(r.id()) ? a.record : r;
    }

    private JobStatus status(JobDefinition job) {
        ActiveRun a = active.get(job.name());
        // A skipped cron run says nothing about how the job is doing: the last run is the last that ran.
        RunRecord lastRun = a != null ? a.record : store.runs(job.name(), 20).stream()
                .filter(r -> r.status() != RunStatus.SKIPPED).findFirst().orElse(null);
        String state;
        if (a != null) {
            state = "running";
        } else if (pending.containsKey(job.name()) && job.mode() == JobMode.CONTINUOUS) {
            state = "restarting";
        } else if (job.mode() == JobMode.SCHEDULED) {
            state = job.paused() ? "paused" : "scheduled";
        } else if (lastRun != null && lastRun.status() == RunStatus.FAILED) {
            state = "failed";
        } else if (job.mode() == JobMode.CONTINUOUS) {
            state = "stopped";
        } else {
            state = "idle";
        }
        Deque<Instant> recent = restarts.getOrDefault(job.name(), new ArrayDeque<>());
        com.fasterxml.jackson.databind.JsonNode parameters;
        try {
            parameters = exports.read(Path.of(job.projectDir())).report().path("parameters");
        } catch (RuntimeException e) {
            parameters = null;
        }
        return new JobStatus(job, state, pending.containsKey(job.name()) ? nextRun.get(job.name()) : null, lastRun,
                recent.size(), NotebookRevision.of(notebooksDir.resolve(job.notebook())), parameters,
                previousRevision(job));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private JobExports.Exported exportInto(String name, Path notebook) {
        Path revisions = jobDir(name).resolve("revisions");
        Path out = revisions.resolve("export-" + stamp());
        try {
            Files.createDirectories(revisions);
        } catch (IOException e) {
            throw new JobException.Invalid("Cannot create " + revisions + ": " + e.getMessage(), e);
        }
        return exports.export(notebook, out, name);
    }

    private void checkParams(JobExports.Exported e, Map<String, String> params) {
        checkParams(e.project(), params);
    }

    /** Unknown parameter names are refused here; their types are checked by the job before Spark starts. */
    private void checkParams(Path project, Map<String, String> params) {
        List<String> known = new ArrayList<>();
        try {
            exports.read(project).report().path("parameters").forEach(p -> known.add(p.path("name").asText()));
        } catch (RuntimeException e) {
            throw new JobException.Invalid("Cannot read the exported job's parameters: " + e.getMessage(), e);
        }
        for (String k : params.keySet()) {
            if (!known.contains(k)) {
                throw new JobException.Invalid("Unknown parameter '" + k + "'; the notebook's parameters cell declares "
                        + (known.isEmpty() ? "none" : String.join(", ", known)) + ".");
            }
        }
    }

    private Path notebook(String path) {
        if (path == null || path.isBlank()) {
            throw new JobException.Invalid("Name the notebook to make a job of (its path in the notebooks directory).");
        }
        Path p = notebooksDir.resolve(path.startsWith("notebooks/") ? path.substring("notebooks/".length()) : path)
                .normalize();
        if (!p.startsWith(notebooksDir.normalize()) || !Files.isRegularFile(p) || !p.toString().endsWith(".ipynb")) {
            throw new JobException.Invalid("There is no notebook " + path + " in the notebooks directory.");
        }
        return p;
    }

    private static String defaultName(String notebook) {
        if (notebook == null) {
            return "";
        }
        String n = Path.of(notebook).getFileName().toString().replaceAll("\\.ipynb$", "");
        return n.replaceAll("[^A-Za-z0-9_-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
    }

    private JobDefinition job(String name) {
        return store.job(name).orElseThrow(() -> new JobException.NotFound(name));
    }

    private Path jobDir(String name) {
        return config.dir().resolve(name);
    }

    private void cancelPending(String name) {
        ScheduledFuture<?> f = pending.remove(name);
        if (f != null) {
            f.cancel(false);
        }
        nextRun.remove(name);
    }

    private void awaitEnded(String name, ActiveRun a) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (active.get(name) == a && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private String stamp() {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC)
                .format(clock.instant());
    }

    private String newRunId() {
        byte[] b = new byte[3];
        ThreadLocalRandom.current().nextBytes(b);
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC)
                .format(clock.instant()) + "-" + HexFormat.of().formatHex(b);
    }

    /** Runs {@code work} on the jobs thread and waits for it; its JobExceptions reach the caller as they are. */
    private <T> T call(Callable<T> work) {
        try {
            return thread.submit(work).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Stops supervising. With {@code jobs.on-server-stop=stop} every run is stopped (killed after the stop timeout)
     * and continuous jobs start again with the next server; with {@code leave} runs keep going and the next server
     * finds them.
     */
    @Override
    public void close() {
        List<ActiveRun> runs = new ArrayList<>(active.values());
        if (!config.leaveRunning()) {
            for (ActiveRun r : runs) {
                r.serverStopping = true;
                r.terminate();
            }
            for (ActiveRun r : runs) {
                r.killAfter(config.stopTimeout());
            }
            try {
                thread.submit(() -> null).get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the runs' ends are recorded when they can be
            }
            awaitEndsRecorded(runs);
        } else if (!runs.isEmpty()) {
            LOG.info("{} job run(s) keep running (jobs.on-server-stop=leave); the next server start supervises them",
                    runs.size());
        }
        thread.shutdownNow();
        store.close();
    }

    private void awaitEndsRecorded(List<ActiveRun> runs) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (runs.stream().anyMatch(r -> active.containsValue(r)) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
