package io.workbench.protocol.workbench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the workbench adds to the metadata of an execute request, and of the IOPub messages a kernel sends for it:
 * the notebook's id of the cell ({@value #CELL_ID}, nbformat 4.5's cell id, as JupyterLab also sends) and the
 * notebook's path ({@value #NOTEBOOK_PATH}). Kernels use the cell id to know which cell owns the queries it starts;
 * the server uses it to keep a cell's outputs while no browser is connected.
 */
public final class WorkbenchMetadata {
    public static final String CELL_ID = "cellId";
    public static final String NOTEBOOK_PATH = "notebookPath";

    private WorkbenchMetadata() {
    }

    /** The cell id in a message's metadata, or null. */
    public static String cellId(JsonNode metadata) {
        return text(metadata, CELL_ID);
    }

    /** The notebook path in a message's metadata, or null. */
    public static String notebookPath(JsonNode metadata) {
        return text(metadata, NOTEBOOK_PATH);
    }

    private static String text(JsonNode metadata, String key) {
        if (metadata == null) {
            return null;
        }
        JsonNode v = metadata.path(key);
        return v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
    }
}
