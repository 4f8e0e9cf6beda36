package io.workbench.ext.display;

/**
 * Where displayed bundles go: the IOPub channel of our kernel, or a JJava kernel's display. Implementations
 * are safe to call from any thread, and attribute output to the cell that is running, if any.
 */
public interface DisplaySink {
    void display(MimeBundle bundle, String displayId);

    void update(MimeBundle bundle, String displayId);

    /** Clears the running cell's output; with {@code wait}, only once new output arrives. */
    void clear(boolean wait);
}
