package io.workbench.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a run ended, from its exit code (docs/jobs.md) and its status file: the run's status, the failure kind, a
 * message for the user, and whether a continuous job should be started again.
 */
record RunOutcome(RunStatus status, String failure, String error, boolean retry) {

    static RunOutcome of(int exitCode, boolean stopRequested, JsonNode status, String logTail) {
        String reported = status == null || status.path("error").isNull() || status.path("error").isMissingNode()
                ? null : status.path("error").asText();
        if (stopRequested) {
            return new RunOutcome(RunStatus.STOPPED, null, exitCode == 0 || exitCode == 143 ? null
                    : "It did not stop within the stop timeout and was killed.", false);
        }
        return switch (exitCode) {
            case 0 -> new RunOutcome(RunStatus.SUCCEEDED, null, null, false);
            case 2 -> new RunOutcome(RunStatus.FAILED, "params", or(reported, logTail,
                    "A parameter or setting is wrong."), false);
            case 3 -> new RunOutcome(RunStatus.FAILED, "checkpoint_incompatible", or(reported, logTail,
                    "A checkpoint was written by a different query.") + "\nChoose: run it from a fresh checkpoint (the old one"
                    + " is kept aside), or go back to the previous version of the job.", false);
            case 4 -> new RunOutcome(RunStatus.FAILED, "data_loss", or(reported, logTail, "Kafka data loss."), false);
            default -> new RunOutcome(RunStatus.FAILED, "error", or(reported, logTail,
                    exitCode < 0 ? "The run's JVM is gone; its exit code is unknown." : "The run's JVM exited with code "
                            + exitCode + (exitCode == 137 ? " (killed)" : "") + "."), true);
        };
    }

    private static String or(String reported, String logTail, String fallback) {
        if (reported != null && !reported.isBlank()) {
            return reported;
        }
        return logTail == null || logTail.isBlank() ? fallback : fallback + "\nThe end of its log:\n" + logTail;
    }
}
