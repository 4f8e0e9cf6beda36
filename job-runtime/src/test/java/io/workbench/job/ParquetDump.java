package io.workbench.job;

import org.apache.spark.sql.SparkSession;

/**
 * Prints the rows of a Parquet directory written by a file-sink query, one JSON object per line, as Spark reads it
 * (honouring the sink's {@code _spark_metadata} log, so files of batches that never committed do not count). For
 * integration tests of other modules, which run it with this module's test classes and the job runtime's class
 * path: {@code ParquetDump <dir>}.
 */
public final class ParquetDump {
    private ParquetDump() {
    }

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
            for (String row : spark.read().parquet(args[0]).toJSON().collectAsList()) {
                System.out.println(row);
            }
        } finally {
            spark.stop();
        }
    }
}
