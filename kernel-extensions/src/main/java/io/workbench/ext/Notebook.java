package io.workbench.ext;

import io.workbench.ext.display.DisplayHandle;
import io.workbench.ext.kafka.KafkaTools;
import io.workbench.ext.query.QueryRefusedException;
import io.workbench.ext.runtime.NotebookRuntime;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Imported statically into every notebook: {@code spark}, {@code kafka} and {@code display(...)}.
 *
 * <p>These are static fields of this ordinary class, not JShell variables, so they survive whatever JShell
 * does to snippets: it was seen to reset a {@code spark} variable to null after an unrelated import. The
 * runtime assigns them; cells only read them.
 */
public final class Notebook {
    /** The notebook's SparkSession; null only when the kernel runs with kernel.spark=false. */
    public static SparkSession spark;
    /** Kafka helpers bound to the embedded broker or the configured cluster. */
    public static KafkaTools kafka;
    /** The streaming queries of this kernel, by the cell that started them: list(), stop(name). */
    public static Streams streams;
    /** The built-in e-commerce event producer: start(settings), list(), stop(id). */
    public static Producers events;

    private Notebook() {
    }

    /**
     * Shows a rich view of a value below the cell: a table for datasets, a picture for images. A streaming
     * Dataset starts its query and shows a live view that updates with every micro-batch; the cell returns at
     * once and the query runs on.
     */
    public static DisplayHandle display(Object value) {
        return NotebookRuntime.current().display(value, null);
    }

    /**
     * {@link #display(Object)} of a streaming Dataset, naming its query (and so its checkpoint directory); the
     * handle gives the running query. The output mode is chosen from what the query supports: update mode for an
     * aggregation whose rows can be keyed by its grouping key, else complete mode; append mode for other queries.
     *
     * @throws QueryRefusedException when no output mode can run the query, or its checkpoint was written by a
     *                               different query (the message says what to do)
     */
    public static LiveHandle display(Dataset<?> streaming, String queryName) {
        return display(streaming, queryName, null, null);
    }

    /** {@link #display(Dataset, String)} in the given output mode, if Spark supports it for this query. */
    public static LiveHandle display(Dataset<?> streaming, String queryName, OutputMode mode) {
        return display(streaming, queryName, mode, null);
    }

    /** {@link #display(Dataset, String)} with the given trigger instead of a micro-batch every second. */
    public static LiveHandle display(Dataset<?> streaming, String queryName, Trigger trigger) {
        return display(streaming, queryName, null, trigger);
    }

    /**
     * {@link #display(Dataset, String)} with an explicit output mode and trigger; either may be null for the
     * default.
     */
    public static LiveHandle display(Dataset<?> streaming, String queryName, OutputMode mode, Trigger trigger) {
        if (!streaming.isStreaming()) {
            throw new IllegalArgumentException("display(dataset, \"" + queryName + "\") names a streaming query, but this"
                    + " Dataset is a batch one: use display(dataset), or read with spark.readStream() / kafka.events(topic).");
        }
        return NotebookRuntime.current().live(streaming, queryName, mode, trigger);
    }

    /** Clears this cell's output so far; with {@code wait}, when the next output arrives (no flicker). */
    public static void clearOutput(boolean wait) {
        NotebookRuntime.current().display().clear(wait);
    }

    public static void clearOutput() {
        clearOutput(false);
    }
}
