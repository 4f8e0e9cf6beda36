package io.workbench.jobs.notebook;

import java.nio.file.Path;
import java.util.List;

/** A notebook read from its file: where it came from and its cells in order. */
public record Notebook(Path path, List<NotebookCell> cells) {
    public Notebook {
        cells = List.copyOf(cells);
    }

    public List<NotebookCell> codeCells() {
        return cells.stream().filter(NotebookCell::isCode).toList();
    }
}
