package io.workbench.protocol;

import io.workbench.protocol.messages.*;

/** A message type name bound to the record that holds its content. */
public record MessageType<T>(String name, Class<T> contentType) {
    public static final MessageType<ExecuteRequest> EXECUTE_REQUEST = of("execute_request", ExecuteRequest.class);
    public static final MessageType<ExecuteReply> EXECUTE_REPLY = of("execute_reply", ExecuteReply.class);
    public static final MessageType<KernelInfoRequest> KERNEL_INFO_REQUEST = of("kernel_info_request", KernelInfoRequest.class);
    public static final MessageType<KernelInfoReply> KERNEL_INFO_REPLY = of("kernel_info_reply", KernelInfoReply.class);
    public static final MessageType<CompleteRequest> COMPLETE_REQUEST = of("complete_request", CompleteRequest.class);
    public static final MessageType<CompleteReply> COMPLETE_REPLY = of("complete_reply", CompleteReply.class);
    public static final MessageType<InspectRequest> INSPECT_REQUEST = of("inspect_request", InspectRequest.class);
    public static final MessageType<InspectReply> INSPECT_REPLY = of("inspect_reply", InspectReply.class);
    public static final MessageType<IsCompleteRequest> IS_COMPLETE_REQUEST = of("is_complete_request", IsCompleteRequest.class);
    public static final MessageType<IsCompleteReply> IS_COMPLETE_REPLY = of("is_complete_reply", IsCompleteReply.class);
    public static final MessageType<HistoryRequest> HISTORY_REQUEST = of("history_request", HistoryRequest.class);
    public static final MessageType<HistoryReply> HISTORY_REPLY = of("history_reply", HistoryReply.class);
    public static final MessageType<CommInfoRequest> COMM_INFO_REQUEST = of("comm_info_request", CommInfoRequest.class);
    public static final MessageType<CommInfoReply> COMM_INFO_REPLY = of("comm_info_reply", CommInfoReply.class);
    /** Comm messages go both ways: on shell from the front end, on IOPub from the kernel. */
    public static final MessageType<CommOpen> COMM_OPEN = of("comm_open", CommOpen.class);
    public static final MessageType<CommMsg> COMM_MSG = of("comm_msg", CommMsg.class);
    public static final MessageType<CommClose> COMM_CLOSE = of("comm_close", CommClose.class);
    public static final MessageType<InterruptRequest> INTERRUPT_REQUEST = of("interrupt_request", InterruptRequest.class);
    public static final MessageType<InterruptReply> INTERRUPT_REPLY = of("interrupt_reply", InterruptReply.class);
    public static final MessageType<ShutdownRequest> SHUTDOWN_REQUEST = of("shutdown_request", ShutdownRequest.class);
    public static final MessageType<ShutdownReply> SHUTDOWN_REPLY = of("shutdown_reply", ShutdownReply.class);

    public static final MessageType<Status> STATUS = of("status", Status.class);
    public static final MessageType<Stream> STREAM = of("stream", Stream.class);
    public static final MessageType<ExecuteInput> EXECUTE_INPUT = of("execute_input", ExecuteInput.class);
    public static final MessageType<ExecuteResult> EXECUTE_RESULT = of("execute_result", ExecuteResult.class);
    public static final MessageType<DisplayData> DISPLAY_DATA = of("display_data", DisplayData.class);
    public static final MessageType<DisplayData> UPDATE_DISPLAY_DATA = of("update_display_data", DisplayData.class);
    public static final MessageType<ErrorContent> ERROR = of("error", ErrorContent.class);
    public static final MessageType<ClearOutput> CLEAR_OUTPUT = of("clear_output", ClearOutput.class);

    private static <T> MessageType<T> of(String name, Class<T> type) {
        return new MessageType<>(name, type);
    }

    /** The reply type for a request type name: {@code x_request} answers with {@code x_reply}. */
    public static String replyName(String requestName) {
        return requestName.endsWith("_request")
                ? requestName.substring(0, requestName.length() - "_request".length()) + "_reply"
                : requestName + "_reply";
    }
}
