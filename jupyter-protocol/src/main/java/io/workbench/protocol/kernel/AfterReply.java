package io.workbench.protocol.kernel;

/** A reply, and what to do once it has been handed to the socket (shutting down, for example). */
public record AfterReply(Object content, Runnable then) {
}
