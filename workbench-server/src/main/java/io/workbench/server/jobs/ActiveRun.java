package io.workbench.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A run whose JVM is alive: started by this server ({@code child} set) or found again after a restart of the server
 * (only its {@link ProcessHandle}). Read by the manager's thread and by requests; its record is replaced, not
 * changed.
 */
final class ActiveRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    final JobMode mode;
    final JobLauncher.RunFiles files;
    final ProcessHandle process;
    final ChildProcess child;
    volatile RunRecord record;
    volatile boolean stopRequested;
    /** Set when the server stops it because the server is stopping: the job stays active. */
    volatile boolean serverStopping;

    ActiveRun(RunRecord record, JobMode mode, JobLauncher.RunFiles files, ProcessHandle process, ChildProcess child) {
        this.record = record;
        this.mode = mode;
        this.files = files;
        this.process = process;
        this.child = child;
    }

    /** Completes with the exit code, or -1 when it is not known (a JVM this server did not start). */
    CompletableFuture<Integer> onExit() {
        if (child != null) {
            return child.onExit();
        }
        return process.onExit().thenApply(p -> {
            JsonNode s = status();
            return s != null && s.path("exitCode").isInt() ? s.path("exitCode").asInt() : -1;
        });
    }

    /** The run's status file as it is now, or null when it has none (yet) or it cannot be read. */
    JsonNode status() {
        try {
            return Files.isRegularFile(files.status()) ? JSON.readTree(files.status().toFile()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Asks the run to stop (SIGTERM: its queries stop between batches). */
    void terminate() {
        stopRequested = true;
        process.destroy();
    }

    /** Kills it if it is still there after {@code grace}; blocks up to {@code grace}. */
    void killAfter(Duration grace) {
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    /** The last lines of the run's log, for an error that the status file does not explain. */
    String logTail(int lines) {
        try {
            var all = Files.readAllLines(files.log());
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
