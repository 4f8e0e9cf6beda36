package io.workbench.ext.runtime;

import io.workbench.ext.cluster.ExecutorClasses;
import io.workbench.ext.display.DisplaySink;

/** What the runtime needs from the process that hosts it: our JShell kernel, a JJava kernel, or a job. */
public interface RuntimeHost {
    /** The loader that defines the classes of cell code; Spark's executors must see through it. */
    ClassLoader snippetClassLoader();

    /** Where display(...) output goes. */
    DisplaySink displaySink();

    /**
     * How {@code display(streamingDataset)} starts its query in this host, or null (the default) for a live view
     * below the running cell. Asked once, when the runtime is installed.
     */
    default StreamingDisplay streamingDisplay() {
        return null;
    }

    /**
     * How the classes this host runs reach a cluster's executors. By default they cannot (a host whose classes live
     * only in its own loader); Spark then refuses to start on a cluster, saying so. Asked once, before Spark starts.
     */
    default ExecutorClasses executorClasses() {
        return ExecutorClasses.unsupported("this kernel keeps the classes of its cells in memory, where executors"
                + " cannot load them. Use the workbench-java kernel, or a local master (spark.master=local[*]).");
    }

    /**
     * Whether users wait for this host's first query, so Spark's first-query costs are worth paying in the
     * background once it has started ({@code kernel.spark-warmup} can still turn that off). False by default: a job
     * runs its own query at once.
     */
    default boolean interactive() {
        return false;
    }
}
