// One cell: its editor, prompt, rendered markdown and outputs, and its nbformat JSON.
import { h } from "../ui/dom.js";
import { icon } from "../ui/icons.js";
import { markdownFragment } from "../outputs/sanitize.js";
import { OutputArea } from "../outputs/output-area.js";
import { createEditor } from "./editor.js";

const KNOWN_KEYS = new Set(["id", "cell_type", "source", "metadata", "outputs", "execution_count"]);
const RUN_STATES = ["idle", "queued", "waiting", "running"];
const PROMPT_TITLES = { queued: "Queued", waiting: "Waiting for the kernel", running: "Running" };

export function newCellId() {
  const b = crypto.getRandomValues(new Uint8Array(6));
  return [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
}

export class CellView {
  /**
   * @param {object} json an nbformat cell (source as one string)
   * @param {object} host the notebook: select(cell, mode), changed(), kernelConnection(), editorKeys(cell), runCell(cell), displays,
   *   streamActions
   */
  constructor(json, host) {
    this.host = host;
    this.id = json.id || newCellId();
    this.type = json.cell_type || "code";
    this.metadata = json.metadata || {};
    this.extra = Object.fromEntries(Object.entries(json).filter(([k]) => !KNOWN_KEYS.has(k)));
    this.executionCount = json.execution_count ?? null;
    this.runState = "idle";
    this.runNote = "";
    this.outputs = new OutputArea(host.displays, host.streamActions);
    this.editor = createEditor({
      doc: Array.isArray(json.source) ? json.source.join("") : json.source || "",
      type: this.type,
      kernel: () => host.kernelConnection(),
      keys: host.editorKeys(this),
      onChange: () => host.changed(this),
      onFocus: () => host.select(this, "edit"),
    });
    this.prompt = h("div", { class: "prompt", "aria-live": "off" });
    this.runStatus = h("div", { class: "run-status" });
    this.runButton = h("button", { type: "button", class: "cell-run", "aria-label": "Run this cell",
      title: "Run this cell (Ctrl+Enter)", onClick: (e) => { e.stopPropagation(); host.runCell(this); } }, icon("play"));
    this.rendered = h("div", { class: "markdown-body rendered", title: "Double-click or press Enter to edit",
      onDblclick: () => host.select(this, "edit") });
    this.el = h("div", {
      class: "cell", tabindex: "-1", role: "group", dataset: { cellId: this.id },
      onMousedown: (e) => this.onMouseDown(e),
    },
    h("div", { class: "cell-gutter" }, this.prompt, this.runButton),
    h("div", { class: "cell-body" },
      h("div", { class: "cell-input" }, this.editor.view.dom, this.rendered),
      this.runStatus,
      this.outputs.el));
    this.outputs.set(this.type === "code" ? json.outputs : []);
    this.markdownShown = this.type === "markdown";
    this.refresh();
    this.markErrors();
  }

  get source() {
    return this.editor.text;
  }

  onMouseDown(e) {
    // The path, not contains(): a completion clicked in the editor is gone from the DOM by the time this runs.
    if (e.defaultPrevented || e.composedPath().includes(this.editor.view.dom)) return;
    if (e.target.closest("a, button, input, select, textarea")) return;
    this.host.select(this, "command");
  }

  setType(type) {
    if (type === this.type) return;
    this.type = type;
    this.editor.setType(type);
    if (type !== "code") {
      this.outputs.set([]);
      this.executionCount = null;
    }
    this.markdownShown = false;
    this.refresh();
  }

  /** Markdown cells show their rendered text until edited. */
  showRendered(shown) {
    this.markdownShown = shown && this.type === "markdown";
    this.refresh();
  }

  /**
   * idle, queued, waiting (for the kernel) or running; `note` is the line shown under the input: why the cell
   * waits, or why its run was dropped.
   */
  setRunState(state, note = "") {
    this.runState = state;
    this.runNote = note;
    this.refresh();
  }

  refresh() {
    const { type } = this;
    this.el.classList.remove("code-cell", "markdown-cell", "raw-cell", ...RUN_STATES.map((s) => `run-${s}`));
    this.el.classList.add(`${type}-cell`, `run-${this.runState}`);
    this.el.setAttribute("aria-label", `${type === "code" ? "Code" : type === "markdown" ? "Markdown" : "Raw"} cell`);
    const running = this.runState !== "idle";
    this.prompt.textContent = type === "code" ? `[${running ? "*" : this.executionCount ?? " "}]:` : "";
    this.prompt.title = PROMPT_TITLES[this.runState] || "";
    this.runStatus.textContent = this.runNote;
    this.runStatus.hidden = type !== "code" || !this.runNote;
    this.runButton.hidden = type !== "code";
    const showRendered = type === "markdown" && this.markdownShown;
    this.editor.view.dom.hidden = showRendered;
    this.rendered.hidden = !showRendered;
    if (showRendered) {
      const source = this.source.trim();
      this.rendered.replaceChildren(source ? markdownFragment(this.source)
        : h("p", { class: "muted" }, "Empty markdown cell: double-click to edit"));
    }
    this.outputs.el.hidden = type !== "code";
  }

  /** Marks the line of this cell's error output, if it has one. */
  markErrors() {
    const error = this.outputs.errors[0];
    if (error) this.editor.markError(error, this.executionCount);
    else this.editor.clearError();
  }

  toJSON() {
    const cell = { ...this.extra, id: this.id, cell_type: this.type, metadata: this.metadata, source: this.source };
    if (this.type === "code") {
      cell.execution_count = this.executionCount;
      cell.outputs = this.outputs.toJSON();
    }
    return cell;
  }

  destroy() {
    this.editor.destroy();
    this.outputs.removeAll();
    this.el.remove();
  }
}
