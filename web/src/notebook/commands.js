// The notebook's commands: what each toolbar button and shortcut does, in one table.
import { confirmDialog } from "../ui/dialog.js";

/** @param {import("./notebook-page.js").NotebookPage} page */
export function notebookCommands(page) {
  const list = page.cells;
  const selected = () => list.selected;
  return {
    save: { label: "Save", keys: "Ctrl+S", run: () => page.saver?.saveNow({ manual: true }) },
    "insert-above": { label: "Insert a cell above", keys: "A", run: () => insertAt(0) },
    "insert-below": { label: "Insert a cell below", keys: "B", run: () => insertAt(1) },
    delete: { label: "Delete the cell", keys: "D, D", run: () => list.remove(selected()) },
    "undo-delete": { label: "Undo the last cell deletion", keys: "Z", run: () => list.undoDelete() },
    "move-up": { label: "Move the cell up", run: () => list.move(selected(), -1) },
    "move-down": { label: "Move the cell down", run: () => list.move(selected(), 1) },
    "to-code": { label: "Make it a code cell", keys: "Y", run: () => page.setCellType(selected(), "code") },
    "to-markdown": { label: "Make it a markdown cell", keys: "M", run: () => page.setCellType(selected(), "markdown") },
    "to-raw": { label: "Make it a raw cell", keys: "R", run: () => page.setCellType(selected(), "raw") },
    run: { label: "Run the cell", keys: "Ctrl+Enter", run: () => { page.runCell(selected()); list.select(selected(), "command"); } },
    "run-advance": { label: "Run the cell and select the next", keys: "Shift+Enter", run: () => runAdvance() },
    "run-insert": { label: "Run the cell and insert one below", keys: "Alt+Enter", run: () => runInsert() },
    "run-all": { label: "Run all cells", run: () => page.runAll() },
    interrupt: { label: "Interrupt the kernel", keys: "I, I", run: () => page.interrupt() },
    restart: { label: "Restart the kernel", keys: "0, 0", run: () => restart() },
    kafka: { label: "Show or hide the Kafka topics", run: () => page.toggleKafka() },
    streams: { label: "Show or hide the streams panel", run: () => page.toggleStreams() },
    "export-job": { label: "Export as job", run: () => page.exportAsJob() },
    edit: { label: "Edit the cell", keys: "Enter", run: () => list.select(selected(), "edit") },
    "select-previous": { label: "Select the cell above", keys: "Up", run: () => list.selectRelative(-1) },
    "select-next": { label: "Select the cell below", keys: "Down", run: () => list.selectRelative(1) },
  };

  function insertAt(offset) {
    const cell = list.insert(list.indexOf(selected()) + offset, "code");
    list.select(cell, "command");
  }

  function runAdvance() {
    const cell = selected();
    page.runCell(cell);
    const next = list.cells[list.indexOf(cell) + 1];
    if (next) list.select(next, "command");
    else list.select(list.insert(list.cells.length, "code"), "edit");
  }

  function runInsert() {
    const cell = selected();
    page.runCell(cell);
    list.select(list.insert(list.indexOf(cell) + 1, "code"), "edit");
  }

  async function restart() {
    const ok = await confirmDialog({
      title: "Restart the kernel?",
      message: "All variables and running cells are lost; the notebook and its outputs stay.",
      confirmLabel: "Restart", danger: true,
    });
    if (ok) await page.restart();
  }
}
