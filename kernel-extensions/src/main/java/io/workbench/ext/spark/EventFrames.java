package io.workbench.ext.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.when;

import io.workbench.events.EventSchemas;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.avro.functions;

/**
 * The e-commerce events of a Kafka topic as Spark rows. Each record names its writer schema in the
 * {@code schema_version} header; v1 records are read with Avro schema resolution into the v2 shape (referrer
 * null), so one query reads both. Records without the header are read as v1. Decoding is permissive: a record
 * that is not an event gives an all-null {@code event} struct instead of failing the query.
 *
 * <p>Streams fail on Kafka data loss ({@code failOnDataLoss=true}, Spark's own default): when offsets the query
 * expected are gone (the topic was re-created, or records expired), skipping them would give silently wrong
 * results, so the query stops and says so (see {@code QueryFailure}).
 */
public final class EventFrames {
    private EventFrames() {
    }

    /** Every record with {@code event} (decoded, all fields null if undecodable) and Kafka's own columns. */
    public static Dataset<Row> raw(SparkSession spark, String bootstrap, String topic, boolean streaming,
                                  String startingOffsets) {
        Dataset<Row> kafka = streaming
                ? spark.readStream().format("kafka").option("kafka.bootstrap.servers", bootstrap)
                .option("subscribe", topic).option("startingOffsets", startingOffsets)
                .option("includeHeaders", "true").option("failOnDataLoss", "true").load()
                : spark.read().format("kafka").option("kafka.bootstrap.servers", bootstrap).option("subscribe", topic)
                .option("startingOffsets", startingOffsets).option("includeHeaders", "true").load();
        return kafka.select(col("key"), col("value"), col("topic"), col("partition"), col("offset"),
                col("timestamp").as("kafka_timestamp"), col("headers"),
                version().as("schema_version"), decoded().as("event"));
    }

    /** The decodable events, one column per field plus schema_version, partition, offset and kafka_timestamp. */
    public static Dataset<Row> events(SparkSession spark, String bootstrap, String topic, boolean streaming,
                                      String startingOffsets) {
        return raw(spark, bootstrap, topic, streaming, startingOffsets).where(col("event.event_id").isNotNull())
                .select(col("event.*"), col("schema_version"), col("partition"), col("offset"), col("kafka_timestamp"));
    }

    /** The writer schema version from the record's header, "1" when there is none. */
    public static Column version() {
        return expr("coalesce(cast(element_at(filter(headers, h -> h.key = '" + EventSchemas.VERSION_HEADER
                + "'), 1).value as string), '1')");
    }

    /** The record's value decoded through its writer schema into the v2 shape; permissive. */
    public static Column decoded() {
        Map<String, String> v2 = Map.of("mode", "PERMISSIVE");
        Map<String, String> v1AsV2 = Map.of("mode", "PERMISSIVE", "avroSchema", EventSchemas.json(2));
        return when(version().equalTo("2"), functions.from_avro(col("value"), EventSchemas.json(2), v2))
                .otherwise(functions.from_avro(col("value"), EventSchemas.json(1), v1AsV2));
    }
}
