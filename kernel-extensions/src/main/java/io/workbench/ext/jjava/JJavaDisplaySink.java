package io.workbench.ext.jjava;

import io.workbench.ext.display.DisplaySink;
import io.workbench.ext.display.MimeBundle;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * display(...) in a JJava kernel, through the public API of jupyter-jvm-basekernel 1.0-M3: display_data with
 * a display_id through {@link BaseKernel#display}, update_display_data through the kernel's DisplayStream.
 *
 * <p>The kernel attributes output to the cell that is running. It only has a cell to attribute it to while
 * one runs: 1.0-M3 attaches IOPub to its DisplayStream for the length of an execute request and silently drops
 * output at other times, such as updates from a streaming query's thread after its cell has finished.
 * Safe from any thread, as far as the kernel's sockets are.
 */
final class JJavaDisplaySink implements DisplaySink {
    private final BaseKernel kernel;
    private final AtomicBoolean clearNoticeShown = new AtomicBoolean();

    JJavaDisplaySink(BaseKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public void display(MimeBundle bundle, String displayId) {
        DisplayData data = toDisplayData(bundle);
        data.setDisplayId(displayId);
        kernel.display(data);
    }

    @Override
    public void update(MimeBundle bundle, String displayId) {
        kernel.getIO().display.updateDisplay(displayId, toDisplayData(bundle));
    }

    /**
     * Not available: 1.0-M3 has no public way to publish clear_output. Only the kernel's reply environment can,
     * and BaseKernel keeps it private (JupyterIO.setEnv is protected, CommManager's IOPub socket too). Says so
     * once on the cell's stderr instead of failing the cell; updating a display handle is the way around it.
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
