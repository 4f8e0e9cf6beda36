package io.workbench.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.workbench.ext.LiveHandle;
import io.workbench.ext.query.QueryPlan;
import io.workbench.ext.query.QueryRefusedException;
import io.workbench.ext.query.QueryRegistry;
import io.workbench.ext.query.ResultMode;
import io.workbench.ext.runtime.NotebookRuntime;
import io.workbench.ext.runtime.StreamingDisplay;
import java.util.Arrays;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code display(streamingDataset, name)} in a job: the query runs with a real sink, the Kafka topic
 * {@code <job>.<name>}, created if missing. It runs in the output mode the notebook's live view used
 * ({@link ResultMode#choose}, the same rules), with the run's trigger and a checkpoint under the run's directory.
 * Each row is written as JSON ({@code to_json(struct(*))}); when its rows are keyed ({@link ResultMode.Rows#BY_KEY})
 * the record key is the JSON of the key columns, so the newest record of a key is its current row and the topic is
 * created compacted. A display without a name is named {@code live_<job>_<hash of its plan>}.
 *
 * <p>Called on the job's main thread, while its body runs.
 */
final class ResultTopics implements StreamingDisplay {
    private static final Logger LOG = LoggerFactory.getLogger(ResultTopics.class);

    private final String job;
    private final QueryStarts starts;
    private final TopicAdmin topics;

    ResultTopics(String job, QueryStarts starts, TopicAdmin topics) {
        this.job = job;
        this.starts = starts;
        this.topics = topics;
    }

    @Override
    public LiveHandle start(Dataset<?> ds, String queryName, OutputMode mode, Trigger trigger) {
        NotebookRuntime runtime = NotebookRuntime.current();
        QueryRegistry registry = runtime.queries();
        Dataset<Row> df = ds.toDF();
        QueryPlan plan = QueryPlan.of(df);
        String name = queryName != null ? queryName
                : "live_" + job.replaceAll("[^A-Za-z0-9]", "") + "_" + Integer.toHexString(plan.logicalPlan().semanticHash());
        String topic = job + "." + name;
        ResultMode result;
        try {
            result = ResultMode.choose(plan, mode);
        } catch (QueryRefusedException e) {
            registry.refused(name, e);
            throw e;
        }
        try {
            boolean keyed = result.rows() == ResultMode.Rows.BY_KEY;
            topics.ensure(topic, keyed);
            Column value = to_json(struct(Arrays.stream(df.columns()).map(ResultTopics::column).toArray(Column[]::new)));
            Dataset<Row> records = keyed
                    ? df.select(to_json(struct(Arrays.stream(result.key()).mapToObj(i -> column(df.columns()[i]))
                    .toArray(Column[]::new))).as("key"), value.as("value"))
                    : df.select(value.as("value"));
            DataStreamWriter<Row> writer = records.writeStream().format("kafka").queryName(name)
                    .option("kafka.bootstrap.servers", runtime.kafka().bootstrapServers()).option("topic", topic)
                    .outputMode(result.outputMode());
            if (trigger != null) {
                writer.trigger(trigger);
            }
            StreamingQuery q = starts.start(writer, DataStreamWriter::start);
            LOG.info("display(…, \"{}\") writes to Kafka topic {}: {} mode, {}{}", name, topic, result.modeName(),
                    result.rows().description(), keyed ? ", keyed by " + Arrays.stream(result.key())
                            .mapToObj(i -> df.columns()[i]).toList() : "");
            return new LiveHandle("kafka:" + topic, q);
        } catch (TimeoutException e) {
            throw new IllegalStateException("query " + name + " did not start: " + e.getMessage(), e);
        }
    }

    private static Column column(String name) {
        return col("`" + name.replace("`", "``") + "`");
    }
}
