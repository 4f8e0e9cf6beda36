package io.workbench.kernel;

import io.workbench.protocol.Message;
import io.workbench.protocol.MessageType;
import io.workbench.protocol.kernel.IoPub;
import io.workbench.protocol.messages.CommClose;
import io.workbench.protocol.messages.CommInfoReply;
import io.workbench.protocol.messages.CommInfoRequest;
import io.workbench.protocol.messages.CommMsg;
import io.workbench.protocol.messages.CommOpen;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's comms (Jupyter's custom messages between front end and kernel). No comm targets are registered,
 * so no comm is ever open: a comm_open is answered at once with a comm_close for the same comm_id, as the
 * messaging spec asks when the target is unknown, so that a front end (ipywidgets, say) does not wait for a
 * comm that will never answer. comm_msg and comm_close for unknown comms are dropped, logged at debug, and
 * comm_info_reply lists no comms.
 *
 * <p>The handlers run on the shell thread and send no reply (comm messages have none).
 */
final class CommManager {
    private static final Logger LOG = LoggerFactory.getLogger(CommManager.class);

    private final IoPub iopub;

    CommManager(IoPub iopub) {
        this.iopub = iopub;
    }

    CommInfoReply info(Message request, CommInfoRequest content) {
        return new CommInfoReply("ok", Map.of());
    }

    Object open(Message request, CommOpen content) {
        LOG.info("Closing comm {} at once: this kernel has no comm target '{}'", content.commId(), content.targetName());
        String reason = "This kernel has no comm target named '" + content.targetName() + "'.";
        iopub.publish(MessageType.COMM_CLOSE, new CommClose(content.commId(),
                Map.of("error", reason, "target_name", String.valueOf(content.targetName()))), request.header());
        return null;
    }

    Object message(Message request, CommMsg content) {
        LOG.debug("Ignored a comm_msg for comm {}, which is not open", content.commId());
        return null;
    }

    Object close(Message request, CommClose content) {
        LOG.debug("Ignored a comm_close for comm {}, which is not open", content.commId());
        return null;
    }
}
