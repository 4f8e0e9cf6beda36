package io.workbench.protocol.messages;

import java.util.List;

/** Content of the iopub error message. */
public record ErrorContent(String ename, String evalue, List<String> traceback) {
}
