package io.workbench.jobs;

/**
 * Why an export failed, where it is: a notebook cell (by nbformat id) and the line within that cell, counted from 1.
 * A problem about the notebook as a whole (not JSON, no code to run) has no cell and line 0; one in code the
 * exporter generated itself names no cell either, and its message says so.
 */
public record ExportProblem(String cellId, int line, String message) {
    /** A problem of the notebook as a whole. */
    public static ExportProblem of(String message) {
        return new ExportProblem(null, 0, message);
    }

    public static ExportProblem at(String cellId, int line, String message) {
        return new ExportProblem(cellId, line, message);
    }

    /** "cell sw-05, line 3: message", or the message alone. */
    public String describe() {
        if (cellId == null) {
            return message;
        }
        return "cell " + cellId + (line > 0 ? ", line " + line : "") + ": " + message;
    }
}
