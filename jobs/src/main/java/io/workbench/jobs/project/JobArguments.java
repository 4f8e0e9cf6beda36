package io.workbench.jobs.project;

import io.workbench.jobs.JobParameter;
import java.util.ArrayList;
import java.util.List;

/**
 * The job's own command line under another orchestrator (docs/jobs.md, "A job run"): its name, its mode, its
 * checkpoint directory, and {@code --param NAME=VALUE} for each parameter whose default is a literal, so that the
 * values are in plain sight to change. A parameter whose default is code is left to that code.
 */
final class JobArguments {
    private JobArguments() {
    }

    /** {@code --job NAME --mode MODE --checkpoint-dir DIR}, then the parameters. */
    static List<String> of(ExportedJob job, String mode, String checkpointDir) {
        List<String> args = new ArrayList<>(List.of("--job", job.names().job(), "--mode", mode,
                "--checkpoint-dir", checkpointDir));
        for (String p : params(job)) {
            args.add("--param");
            args.add(p);
        }
        return args;
    }

    /** {@code NAME=VALUE} for each parameter with a literal default, in the notebook's order. */
    static List<String> params(ExportedJob job) {
        return job.parameters().stream().filter(p -> p.literal() != null)
                .map(p -> p.name() + "=" + p.literal()).toList();
    }

    /** The parameters whose default is code, which the orchestrator files only mention. */
    static List<JobParameter> computed(ExportedJob job) {
        return job.parameters().stream().filter(p -> p.literal() == null).toList();
    }
}
