package io.workbench.ext.runtime;

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
}
