package io.workbench.server.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.process.ChildProcess;
import io.workbench.process.Supervisor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervision logic with a fake exporter and runs that are real, short shell processes whose exit codes are
 * the job's parameters: restarts with growing delays, a crash loop, exit codes that are not retried, stop, a run
 * while one runs, skipped cron runs, and a manager that starts again and finds a run still going. JobsIT does the
 * same with real exports and job JVMs.
 */
class JobManagerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    private JobsConfig config;
    private JobStore store;
    private JobManager jobs;

    /** Exports nothing: writes a job.json whose only parameters are "exit" and "sleep". */
    private final Exporter exporter = new Exporter() {
        @Override
        public JobExports.Exported export(Path notebook, Path out, String jobName) {
            try {
                Files.createDirectories(out);
                Files.writeString(out.resolve("job.json"), "{\"revision\": \"r1\", \"mainClass\": \"jobs.FakeJob\","
                        + " \"parameters\": [{\"name\": \"exit\"}, {\"name\": \"sleep\"}, {\"name\": \"stamp\"}]}");
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return read(out);
        }

        @Override
        public JobExports.Exported read(Path project) {
            try {
                return new JobExports.Exported(project, project.resolve("target/classes"), "r1", "jobs.FakeJob",
                        JSON.readTree(project.resolve("job.json").toFile()));
            } catch (java.io.IOException e) {
                throw new JobException.Invalid("no job.json", e);
            }
        }
    };

    /**
     * A run: sleeps its "sleep" parameter (seconds), writes its status file with the parameters it bound, exits with
     * its "exit" parameter. Its "stamp" parameter defaults to the time the run started, as a time-based default would.
     */
    private final JobLauncher launcher = (job, run, mode, files) -> {
        String exit = run.params().getOrDefault("exit", "0");
        String sleep = run.params().getOrDefault("sleep", "0");
        String stamp = run.params().getOrDefault("stamp", "$(date +%s%N)");
        String script = "trap 'exit 0' TERM; sleep " + sleep + " & wait $!; echo \"{\\\"exitCode\\\": " + exit
                + ", \\\"queries\\\": [], \\\"params\\\": {\\\"exit\\\": \\\"" + exit + "\\\", \\\"sleep\\\": \\\"" + sleep
                + "\\\", \\\"stamp\\\": \\\"" + stamp + "\\\"}}\" > '" + files.status() + "'; exit " + exit;
        return ChildProcess.spawn(new ChildProcess.Spec("fake run", List.of("sh", "-c", script), Map.of(), null, files.log()))
                .detached();
    };

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(home.resolve("notebooks"));
        Files.writeString(home.resolve("notebooks/nb.ipynb"), "{\"cells\": [], \"nbformat\": 4, \"nbformat_minor\": 5}");
        config = new JobsConfig(home, home.resolve("jobs"), home, home, false, Duration.ofSeconds(5),
                new Supervisor.Policy(Duration.ofMillis(100), Duration.ofMillis(400), 3, Duration.ofMinutes(1)), true, "256m");
        store = new JobStore(config.dir());
        jobs = new JobManager(config, store, exporter, launcher, home.resolve("notebooks"), Clock.systemUTC());
        jobs.start();
    }

    @AfterEach
    void stop() {
        jobs.close();
    }

    private JobStatus create(String name, JobMode mode, String cron, Map<String, String> params) {
        return jobs.create(new JobManager.NewJob(name, "nb.ipynb", mode, cron, "UTC", params));
    }

    private List<RunRecord> awaitRuns(String job, Predicate<List<RunRecord>> done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        List<RunRecord> runs = jobs.runs(job, 50);
        while (!done.test(runs) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            runs = jobs.runs(job, 50);
        }
        assertTrue(done.test(runs), "runs: " + runs);
        return runs;
    }

    @Test
    void aServerRestartDoesNotGiveACrashLoopAFreshCount() throws Exception {
        create("crashy", JobMode.CONTINUOUS, null, Map.of("exit", "1"));
        List<RunRecord> before = awaitRuns("crashy", r -> r.stream().filter(x -> x.status() == RunStatus.FAILED).count() >= 2);
        jobs.close(); // the server stops (and closes the store) ...
        store = new JobStore(config.dir());
        jobs = new JobManager(config, store, exporter, launcher, home.resolve("notebooks"), Clock.systemUTC());
        jobs.start(); // ... and starts again: the job is still active, so it is started again
        List<RunRecord> runs = awaitRuns("crashy", r -> r.size() > 1 && "crash_loop".equals(r.get(0).failure()));
        // One run and three restarts (maxRestarts) in all, whatever the server did between them; a count that started
        // again at the server's restart would allow three more restarts after it.
        long failed = runs.stream().filter(x -> x.status() == RunStatus.FAILED).count();
        assertTrue(failed <= 5, before.size() + " runs before the restart, then: " + runs);
        assertTrue(runs.stream().filter(x -> x.trigger() == RunTrigger.RESTART).count() <= 4, runs.toString());
    }

    /** A default computed at run time (a topic with the time in it) is not computed again by a restart. */
    @Test
    void aRestartRunsWithTheParametersItsLastRunBound() throws Exception {
        create("pinned", JobMode.CONTINUOUS, null, Map.of("exit", "1", "sleep", "1"));
        List<RunRecord> runs = awaitRuns("pinned", r -> r.size() >= 2);
        assertEquals(Map.of("exit", "1", "sleep", "1"), runs.get(1).params(), "the first run: the job's values");
        String stamp = runs.get(0).params().get("stamp");
        assertTrue(stamp != null && stamp.matches("\\d+"), "the restart binds what the first run bound: " + runs);
        // The job is edited while its restart runs: the next restart binds the job's values afresh.
        jobs.update("pinned", null, null, null, Map.of("exit", "1", "sleep", "1"));
        List<RunRecord> after = awaitRuns("pinned", r -> r.size() >= 3);
        assertEquals(Map.of("exit", "1", "sleep", "1"), after.get(0).params(), after.toString());
        List<RunRecord> last = awaitRuns("pinned", r -> r.size() >= 4);
        assertTrue(last.get(0).params().get("stamp") != null && !stamp.equals(last.get(0).params().get("stamp")),
                "then it pins again, the new value: " + last);
    }

    @Test
    void aFailingContinuousRunIsRestartedWithGrowingDelaysUntilACrashLoopEndsIt() throws Exception {
        create("crashy", JobMode.CONTINUOUS, null, Map.of("exit", "1"));
        List<RunRecord> runs = awaitRuns("crashy", r -> r.size() == 4 && r.stream().allMatch(x -> x.status() != RunStatus.RUNNING));
        assertEquals(List.of(4, 3, 2, 1), runs.stream().map(RunRecord::attempt).toList());
        assertEquals(List.of(RunTrigger.RESTART, RunTrigger.RESTART, RunTrigger.RESTART, RunTrigger.MANUAL),
                runs.stream().map(RunRecord::trigger).toList());
        assertEquals("crash_loop", runs.get(0).failure(), runs.get(0).toString());
        assertTrue(runs.get(0).error().startsWith("Crash loop: the run failed 4 times"), runs.get(0).error());
        Duration firstGap = Duration.between(runs.get(3).endedAt(), runs.get(2).startedAt());
        Duration lastGap = Duration.between(runs.get(1).endedAt(), runs.get(0).startedAt());
        assertTrue(lastGap.compareTo(firstGap) > 0, "delays grow: " + firstGap + " then " + lastGap);
        Thread.sleep(700);
        assertEquals(4, jobs.runs("crashy", 50).size(), "not started again after giving up");
        assertEquals("failed", jobs.get("crashy").state());
        assertFalse(store.job("crashy").orElseThrow().active());
    }

    /** A job's runs by status exist at 0 from its first scrape, for every way a run can end. */
    @Test
    void aJobsRunCountersStartAtZeroForEveryEndedStatus() throws Exception {
        try (io.workbench.server.metrics.WorkbenchMetrics metrics = new io.workbench.server.metrics.WorkbenchMetrics()) {
            metrics.jobs(jobs);
            create("counted", JobMode.CONTINUOUS, null, Map.of("sleep", "60"));
            awaitRuns("counted", x -> !x.isEmpty() && x.get(0).status() == RunStatus.RUNNING);
            String scrape = metrics.scrape();
            for (String status : List.of("succeeded", "failed", "skipped", "stopped")) {
                assertTrue(scrape.contains("workbench_job_runs_total{job_name=\"counted\",status=\"" + status + "\"} 0.0\n"),
                        () -> status + " is not at 0:\n" + scrape);
            }
            assertFalse(scrape.contains("status=\"running\""), "a running run has not ended");
            jobs.stop("counted");
            awaitRuns("counted", x -> x.get(0).status() == RunStatus.STOPPED);
            String after = metrics.scrape();
            assertTrue(after.contains("workbench_job_runs_total{job_name=\"counted\",status=\"stopped\"} 1.0\n"), after);
            assertTrue(after.contains("workbench_job_runs_total{job_name=\"counted\",status=\"failed\"} 0.0\n"), after);
        }
    }

    @Test
    void exitCodesARestartCannotFixEndTheJobAtOnce() throws Exception {
        create("stale", JobMode.CONTINUOUS, null, Map.of("exit", "3"));
        RunRecord r = awaitRuns("stale", x -> !x.isEmpty() && x.get(0).status() == RunStatus.FAILED).get(0);
        assertEquals("checkpoint_incompatible", r.failure());
        assertEquals(3, r.exitCode());
        Thread.sleep(500);
        assertEquals(1, jobs.runs("stale", 50).size(), "no restart");
    }

    @Test
    void stopEndsARunAndARunWhileOneRunsIsRefused() throws Exception {
        create("long", JobMode.CONTINUOUS, null, Map.of("sleep", "60"));
        awaitRuns("long", x -> !x.isEmpty() && x.get(0).status() == RunStatus.RUNNING);
        JobException.Conflict busy = assertThrows(JobException.Conflict.class, () -> jobs.run("long"));
        assertTrue(busy.getMessage().contains("stop it first"), busy.getMessage());
        long t0 = System.nanoTime();
        JobStatus s = jobs.stop("long");
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 5, "SIGTERM, no need to kill");
        assertEquals("stopped", s.state());
        assertEquals(RunStatus.STOPPED, jobs.runs("long", 1).get(0).status());
    }

    @Test
    void aCronRunDueWhileThePreviousRunsIsSkipped() throws Exception {
        create("nightly", JobMode.SCHEDULED, "0 3 * * *", Map.of("sleep", "60"));
        assertTrue(jobs.get("nightly").nextRun().isAfter(Instant.now()));
        jobs.run("nightly");
        jobs.fireForTest("nightly", Instant.now());
        RunRecord skipped = awaitRuns("nightly", x -> x.stream().anyMatch(r -> r.status() == RunStatus.SKIPPED)).stream()
                .filter(r -> r.status() == RunStatus.SKIPPED).findFirst().orElseThrow();
        assertTrue(skipped.error().contains("was still running"), skipped.error());
        jobs.stop("nightly");
    }

    @Test
    void badRequestsAreRefusedWithWhatIsWrong() {
        assertThrows(JobException.Invalid.class, () -> create("x", JobMode.SCHEDULED, "61 * * * *", Map.of()));
        assertThrows(JobException.Invalid.class, () -> create("bad name!", JobMode.ONCE, null, Map.of()));
        JobException.Invalid unknown = assertThrows(JobException.Invalid.class,
                () -> create("y", JobMode.ONCE, null, Map.of("nope", "1")));
        assertTrue(unknown.getMessage().contains("Unknown parameter 'nope'") && unknown.getMessage().contains("exit, sleep"),
                unknown.getMessage());
        assertThrows(JobException.Invalid.class, () -> jobs.create(new JobManager.NewJob("z", "../secret.ipynb",
                JobMode.ONCE, null, "UTC", Map.of())));
        assertThrows(JobException.NotFound.class, () -> jobs.get("ghost"));
        assertTrue(jobs.list().isEmpty(), "nothing half-made");
    }

    @Test
    void aManagerThatStartsAgainFindsARunStillGoing() throws Exception {
        jobs.close();
        JobsConfig leave = new JobsConfig(home, config.dir(), home, home, true, Duration.ofSeconds(5), config.restarts(), true, "256m");
        jobs = new JobManager(leave, new JobStore(config.dir()), exporter, launcher, home.resolve("notebooks"), Clock.systemUTC());
        jobs.start();
        create("survivor", JobMode.CONTINUOUS, null, Map.of("sleep", "60"));
        RunRecord running = awaitRuns("survivor", x -> !x.isEmpty() && x.get(0).status() == RunStatus.RUNNING).get(0);
        // The server stops, leaving the run going (jobs.on-server-stop=leave); a new one opens the same database.
        jobs.close();
        assertTrue(ProcessHandle.of(running.pid()).map(ProcessHandle::isAlive).orElse(false), "left running");
        jobs = new JobManager(config, new JobStore(config.dir()), exporter, launcher, home.resolve("notebooks"), Clock.systemUTC());
        jobs.start();
        assertEquals("running", jobs.get("survivor").state(), "found again, not restarted");
        assertEquals(running.id(), jobs.runs("survivor", 1).get(0).id());
        ProcessHandle.of(running.pid()).orElseThrow().destroyForcibly();
        RunRecord ended = awaitRuns("survivor", x -> x.stream().anyMatch(r -> r.id().equals(running.id())
                && r.status() != RunStatus.RUNNING)).stream().filter(r -> r.id().equals(running.id())).findFirst().orElseThrow();
        assertEquals(RunStatus.FAILED, ended.status(), "killed: its exit code is unknown to a server that did not start it");
        jobs.stop("survivor");
    }
}
