package io.workbench.kernel;

import io.workbench.ext.display.DisplaySink;
import io.workbench.ext.display.MimeBundle;
import io.workbench.kernel.io.CellStreams;
import io.workbench.protocol.Header;
import io.workbench.protocol.MessageType;
import java.util.LinkedHashMap;
import java.util.Map;
import io.workbench.protocol.kernel.IoPub;
import io.workbench.protocol.messages.ClearOutput;
import io.workbench.protocol.messages.DisplayData;

/** display(...) in our kernel: display_data and update_display_data on IOPub, after any pending text. */
final class IoPubDisplaySink implements DisplaySink {
    private static final int REMEMBERED = 1000;
    private final IoPub iopub;
    private final CellStreams streams;
    /** The request each display id was shown under: updates from other threads keep it as their parent. */
    private final Map<String, Header> parents = java.util.Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Header> eldest) {
            return size() > REMEMBERED;
        }
    });

    IoPubDisplaySink(IoPub iopub, CellStreams streams) {
        this.iopub = iopub;
        this.streams = streams;
    }

    @Override
    public void display(MimeBundle bundle, String displayId) {
        streams.flush();
        Header parent = streams.parent();
        if (displayId != null && parent != null) {
            parents.put(displayId, parent);
        }
        iopub.publish(MessageType.DISPLAY_DATA, DisplayData.of(bundle.data(), bundle.metadata(), displayId), parent);
    }

    @Override
    public void clear(boolean wait) {
        streams.flush();
        iopub.publish(MessageType.CLEAR_OUTPUT, new ClearOutput(wait), streams.parent());
    }

    /**
     * Updates go out under the request that is executing now, if any, else under the one that showed the display.
     * The protocol matches updates by display id, not by parent; but front-ends that only read the messages of
     * the running request (nbclient, and so {@code jupyter execute} and papermill) would otherwise never see an
     * earlier cell's live view change, and would store its first state.
     */
    @Override
    public void update(MimeBundle bundle, String displayId) {
        Header now = streams.executing();
        Header parent = now != null ? now : parents.get(displayId);
        iopub.publish(MessageType.UPDATE_DISPLAY_DATA, DisplayData.of(bundle.data(), bundle.metadata(), displayId),
                parent != null ? parent : streams.parent());
    }
}
