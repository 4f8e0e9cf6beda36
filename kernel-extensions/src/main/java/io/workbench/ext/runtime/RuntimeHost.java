package io.workbench.ext.runtime;

import io.workbench.ext.display.DisplaySink;

/** What the runtime needs from the kernel that hosts it: our JShell kernel, or a JJava kernel. */
public interface RuntimeHost {
    /** The loader that defines the classes of cell code; Spark's executors must see through it. */
    ClassLoader snippetClassLoader();

    /** Where display(...) output goes. */
    DisplaySink displaySink();
}
