package jobs;

import static io.workbench.ext.Notebook.display;
import static io.workbench.ext.Notebook.kafka;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.window;

import java.time.Duration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Event counts per window and type, kept as a live view, and the raw events to Parquet. */
public final class EventCountsJob {
    /** The cell tagged parameters. */
    public record Params(String topic, String output, Duration window) {
        public static Params defaults() {
            return new Params("events", "data/raw-events", Duration.ofMinutes(1));
        }
    }

    static Dataset<Row> events;

    public static void main(String[] args) {
        io.workbench.job.Job.main(args, Params.class, EventCountsJob::run);
    }

    static void run(io.workbench.job.Job job, Params params) throws Exception {
        // cell c1 · The events
        events = kafka.events(params.topic()).withWatermark("timestamp", "5 minutes");
        // cell c2 · Counts per window
        display(events.groupBy(window(col("timestamp"), params.window().toSeconds() + " seconds"), col("event_type"))
                .count(), "counts");
        // cell c3 · Raw events to Parquet
        job.start(kafka.events(params.topic()).select("event_id", "event_type").writeStream().format("parquet")
                .option("path", params.output()).queryName("raw_events"));
    }
}
