package io.workbench.ext.query;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.session_window;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.window;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.ext.spark.EventFrames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsWithStateFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the workbench reads streaming plans: which columns key a result in update mode, which output mode runs it,
 * and what a checkpoint's state means. Plans are analyzed only; no source is contacted and no query runs.
 */
class QueryPlanTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Dataset<Row> events(String topic) {
        return EventFrames.events(spark, "127.0.0.1:9", topic, true, "earliest");
    }

    private static Dataset<Row> watermarked() {
        return events("t").withWatermark("timestamp", "5 minutes");
    }

    private static ResultMode mode(Dataset<Row> ds) {
        return ResultMode.choose(QueryPlan.of(ds), null);
    }

    @Test
    void aFlattenedWindowIsKeyedByTheWindowStartAndTheOtherGroupingColumn() {
        // The case: keyed by event_type alone, 28 groups showed as 6 rows.
        Dataset<Row> q = watermarked().groupBy(window(col("timestamp"), "1 minute"), col("event_type")).count()
                .select(col("window.start").as("minute"), col("event_type"), col("count"));
        ResultMode m = mode(q);
        assertEquals("update", m.modeName());
        assertEquals(ResultMode.Rows.BY_KEY, m.rows());
        assertArrayEquals(new int[] {0, 1}, m.key());
    }

    @Test
    void keysAreTracedThroughRenamesAndWindowEnds() {
        Dataset<Row> q = watermarked().groupBy(window(col("timestamp"), "10 minutes", "5 minutes"), col("device"))
                .agg(sum("amount").as("revenue"))
                .select(col("revenue"), col("window.end").as("until"), col("device"))
                .withColumnRenamed("device", "platform");
        ResultMode m = mode(q);
        assertEquals(ResultMode.Rows.BY_KEY, m.rows());
        assertArrayEquals(new int[] {1, 2}, m.key(), "until and platform, wherever they are in the result");

        Dataset<Row> plain = events("t").groupBy("event_type").count();
        assertArrayEquals(new int[] {0}, mode(plain).key());
    }

    @Test
    void rowsThatCannotBeKeyedRunInCompleteMode() {
        Dataset<Row> agg = events("t").groupBy(col("event_type"), col("device")).count();
        List<Dataset<Row>> unkeyable = List.of(
                agg.select(col("event_type"), col("count")),                     // a grouping column dropped
                agg.where(col("count").gt(10)),                                   // a filter can hide an update
                agg.orderBy(desc("count")),                                       // sorted: complete mode only
                agg.select(date_format(col("event_type"), "x").as("e"), col("device"), col("count")));
        for (Dataset<Row> q : unkeyable) {
            ResultMode m = mode(q);
            assertEquals("complete", m.modeName(), q.queryExecution().analyzed().treeString());
            assertEquals(ResultMode.Rows.WHOLE, m.rows());
        }
        Dataset<Row> coarse = watermarked().groupBy(window(col("timestamp"), "1 minute"), col("device")).count()
                .select(date_format(col("window.start"), "HH").as("hour"), col("device"), col("count"));
        assertEquals("complete", mode(coarse).modeName(), "an hour label does not identify a minute window");
    }

    @Test
    void sessionWindowsAreNotKeyedByTheirBounds() {
        Dataset<Row> q = watermarked().groupBy(session_window(col("timestamp"), "30 seconds"), col("user_id")).count();
        assertTrue(QueryPlan.of(q).resultKey().isEmpty(), "sessions merge, so a session's old row would stay");
        assertFalse(mode(q).rows() == ResultMode.Rows.BY_KEY);
    }

    @Test
    void plainStreamsAppendAndMapGroupsWithStateShowsItsUpdates() {
        assertEquals(ResultMode.Rows.APPENDED, mode(events("t").select("event_id", "event_type")).rows());

        Dataset<String> users = events("t").select("user_id").as(Encoders.STRING());
        Dataset<String> perUser = users.groupByKey((MapFunction<String, String>) u -> u, Encoders.STRING())
                .mapGroupsWithState((MapGroupsWithStateFunction<String, String, Long, String>) (k, vs, state) -> k,
                        Encoders.LONG(), Encoders.STRING(), GroupStateTimeout.NoTimeout());
        ResultMode m = mode(perUser.toDF());
        assertEquals("update", m.modeName());
        assertEquals(ResultMode.Rows.UPDATES, m.rows());
    }

    @Test
    void aRefusedModeIsOneSentenceFromSpark() {
        QueryPlan agg = QueryPlan.of(events("t").groupBy("event_type").count());
        QueryRefusedException e = assertThrows(QueryRefusedException.class, () -> ResultMode.choose(agg, OutputMode.Append()));
        assertEquals("Spark cannot run this query in append mode: Append output mode not supported when there are"
                + " streaming aggregations on streaming DataFrames/DataSets without watermark.", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(QueryFailure.Kind.UNSUPPORTED, e.kind());

        QueryRefusedException none = assertThrows(QueryRefusedException.class,
                () -> mode(events("t").orderBy("timestamp")));
        assertTrue(none.getMessage().startsWith("No output mode can run this query: Sorting is not supported"), none.getMessage());
        assertFalse(none.getMessage().contains("Project ["), "no plan in the message");
    }

    @Test
    void statefulOperatorsDescribeWhatTheStateMeans() {
        QueryPlan byType = QueryPlan.of(events("t").groupBy("event_type").count());
        QueryPlan byDevice = QueryPlan.of(events("t").groupBy("device").count());
        QueryPlan byTypeFiltered = QueryPlan.of(events("t").where(col("amount").gt(3)).groupBy("event_type").count());
        QueryPlan byTypeDeduped = QueryPlan.of(events("t").dropDuplicates("event_id").groupBy("event_type").count());
        QueryPlan byTypeOtherTopic = QueryPlan.of(events("u").groupBy("event_type").count());
        assertEquals(List.of("aggregate by [event_type: string] computing [count(1)]"), byType.statefulOperators());
        assertNotEquals(byType.statefulOperators(), byDevice.statefulOperators());
        assertEquals(byType.statefulOperators(), byTypeFiltered.statefulOperators(), "a filter does not change the state");
        assertEquals(2, byTypeDeduped.statefulOperators().size());
        assertEquals(List.of("kafka{subscribe=t}"), byType.sources());
        assertNotEquals(byType.sources(), byTypeOtherTopic.sources());

        QueryPlan oneMinute = QueryPlan.of(watermarked().groupBy(window(col("timestamp"), "1 minute")).agg(count("*")));
        QueryPlan fiveMinutes = QueryPlan.of(watermarked().groupBy(window(col("timestamp"), "5 minutes")).agg(count("*")));
        assertNotEquals(oneMinute.statefulOperators(), fiveMinutes.statefulOperators(),
                "windows of another duration are another key, though name and type are the same");
    }

    @Test
    void kafkaSubscriptionsNameTheClusterAndEachTopicOfAJoin() {
        Dataset<Row> joined = events("t").join(EventFrames.events(spark, "127.0.0.1:9", " u ,v", true, "earliest")
                .withColumnRenamed("event_id", "other_id"), col("event_id").equalTo(col("other_id")));
        assertEquals(List.of(new QueryPlan.KafkaSubscription("127.0.0.1:9", List.of("t")),
                new QueryPlan.KafkaSubscription("127.0.0.1:9", List.of("u", "v"))), QueryPlan.of(joined).kafkaSubscriptions());
        Dataset<Row> pattern = spark.readStream().format("kafka").option("kafka.bootstrap.servers", "127.0.0.1:9")
                .option("subscribePattern", "t.*").load();
        assertEquals(List.of(), QueryPlan.of(pattern).kafkaSubscriptions(), "a pattern names no topic to check");
    }

    @Test
    void aCheckpointOfAnotherQueryIsRefusedBeforeItStarts(@TempDir Path dir) throws Exception {
        QueryPlan byType = QueryPlan.of(events("t").groupBy("event_type").count());
        Path ckpt = dir.resolve("counts");
        assertFalse(CheckpointCheck.check(ckpt, byType).exists());
        CheckpointManifest.of("counts", byType).write(ckpt);
        Files.createDirectories(ckpt.resolve("offsets"));
        Files.writeString(ckpt.resolve("offsets/0"), "v1\n{\"batchWatermarkMs\":0}\n{\"t\":{\"0\":500}}\n");

        assertTrue(CheckpointCheck.check(ckpt, byType).compatible());
        assertTrue(CheckpointCheck.check(ckpt, QueryPlan.of(events("t").where(col("amount").gt(1))
                .groupBy("event_type").count())).compatible(), "changing only a filter keeps the checkpoint");

        QueryRefusedException e = assertThrows(QueryRefusedException.class, () -> CheckpointCheck.require(ckpt,
                QueryPlan.of(events("t").groupBy("device").count()), "counts"));
        assertEquals(QueryFailure.Kind.CHECKPOINT_INCOMPATIBLE, e.kind());
        assertTrue(e.getMessage().contains("[event_type: string]") && e.getMessage().contains("[device: string]"), e.getMessage());
        assertTrue(e.getMessage().contains("streams.archiveCheckpoint(\"counts\")"), e.getMessage());

        CheckpointCheck.Result otherTopic = CheckpointCheck.check(ckpt, QueryPlan.of(events("u").groupBy("event_type").count()));
        assertFalse(otherTopic.compatible(), "the same name over another topic must not merge old and new data");

        // A checkpoint without a manifest (made elsewhere): Spark's own files still show its topics.
        Files.delete(ckpt.resolve(CheckpointManifest.FILE));
        assertFalse(CheckpointCheck.check(ckpt, QueryPlan.of(events("u").groupBy("event_type").count())).compatible());
        assertTrue(CheckpointCheck.check(ckpt, QueryPlan.of(events("t").select("event_id"))).compatible(),
                "same topic, no state held, none needed");
    }

    @Test
    void dataLossIsExplainedWithWhatToDo() {
        IllegalStateException spark = new IllegalStateException("Partition t-0's offset was changed from 500 to 300,"
                + " some data may have been missed.\nSome data may have been lost because they are not available in"
                + " Kafka any more; ...");
        QueryFailure f = QueryFailure.of(new RuntimeException("wrapped", spark), "counts");
        assertEquals(QueryFailure.Kind.DATA_LOSS, f.kind());
        assertTrue(f.headline().contains("partition t-0 was at offset 500") && f.headline().contains("offset 300"), f.headline());
        assertTrue(f.remedy().contains("streams.archiveCheckpoint(\"counts\")"));

        QueryFailure other = QueryFailure.of(new IllegalStateException("bad batch 3\n+- Project [a#1]"), "q");
        assertEquals(QueryFailure.Kind.ERROR, other.kind());
        assertEquals("java.lang.IllegalStateException: bad batch 3", other.headline());
    }
}
