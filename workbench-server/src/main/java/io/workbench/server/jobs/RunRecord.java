package io.workbench.server.jobs;

import java.time.Instant;
import java.util.Map;

/**
 * One run of a job, as the history keeps it.
 *
 * @param id           sortable and unique: the start time and a random suffix
 * @param attempt      1 for a run that was asked for or due; n for the (n-1)th restart after failures
 * @param scheduledFor when a cron run was due; null otherwise
 * @param exitCode     the JVM's exit code (docs/jobs.md), or null while it runs or for a skipped run
 * @param error        why it failed or was skipped, for a user; or null
 * @param failure      the job's failure kind: {@code params}, {@code checkpoint_incompatible}, {@code data_loss},
 *                     {@code error}, {@code crash_loop}; or null
 * @param log          the run's log file
 * @param pid          the run's JVM, while it runs
 * @param pidStarted   when that JVM started (from the OS), to tell it from a later process with the same pid
 * @param queries      each query's last progress, as the job's status file reports it (JSON array text)
 */
public record RunRecord(String id, String job, RunTrigger trigger, int attempt, Instant scheduledFor,
                        Instant startedAt, Instant endedAt, RunStatus status, Integer exitCode, String error,
                        String failure, String log, Long pid, String pidStarted, Map<String, String> params, String revision,
                        String queries) {
    public RunRecord {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    public RunRecord ended(Instant at, RunStatus s, Integer code, String why, String kind, String lastQueries) {
        return new RunRecord(id, job, trigger, attempt, scheduledFor, startedAt, at, s, code, why, kind, log, pid,
                pidStarted, params, revision, lastQueries != null ? lastQueries : queries);
    }

    public RunRecord withQueries(String q) {
        return new RunRecord(id, job, trigger, attempt, scheduledFor, startedAt, endedAt, status, exitCode, error,
                failure, log, pid, pidStarted, params, revision, q);
    }
}
