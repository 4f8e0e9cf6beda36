package jobs;

import static io.workbench.ext.Notebook.display;
import static io.workbench.ext.Notebook.kafka;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.window;

import java.time.Duration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@link EventCountsJob} exported again after the notebook gained a filter above its events (one that keeps every
 * event): a change its checkpoints allow.
 */
public final class EventCountsFilteredJob {
    public record Params(String topic, String output, Duration window) {
        public static Params defaults() {
            return new Params("events", "data/raw-events", Duration.ofMinutes(1));
        }
    }

    static Dataset<Row> events;

    public static void main(String[] args) {
        io.workbench.job.Job.main(args, Params.class, EventCountsFilteredJob::run);
    }

    static void run(io.workbench.job.Job job, Params params) throws Exception {
        events = kafka.events(params.topic()).where(col("event_id").isNotNull()).withWatermark("timestamp", "5 minutes");
        display(events.groupBy(window(col("timestamp"), params.window().toSeconds() + " seconds"), col("event_type"))
                .count(), "counts");
        job.start(kafka.events(params.topic()).select("event_id", "event_type").writeStream().format("parquet")
                .option("path", params.output()).queryName("raw_events"));
    }
}
