package io.workbench.kernel;

import io.workbench.ext.display.DisplaySink;
import io.workbench.ext.display.MimeBundle;
import io.workbench.kernel.io.CellStreams;
import io.workbench.protocol.MessageType;
import io.workbench.protocol.kernel.IoPub;
import io.workbench.protocol.messages.ClearOutput;
import io.workbench.protocol.messages.DisplayData;

/** display(...) in our kernel: display_data and update_display_data on IOPub, after any pending text. */
final class IoPubDisplaySink implements DisplaySink {
    private final IoPub iopub;
    private final CellStreams streams;

    IoPubDisplaySink(IoPub iopub, CellStreams streams) {
        this.iopub = iopub;
        this.streams = streams;
    }

    @Override
    public void display(MimeBundle bundle, String displayId) {
        streams.flush();
        iopub.publish(MessageType.DISPLAY_DATA, DisplayData.of(bundle.data(), bundle.metadata(), displayId),
                streams.parent());
    }

    @Override
    public void clear(boolean wait) {
        streams.flush();
        iopub.publish(MessageType.CLEAR_OUTPUT, new ClearOutput(wait), streams.parent());
    }

    @Override
    public void update(MimeBundle bundle, String displayId) {
        iopub.publish(MessageType.UPDATE_DISPLAY_DATA, DisplayData.of(bundle.data(), bundle.metadata(), displayId),
                streams.parent());
    }
}
