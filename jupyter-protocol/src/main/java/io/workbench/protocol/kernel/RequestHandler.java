package io.workbench.protocol.kernel;

import io.workbench.protocol.Message;

/**
 * Answers one request type. Runs on the thread of the channel the request came in on; returns the reply
 * content, or null to send no reply. An exception becomes an error reply.
 */
@FunctionalInterface
public interface RequestHandler<T> {
    Object handle(Message request, T content) throws Exception;
}
