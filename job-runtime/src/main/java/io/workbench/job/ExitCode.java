package io.workbench.job;

import io.workbench.ext.query.QueryFailure;

/** How a job run ends, as its supervisor reads the JVM's exit status (docs/jobs.md, "A job run"). */
enum ExitCode {
    /** Every query finished (scheduled, once), or the run was stopped (SIGTERM). */
    DONE(0),
    /** A query or the job's code failed; a continuous job is restarted. */
    FAILED(1),
    /** A parameter or setting is wrong, found before Spark starts; restarting cannot help. */
    INVALID(2),
    /** A checkpoint was written by a different query, found before the query's first batch. */
    CHECKPOINT_INCOMPATIBLE(3),
    /** Kafka no longer holds offsets a query expected. */
    DATA_LOSS(4);

    final int status;

    ExitCode(int status) {
        this.status = status;
    }

    /** The exit for a failure of this kind. */
    static ExitCode of(QueryFailure.Kind kind) {
        return switch (kind) {
            case DATA_LOSS -> DATA_LOSS;
            case CHECKPOINT_INCOMPATIBLE -> CHECKPOINT_INCOMPATIBLE;
            case UNSUPPORTED, ERROR -> FAILED;
        };
    }
}
