// The cells in order, the selected cell and the mode: command (the cell has focus) or edit (its editor has).
import { h } from "../ui/dom.js";
import { CellView } from "./cell-view.js";

export class CellList {
  /** @param {object} host given to each CellView; also changed(), cellRemoved(cell), selectionChanged(cell) */
  constructor(host) {
    this.host = host;
    this.cells = [];
    this.selected = null;
    this.mode = "command";
    this.deleted = [];
    this.el = h("main", { class: "cells", "aria-label": "Cells" });
  }

  load(cellsJson) {
    for (const cell of this.cells) cell.destroy();
    this.cells = [];
    for (const json of cellsJson) {
      const cell = new CellView(json, this.host);
      this.cells.push(cell);
      this.el.append(cell.el);
    }
    if (this.cells.length === 0) this.insert(0, "code");
    this.select(this.cells[0], "command", { focus: false });
  }

  byId(id) {
    return this.cells.find((c) => c.id === id) || null;
  }

  indexOf(cell) {
    return this.cells.indexOf(cell);
  }

  /** A new empty cell at index (or a given nbformat cell). */
  insert(index, type = "code", json) {
    const cell = new CellView(json || { cell_type: type, source: "", metadata: {}, outputs: [] }, this.host);
    const i = Math.max(0, Math.min(index, this.cells.length));
    this.el.insertBefore(cell.el, this.cells[i]?.el || null);
    this.cells.splice(i, 0, cell);
    if (type === "markdown" && !json) cell.showRendered(false);
    this.host.changed();
    return cell;
  }

  remove(cell) {
    const i = this.indexOf(cell);
    if (i < 0) return;
    this.deleted.push({ index: i, json: cell.toJSON() });
    if (this.deleted.length > 20) this.deleted.shift();
    this.cells.splice(i, 1);
    this.host.cellRemoved(cell);
    cell.destroy();
    if (this.cells.length === 0) this.insert(0, "code");
    this.select(this.cells[Math.min(i, this.cells.length - 1)], "command");
    this.host.changed();
  }

  undoDelete() {
    const last = this.deleted.pop();
    if (!last) return;
    const cell = this.insert(last.index, last.json.cell_type, last.json);
    this.select(cell, "command");
  }

  move(cell, delta) {
    const i = this.indexOf(cell);
    const j = i + delta;
    if (i < 0 || j < 0 || j >= this.cells.length) return;
    this.cells.splice(i, 1);
    this.cells.splice(j, 0, cell);
    this.el.insertBefore(cell.el, this.cells[j + 1]?.el || null);
    this.select(cell, this.mode);
    this.host.changed();
  }

  /** Selects a cell; in edit mode its editor gets the focus, in command mode the cell itself. */
  select(cell, mode = "command", { focus = true } = {}) {
    if (!cell) return;
    if (this.selected && this.selected !== cell) this.selected.el.classList.remove("selected", "editing");
    this.selected = cell;
    this.mode = mode;
    cell.el.classList.add("selected");
    cell.el.classList.toggle("editing", mode === "edit");
    for (const c of this.cells) c.el.tabIndex = c === cell ? 0 : -1;
    if (mode === "edit") {
      if (cell.type === "markdown" && cell.markdownShown) cell.showRendered(false);
      if (!cell.editor.view.hasFocus) cell.editor.focus();
    } else if (focus) {
      cell.el.focus({ preventScroll: true });
    }
    if (focus) cell.el.scrollIntoView({ block: "nearest" });
    this.host.selectionChanged(cell);
  }

  selectRelative(delta) {
    const i = this.indexOf(this.selected);
    const next = this.cells[i + delta];
    if (next) this.select(next, "command");
  }

  /** Arrow keys at the first/last line of an editor continue in the neighbouring cell's editor. */
  editRelative(delta) {
    const next = this.cells[this.indexOf(this.selected) + delta];
    if (!next) return false;
    this.select(next, "edit");
    next.editor.focus(delta < 0);
    return true;
  }

  toJSON() {
    return this.cells.map((c) => c.toJSON());
  }
}
