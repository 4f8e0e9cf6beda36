package io.workbench.ext.cells;

/**
 * The notebook cell that started a query or a producer: the notebook's cell id when the client sent one
 * ({@code metadata.cellId} of the execute request, as JupyterLab and the workbench do), otherwise one id per
 * execution, and the notebook's path when known.
 */
public record CellOwner(String cellId, String notebook) {
    /** Queries and producers started when no cell was running, for example from a thread a cell left behind. */
    public static final CellOwner BACKGROUND = new CellOwner("background", null);

    /** The notebook name as a directory name: letters, digits, '-', '_' and '.', never a path. */
    public String notebookDir() {
        String n = notebook == null || notebook.isBlank() ? "notebook" : notebook;
        int slash = n.lastIndexOf('/');
        n = n.substring(slash + 1).replaceAll("\\.ipynb$", "");
        String clean = n.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "_");
        return clean.isEmpty() ? "notebook" : clean;
    }
}
