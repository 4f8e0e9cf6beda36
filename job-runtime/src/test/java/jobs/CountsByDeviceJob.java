package jobs;

import static io.workbench.ext.Notebook.display;
import static io.workbench.ext.Notebook.kafka;

/** A query named like {@link EventCountsJob}'s counts, grouped by another column: its checkpoint is not this one's. */
public final class CountsByDeviceJob {
    public record Params(String topic) {
        public static Params defaults() {
            return new Params("events");
        }
    }

    public static void main(String[] args) {
        io.workbench.job.Job.main(args, Params.class, CountsByDeviceJob::run);
    }

    static void run(io.workbench.job.Job job, Params params) {
        display(kafka.events(params.topic()).groupBy("device").count(), "counts");
    }
}
