package io.workbench.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.window;

import io.workbench.config.Settings;
import io.workbench.ext.spark.EventFrames;
import io.workbench.ext.spark.SparkConfig;
import io.workbench.ext.spark.SparkSessions;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;

/**
 * P2's plain side: notebook 2's 1-minute window query as a plain Java Spark main, with the kernel's JVM flags and
 * Spark settings (StreamBench launches it with the kernelspec's command line) and the same sink as a live view
 * (each batch collected to the driver). Usage: PlainSparkMain bootstrap topic backlog|sustained seconds
 * Prints one {@code P2RUN} line.
 */
public final class PlainSparkMain {
    private PlainSparkMain() {
    }

    public static void main(String[] args) throws Exception {
        SparkSession spark = SparkSessions.start(SparkConfig.from(Settings.load()), PlainSparkMain.class.getClassLoader())
                .get(5, TimeUnit.MINUTES);
        spark.range(10).count();
        String mode = args[2];
        Dataset<Row> windows = EventFrames.events(spark, args[0], args[1], true, "earliest")
                .withWatermark("timestamp", "5 minutes")
                .groupBy(window(col("timestamp"), "1 minute"), col("product_category"))
                .agg(sum("amount").as("sales"), count("*").as("orders"));
        // The backlog runs twice, on fresh checkpoints: the first warms the JVM and Spark up and is not reported.
        int runs = "backlog".equals(mode) ? 2 : 1;
        String line = null;
        for (int run = 0; run < runs; run++) {
            VoidFunction2<Dataset<Row>, Long> collect = (batch, id) -> batch.collectAsList();
            String checkpoint = Files.createTempDirectory("plain-checkpoint").toString();
            long started = System.nanoTime();
            StreamingQuery q = windows.writeStream().queryName("plain_" + mode + "_" + run).outputMode("update")
                    .option("checkpointLocation", checkpoint)
                    .trigger("backlog".equals(mode) ? Trigger.AvailableNow() : Trigger.ProcessingTime(1000))
                    .foreachBatch(collect).start();
            if ("backlog".equals(mode)) {
                q.awaitTermination();
            } else {
                q.awaitTermination(Long.parseLong(args[3]) * 1000);
                q.stop();
            }
            line = StreamQuery.line((System.nanoTime() - started) / 1e9, q.recentProgress());
        }
        System.out.println(line);
        spark.stop();
    }

    /**
     * What both sides print after a run, for StreamBench to read: "P2RUN seconds rows:triggerMs:processedPerSecond
     * ..." for every batch that had input. The notebook side prints the same from a cell.
     */
    static final class StreamQuery {
        private StreamQuery() {
        }

        static String line(double seconds, StreamingQueryProgress[] progress) {
            StringBuilder b = new StringBuilder("P2RUN ").append(seconds);
            for (StreamingQueryProgress p : progress) {
                if (p.numInputRows() > 0) {
                    Long d = p.durationMs().get("triggerExecution");
                    b.append(' ').append(p.numInputRows()).append(':').append(d == null ? 0 : d).append(':')
                            .append(p.processedRowsPerSecond());
                }
            }
            return b.toString();
        }
    }
}
