package jobs;

import static io.workbench.ext.Notebook.display;
import static io.workbench.ext.Notebook.kafka;

import org.apache.spark.sql.streaming.Trigger;

/** Counts by event type as a live view, and a copy of the events to the noop sink with a trigger of its own. */
public final class TypeCountsJob {
    public record Params(String topic) {
        public static Params defaults() {
            return new Params("events");
        }
    }

    public static void main(String[] args) {
        io.workbench.job.Job.main(args, Params.class, TypeCountsJob::run);
    }

    static void run(io.workbench.job.Job job, Params params) throws Exception {
        display(kafka.events(params.topic()).groupBy("event_type").count(), "by_type");
        job.start(kafka.events(params.topic()).writeStream().format("noop").queryName("events_noop")
                .trigger(Trigger.ProcessingTime("2 seconds")));
    }
}
