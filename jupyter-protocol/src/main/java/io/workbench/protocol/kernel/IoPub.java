package io.workbench.protocol.kernel;

import io.workbench.protocol.Header;
import io.workbench.protocol.MessageType;

/** Publishes on the IOPub channel. Safe from any thread; messages leave in the order they were published. */
public interface IoPub {
    <T> void publish(MessageType<T> type, T content, Header parent);
}
