package io.workbench.server.jobs;

import java.time.Instant;

/**
 * A job as the Jobs page and {@code job list} show it.
 *
 * @param state       {@code running}, {@code restarting} (backing off after a failure), {@code scheduled},
 *                    {@code paused}, {@code failed} (it will not run again by itself), {@code stopped} or {@code idle}
 * @param nextRun     when it runs next (a cron fire or a restart), or null
 * @param lastRun     its newest run, or null
 * @param restarts    restarts of its continuous runs within the restart window
 * @param notebookRevision the notebook's revision now; differs from the job's when the notebook changed since the
 *                    export, and is null when the notebook is gone
 * @param parameters  the parameters the export declares (name, type, default, doc), from its job.json; or null
 * @param previousRevision the revision a revert would go back to, or null when there is none
 */
public record JobStatus(JobDefinition job, String state, Instant nextRun, RunRecord lastRun, int restarts,
                        String notebookRevision, com.fasterxml.jackson.databind.JsonNode parameters,
                        String previousRevision) {
    /** Whether the last run was refused because a checkpoint did not fit, and so the user must choose what to do. */
    public boolean needsCheckpointChoice() {
        return lastRun != null && "checkpoint_incompatible".equals(lastRun.failure());
    }

    public boolean notebookChanged() {
        return notebookRevision != null && !notebookRevision.equals(job.revision());
    }
}
