package io.workbench.ext.jjava;

import io.workbench.ext.display.DisplaySink;
import io.workbench.ext.display.MimeBundle;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * display(...) in a JJava kernel, through the public API that JJava 1.0-M3, 1.0-a6 and 1.0-a7 share: display_data
 * with a display_id through {@link BaseKernel#display}, update_display_data through the kernel's DisplayStream.
 *
 * <p>The kernel attributes output to the cell that is running. It only has a cell to attribute it to while
 * one runs: every JJava release so far attaches IOPub to its DisplayStream for the length of an execute request
 * and silently drops output at other times, such as updates from a streaming query's thread after its cell has
 * finished. Safe from any thread: JJava's IOPub socket serialises sends.
 */
final class JJavaDisplaySink implements DisplaySink {
    /** The Jupyter protocol's key for a display id, in a bundle's {@code transient} data. */
    private static final String DISPLAY_ID = "display_id";

    private final BaseKernel kernel;
    private final AtomicBoolean clearNoticeShown = new AtomicBoolean();

    JJavaDisplaySink(BaseKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public void display(MimeBundle bundle, String displayId) {
        DisplayData data = toDisplayData(bundle);
        // Not DisplayData.setDisplayId: it returns void up to 1.0-a6 and DisplayData from 1.0-a7, so a call
        // compiled against either fails with NoSuchMethodError on the other. This is what both versions do.
        data.putTransientData(DISPLAY_ID, displayId);
        kernel.display(data);
    }

    @Override
    public void update(MimeBundle bundle, String displayId) {
        kernel.getIO().display.updateDisplay(displayId, toDisplayData(bundle));
    }

    /**
     * Not available: JJava (1.0-M3 to 1.0-a7) has no public way to publish clear_output. Only the kernel's reply
     * environment can, and BaseKernel keeps it to itself (JupyterIO.setEnv is protected, CommManager's IOPub
     * socket too). Says so once on the cell's stderr instead of failing the cell; updating a display handle is
     * the way around it.
     */
    @Override
    public void clear(boolean wait) {
        if (clearNoticeShown.compareAndSet(false, true)) {
            kernel.getIO().err.println("clearOutput() has no effect in a JJava kernel, which offers extensions no"
                    + " way to send clear_output. Keep the handle that display(...) returns and call update(...) on it.");
        }
    }

    /** The bundle as JJava output: every MIME type, and the metadata. */
    static DisplayData toDisplayData(MimeBundle bundle) {
        DisplayData data = new DisplayData();
        copy(bundle, data);
        return data;
    }

    static void copy(MimeBundle bundle, DisplayData into) {
        bundle.data().forEach(into::putData);
        bundle.metadata().forEach(into::putMetaData);
    }
}
