package io.workbench.ext.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * One Spark job group per cell, so that interrupting a cell cancels exactly the jobs it started. Streaming
 * queries set their own groups per batch, so they keep running when the cell that started them is
 * interrupted.
 */
public final class SparkJobGroups {
    private final SparkSession spark;

    public SparkJobGroups(SparkSession spark) {
        this.spark = spark;
    }

    /** Call on the cell's thread before its code runs; the group is inherited by threads the cell starts. */
    public void begin(String cellId, String description) {
        spark.sparkContext().setJobGroup(groupOf(cellId), description, true);
    }

    public void end() {
        spark.sparkContext().clearJobGroup();
    }

    /** Cancels the cell's running jobs and interrupts their tasks; safe from any thread. */
    public void cancel(String cellId) {
        SparkContext sc = spark.sparkContext();
        if (!sc.isStopped()) {
            sc.cancelJobGroup(groupOf(cellId));
        }
    }

    public static String groupOf(String cellId) {
        return "cell-" + cellId;
    }
}
