package io.workbench.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes (sh, sleep): readiness, graceful and forced stops, restarts with backoff, giving up. */
class SupervisorTest {
    private static ChildProcess.Spec sh(String name, String script, Path log) {
        return new ChildProcess.Spec(name, List.of("sh", "-c", script), Map.of(), null, log);
    }

    @Test
    void aChildIsReadyWhenItsProbePassesAndItsLogSaysWhyWhenItDies(@TempDir Path dir) throws Exception {
        try (ChildProcess c = ChildProcess.start(sh("greeter", "sleep 0.3; echo READY; sleep 60", dir.resolve("a.log")),
                child -> child.logHasLine("READY"), Duration.ofSeconds(10))) {
            assertTrue(c.isAlive());
            assertEquals(String.valueOf(ProcessHandle.current().pid()), envOf(c), "the child knows its parent");
        }
        ChildProcessException e = assertThrows(ChildProcessException.class, () -> ChildProcess.start(
                sh("doomed", "echo 'port 9092 in use'; exit 3", dir.resolve("b.log")), c -> false, Duration.ofSeconds(10)));
        assertTrue(e.getMessage().contains("doomed exited with code 3") && e.getMessage().contains("port 9092 in use"),
                e.getMessage());
        ChildProcessException slow = assertThrows(ChildProcessException.class, () -> ChildProcess.start(
                sh("slow", "sleep 60", dir.resolve("c.log")), c -> false, Duration.ofMillis(300)));
        assertTrue(slow.getMessage().contains("was not ready within"), slow.getMessage());
    }

    private static String envOf(ChildProcess c) throws Exception {
        // The child was told who its parent is, so it can exit with it (ParentWatch).
        return Files.readString(Path.of("/proc/" + c.pid() + "/environ")).lines().findFirst().orElse("")
                .replace('\0', '\n').lines().filter(l -> l.startsWith(ParentWatch.PARENT_PID_ENV + "="))
                .map(l -> l.substring(l.indexOf('=') + 1)).findFirst().orElse("none");
    }

    @Test
    void stopIsGracefulThenForced(@TempDir Path dir) {
        ChildProcess polite = ChildProcess.start(sh("polite", "sleep 60", dir.resolve("p.log")), ChildProcess.Readiness.RUNNING,
                Duration.ofSeconds(5));
        assertEquals(143, polite.stop(Duration.ofSeconds(5)), "SIGTERM ended it");
        ChildProcess stubborn = ChildProcess.start(sh("stubborn", "trap '' TERM; echo up; while true; do sleep 0.1; done",
                dir.resolve("s.log")), c -> c.logHasLine("up"), Duration.ofSeconds(5));
        long started = System.nanoTime();
        stubborn.stop(Duration.ofMillis(500));
        assertFalse(stubborn.isAlive(), "killed after the grace period");
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) >= 500);
    }

    @Test
    void aCrashingChildIsRestartedWithGrowingDelaysUntilTheSupervisorGivesUp(@TempDir Path dir) throws Exception {
        List<Duration> delays = new CopyOnWriteArrayList<>();
        CountDownLatch gaveUp = new CountDownLatch(1);
        Supervisor.Policy policy = new Supervisor.Policy(Duration.ofMillis(50), Duration.ofMillis(150), 3, Duration.ofMinutes(1));
        Supervisor s = Supervisor.start("crasher", () -> ChildProcess.start(sh("crasher", "sleep 0.2; exit 7",
                dir.resolve("x.log")), ChildProcess.Readiness.RUNNING, Duration.ofSeconds(5)), policy, new Supervisor.Listener() {
                    @Override
                    public void exited(int exitCode, Duration delay) {
                        assertEquals(7, exitCode);
                        delays.add(delay);
                    }

                    @Override
                    public void gaveUp(String why) {
                        gaveUp.countDown();
                    }
                });
        assertTrue(gaveUp.await(20, TimeUnit.SECONDS), "gave up on a crash loop");
        assertEquals(List.of(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(150)), delays);
        assertEquals(Supervisor.State.GAVE_UP, s.state());
        assertTrue(s.lastError().contains("crasher exited (code 7) 4 times"), s.lastError());
        s.close();
    }

    @Test
    void aStoppedSupervisorDoesNotRestart(@TempDir Path dir) throws Exception {
        Supervisor s = Supervisor.start("sleeper", () -> ChildProcess.start(sh("sleeper", "sleep 60", dir.resolve("z.log")),
                ChildProcess.Readiness.RUNNING, Duration.ofSeconds(5)), new Supervisor.Policy(Duration.ZERO,
                Duration.ZERO, 5, Duration.ofMinutes(1)), new Supervisor.Listener() {
                });
        ChildProcess first = s.current();
        s.stop(Duration.ofSeconds(5));
        Thread.sleep(300);
        assertEquals(Supervisor.State.STOPPED, s.state());
        assertFalse(first.isAlive());
        assertEquals(first, s.current(), "no new process");
    }

    @Test
    void aChildStoppedDirectlyIsNoCrash(@TempDir Path dir) throws Exception {
        // As at JVM shutdown: ChildProcess's own hook stops every live child, maybe before its supervisor is stopped.
        List<Integer> exits = new CopyOnWriteArrayList<>();
        Supervisor s = Supervisor.start("sleeper", () -> ChildProcess.start(sh("sleeper", "sleep 60", dir.resolve("d.log")),
                ChildProcess.Readiness.RUNNING, Duration.ofSeconds(5)), new Supervisor.Policy(Duration.ZERO,
                Duration.ZERO, 5, Duration.ofMinutes(1)), new Supervisor.Listener() {
                    @Override
                    public void exited(int exitCode, Duration delay) {
                        exits.add(exitCode);
                    }
                });
        ChildProcess first = s.current();
        assertEquals(143, first.stop(Duration.ofSeconds(5)));
        Thread.sleep(300);
        assertEquals(List.of(), exits, "not reported as an unexpected exit");
        assertEquals(first, s.current(), "not started again");
        s.stop(Duration.ofSeconds(5));
    }
}
