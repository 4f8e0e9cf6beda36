package io.workbench.protocol.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Clears the output of the cell; with wait, only when the next output arrives. */
public record ClearOutput(@JsonProperty("wait") boolean waitForNext) {
}
