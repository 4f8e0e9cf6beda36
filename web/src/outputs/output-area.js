// The outputs of one code cell, kept as nbformat outputs beside their DOM. New output is appended; streams grow in
// place, so a running cell never re-renders what is already shown.
import { h, clear } from "../ui/dom.js";
import { ansiToFragment } from "./ansi.js";
import { LIVE_MIME, updateLive } from "./live-view.js";
import { renderMimeBundle } from "./mime-renderer.js";
import { applyControlChars, hasControlChars } from "./stream-text.js";

const MAX_STREAM_CHARS = 1_000_000;

export class OutputArea {
  /**
   * @param {import("./display-registry.js").DisplayRegistry} displays
   * @param {object} [actions] what interactive outputs may ask of the page (stopping a live view's query)
   */
  constructor(displays, actions) {
    this.displays = displays;
    this.actions = actions;
    this.entries = [];
    this.clearOnNext = false;
    this.el = h("div", { class: "output-area" });
  }

  get isEmpty() {
    return this.entries.length === 0;
  }

  /** Replaces everything with saved or kept nbformat outputs. */
  set(outputs) {
    this.removeAll();
    for (const output of outputs || []) this.add(structuredClone(output));
  }

  /** clear_output: at once, or (wait) when the next output arrives, so that redraws do not flicker. */
  clear(wait = false) {
    if (wait) this.clearOnNext = true;
    else this.removeAll();
  }

  removeAll() {
    for (const entry of this.entries) {
      if (entry.displayId) this.displays.forget(entry.displayId, entry);
    }
    this.entries = [];
    this.clearOnNext = false;
    clear(this.el);
  }

  /** Adds one nbformat output (stream, display_data, execute_result, error). */
  add(output, displayId) {
    if (this.clearOnNext) this.removeAll();
    if (output.output_type === "stream") {
      this.appendStream(output.name || "stdout", textOf(output.text));
      return;
    }
    const entry = { output, el: render(output, this.actions), displayId: displayId || null };
    this.entries.push(entry);
    this.el.append(entry.el);
    if (displayId) this.displays.register(displayId, this, entry);
  }

  appendStream(name, text) {
    if (this.clearOnNext) this.removeAll();
    let entry = this.entries[this.entries.length - 1];
    if (!entry || entry.output.output_type !== "stream" || entry.output.name !== name) {
      entry = { output: { output_type: "stream", name, text: "" }, el: h("pre", { class: `output output-stream ${name}` }) };
      this.entries.push(entry);
      this.el.append(entry.el);
    }
    const before = entry.output.text;
    if (before.length >= MAX_STREAM_CHARS) return;
    let chunk = text;
    if (before.length + chunk.length > MAX_STREAM_CHARS) {
      chunk = `${chunk.slice(0, MAX_STREAM_CHARS - before.length)}\n[output truncated: a cell shows at most ${MAX_STREAM_CHARS} characters]\n`;
    }
    if (hasControlChars(chunk) || hasControlChars(before.slice(-1))) {
      entry.output.text = applyControlChars(before + chunk);
      clear(entry.el).append(ansiToFragment(entry.output.text));
    } else {
      entry.output.text = before + chunk;
      entry.el.append(chunk.includes("\x1b") ? ansiToFragment(chunk) : document.createTextNode(chunk));
    }
  }

  /** Shows update_display_data: a live view is updated in place, anything else is rendered again. */
  replace(entry, data, metadata) {
    entry.output = { ...entry.output, data, metadata: metadata || {} };
    const live = entry.el.querySelector(`:scope > [data-mime="${LIVE_MIME}"]`);
    try {
      if (live && data?.[LIVE_MIME] !== undefined && updateLive(live, parse(data[LIVE_MIME]))) return;
    } catch {
      // An unreadable update: render the whole bundle again, which falls back to its HTML.
    }
    const el = render(entry.output, this.actions);
    entry.el.replaceWith(el);
    entry.el = el;
  }

  /**
   * An update for a display this page never saw (it was shown before a reload): adopts the last display of this
   * cell with the same MIME types, which is the live view the update belongs to.
   */
  adopt(displayId, data, metadata) {
    const keys = Object.keys(data || {}).sort().join();
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i];
      if (!entry.displayId && entry.output.output_type === "display_data"
        && Object.keys(entry.output.data || {}).sort().join() === keys) {
        entry.displayId = displayId;
        this.displays.register(displayId, this, entry);
        this.replace(entry, data, metadata);
        return true;
      }
    }
    return false;
  }

  /** The outputs for the notebook file. */
  toJSON() {
    return this.entries.map((e) => structuredClone(e.output));
  }

  get errors() {
    return this.entries.map((e) => e.output).filter((o) => o.output_type === "error");
  }
}

function textOf(value) {
  return Array.isArray(value) ? value.join("") : String(value ?? "");
}

function parse(v) {
  return typeof v === "string" ? JSON.parse(v) : v;
}

function render(output, actions) {
  switch (output.output_type) {
    case "error": {
      const lines = Array.isArray(output.traceback) && output.traceback.length
        ? output.traceback.join("\n") : `${output.ename}: ${output.evalue}`;
      return h("div", { class: "output output-error", role: "alert" },
        h("pre", { class: "traceback" }, ansiToFragment(lines)));
    }
    case "execute_result":
    case "display_data":
      return h("div", { class: `output output-${output.output_type.replace("_", "-")}` },
        renderMimeBundle(output.data, actions));
    default:
      return h("pre", { class: "output muted" }, `Unknown output type ${output.output_type}`);
  }
}
