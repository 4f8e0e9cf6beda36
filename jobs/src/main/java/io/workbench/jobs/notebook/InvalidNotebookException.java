package io.workbench.jobs.notebook;

/** The file is not a notebook the exporter can read: not JSON, not nbformat 4, or a cell of the wrong shape. */
public final class InvalidNotebookException extends Exception {
    public InvalidNotebookException(String message) {
        super(message);
    }
}
