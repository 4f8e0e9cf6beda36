package io.workbench.server.jobs;

import java.time.Instant;
import java.util.Map;

/**
 * A job: an exported notebook plus how it runs.
 *
 * @param name       letters, digits, '-' and '_', at most 64; names the job's directory, checkpoints and sinks
 * @param notebook   the notebook's path in the notebooks directory
 * @param mode       how it runs
 * @param cron       a 5-field Unix cron expression, for scheduled jobs; else null
 * @param timeZone   the zone the cron expression is read in (an IANA id)
 * @param params     parameter overrides by name, as text; the job checks their types when it starts
 * @param paused     whether its schedule is paused
 * @param active     for a continuous job, whether it should be running (it was started and not stopped since): a
 *                   server that starts again starts it if it is not running
 * @param revision   the notebook revision it was exported from (docs/jobs.md)
 * @param mainClass  the exported class
 * @param projectDir where the exported project (and its compiled classes) are
 * @param startingOffsets where its queries start when they have no checkpoint: null (earliest), latest, or Spark's
 *                   JSON of offsets per topic and partition (set when the user chose a fresh checkpoint)
 */
public record JobDefinition(String name, String notebook, JobMode mode, String cron, String timeZone,
                            Map<String, String> params, boolean paused, boolean active, String revision, String mainClass,
                            String projectDir, String startingOffsets, Instant createdAt, Instant updatedAt) {
    public JobDefinition {
        params = Map.copyOf(params);
    }

    public JobDefinition withPaused(boolean p) {
        return new JobDefinition(name, notebook, mode, cron, timeZone, params, p, active, revision, mainClass, projectDir,
                startingOffsets, createdAt, Instant.now());
    }

    public JobDefinition withActive(boolean a) {
        return new JobDefinition(name, notebook, mode, cron, timeZone, params, paused, a, revision, mainClass, projectDir,
                startingOffsets, createdAt, Instant.now());
    }

    public JobDefinition withSchedule(JobMode m, String c, String zone) {
        return new JobDefinition(name, notebook, m, c, zone, params, paused, active, revision, mainClass, projectDir, startingOffsets,
                createdAt, Instant.now());
    }

    public JobDefinition withParams(Map<String, String> p) {
        return new JobDefinition(name, notebook, mode, cron, timeZone, p, paused, active, revision, mainClass, projectDir,
                startingOffsets, createdAt, Instant.now());
    }

    public JobDefinition withStartingOffsets(String offsets) {
        return new JobDefinition(name, notebook, mode, cron, timeZone, params, paused, active, revision, mainClass,
                projectDir, offsets, createdAt, Instant.now());
    }

    public JobDefinition withExport(String rev, String main, String dir) {
        return new JobDefinition(name, notebook, mode, cron, timeZone, params, paused, active, rev, main, dir,
                startingOffsets, createdAt, Instant.now());
    }
}
