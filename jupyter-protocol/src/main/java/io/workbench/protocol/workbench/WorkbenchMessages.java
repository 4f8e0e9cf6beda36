package io.workbench.protocol.workbench;

import io.workbench.protocol.MessageType;

/**
 * The workbench's control requests, sent on the control channel so that a kernel answers them while a cell runs,
 * and their replies. A kernel that does not know them (any kernel but ours) does not answer.
 */
public final class WorkbenchMessages {
    public static final MessageType<StreamsStateRequest> STREAMS_STATE_REQUEST =
            new MessageType<>("workbench_state_request", StreamsStateRequest.class);
    public static final MessageType<StreamsState> STREAMS_STATE_REPLY =
            new MessageType<>("workbench_state_reply", StreamsState.class);
    public static final MessageType<StreamAction> STREAM_ACTION_REQUEST =
            new MessageType<>("workbench_action_request", StreamAction.class);
    public static final MessageType<StreamActionReply> STREAM_ACTION_REPLY =
            new MessageType<>("workbench_action_reply", StreamActionReply.class);

    private WorkbenchMessages() {
    }
}
