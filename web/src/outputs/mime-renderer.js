// Picks the richest MIME type of a bundle that this page can show safely, and renders it.
import { h } from "../ui/dom.js";
import { ansiToFragment } from "./ansi.js";
import { markdownFragment, sanitizedFragment } from "./sanitize.js";
import { LIVE_MIME, renderLive } from "./live-view.js";
import { renderTable } from "./table-renderer.js";

export const TABLE_MIME = "application/vnd.workbench.table+json";
/** What a cell shows while it waits for Spark to start, then when Spark started: {state, waitedMs, text}. */
export const SPARK_START_MIME = "application/vnd.workbench.spark-start+json";
/** Rendered by the page itself; when one cannot be read, the next richest type of the bundle is shown. */
const OWN_MIMES = new Set([LIVE_MIME, TABLE_MIME, SPARK_START_MIME]);

const RENDERERS = [
  [LIVE_MIME, (v, actions) => renderLive(typeof v === "string" ? JSON.parse(v) : v, actions)],
  [TABLE_MIME, (v) => renderTable(typeof v === "string" ? JSON.parse(v) : v)],
  [SPARK_START_MIME, (v) => {
    const s = typeof v === "string" ? JSON.parse(v) : v;
    return h("pre", { class: "text-output spark-start", dataset: { state: s.state } }, String(s.text));
  }],
  ["text/html", (v) => h("div", { class: "html-output" }, sanitizedFragment(text(v)))],
  ["image/png", (v) => image("image/png", v)],
  ["image/jpeg", (v) => image("image/jpeg", v)],
  ["image/gif", (v) => image("image/gif", v)],
  ["image/svg+xml", (v) => h("img", { class: "image-output", alt: "SVG output",
    src: URL.createObjectURL(new Blob([text(v)], { type: "image/svg+xml" })) })],
  ["text/markdown", (v) => h("div", { class: "markdown-body" }, markdownFragment(text(v)))],
  ["application/json", (v) => h("pre", { class: "text-output" }, JSON.stringify(v, null, 2))],
  ["text/plain", (v) => h("pre", { class: "text-output" }, ansiToFragment(text(v)))],
];

function text(v) {
  return Array.isArray(v) ? v.join("") : String(v ?? "");
}

function image(mime, v) {
  return h("img", { class: "image-output", alt: "Image output", src: `data:${mime};base64,${text(v).trim()}` });
}

/** @param {object} [actions] what interactive outputs may ask of the page: act(kind, id, action) on streams */
export function renderMimeBundle(data, actions) {
  for (const [mime, render] of RENDERERS) {
    if (data && data[mime] !== undefined) {
      try {
        const el = render(data[mime], actions);
        el.dataset.mime = mime;
        return el;
      } catch (e) {
        if (OWN_MIMES.has(mime)) continue;
        return h("pre", { class: "text-output" }, `Cannot show ${mime}: ${e.message}`);
      }
    }
  }
  const types = Object.keys(data || {}).join(", ");
  return h("pre", { class: "text-output muted" }, types ? `No renderer for ${types}` : "");
}
