package io.workbench.ext;

import io.workbench.ext.display.DisplayHandle;
import io.workbench.ext.kafka.KafkaTools;
import org.apache.spark.sql.SparkSession;

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

    private Notebook() {
    }

    /** Shows a rich view of a value below the cell: a table for datasets, a picture for images. */
    public static DisplayHandle display(Object value) {
        return NotebookRuntime.current().display().show(value);
    }

    /** Clears this cell's output so far; with {@code wait}, when the next output arrives (no flicker). */
    public static void clearOutput(boolean wait) {
        NotebookRuntime.current().display().clear(wait);
    }

    public static void clearOutput() {
        clearOutput(false);
    }
}
