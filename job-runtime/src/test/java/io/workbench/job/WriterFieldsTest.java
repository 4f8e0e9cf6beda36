package io.workbench.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The private fields of Spark's DataStreamWriter that a job reads, checked against the Spark this build uses. */
class WriterFieldsTest {
    private static SparkSession spark;
    private static Dataset<Row> rate;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        rate = spark.readStream().format("rate").load();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void readsWhatTheCodeSet() {
        WriterFields f = WriterFields.of(rate.writeStream().queryName("sales").option("checkpointLocation", "/tmp/x")
                .trigger(Trigger.ProcessingTime(2000)));
        assertEquals(new WriterFields(true, Trigger.ProcessingTime(2000), "sales", "/tmp/x"), f);
        assertEquals("sales", WriterFields.of(rate.writeStream().option("queryName", "sales")).queryName());
        assertEquals("/tmp/y", WriterFields.of(rate.writeStream().option("CheckpointLocation", "/tmp/y"))
                .checkpointLocation(), "Spark's options are case-insensitive");
    }

    @Test
    void sparksDefaultTriggerCountsAsNone() {
        WriterFields f = WriterFields.of(rate.writeStream());
        assertTrue(f.known());
        assertNull(f.trigger());
        assertNull(f.queryName());
        assertEquals(Trigger.AvailableNow(), WriterFields.of(rate.writeStream().trigger(Trigger.AvailableNow())).trigger());
    }
}
