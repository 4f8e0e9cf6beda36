// The progress strip of a live view (and of a query in the streams panel): input vs processed rows/s, batch
// duration, watermark vs the newest event time, late rows dropped, state rows and Kafka offsets behind latest.
import { h } from "../ui/dom.js";
import { formatNumber, formatRate, formatTime } from "./live-format.js";

const FACTS = [
  ["inputRowsPerSecond", "Input", formatRate, "Rows per second arriving from the source"],
  ["processedRowsPerSecond", "Processed", formatRate, "Rows per second the query processed in the last batch"],
  ["batchDurationMs", "Batch", (v) => (v == null ? "–" : `${formatNumber(v)} ms`), "Duration of the last micro-batch"],
  ["watermark", "Watermark", formatTime, "Event time before which late rows are dropped"],
  ["maxEventTime", "Max event", formatTime, "Newest event time seen in the last batch"],
  ["droppedLate", "Late dropped", formatNumber, "Rows dropped in the last batch because they were behind the watermark"],
  ["stateRows", "State rows", formatNumber, "Rows kept in the query's state store"],
  ["offsetsBehindLatest", "Offsets behind", formatNumber, "Kafka offsets not read yet, over all partitions"],
];

export function renderProgress(progress, timeZone = "UTC") {
  const el = h("div", { class: "live-progress", role: "group", "aria-label": "Query progress" });
  updateProgress(el, progress, timeZone);
  return el;
}

/** Event times are shown in timeZone (the session's), which their labels name. */
export function updateProgress(el, progress, timeZone = "UTC") {
  const p = progress || {};
  el.dataset.batch = p.batchId ?? "";
  if (p.batchId === undefined || p.batchId === null) {
    el.replaceChildren(h("span", { class: "live-fact muted" }, "Waiting for the first micro-batch…"));
    return;
  }
  const falling = Number(p.processedRowsPerSecond) < Number(p.inputRowsPerSecond) * 0.9;
  el.replaceChildren(h("span", { class: "live-fact", title: "Micro-batch id" }, h("span", { class: "live-fact-label" }, "Batch #"),
    String(p.batchId)), ...FACTS.map(([key, label, format, title]) => h("span", {
    class: `live-fact${key === "processedRowsPerSecond" && falling ? " behind" : ""}`,
    title: key === "watermark" || key === "maxEventTime" ? `${title} (${timeZone}): ${p[key] ?? "none yet"}` : title,
    dataset: { fact: key, value: p[key] ?? "" },
  }, h("span", { class: "live-fact-label" }, key === "watermark" || key === "maxEventTime" ? `${label} (${timeZone})` : label),
  key === "watermark" || key === "maxEventTime" ? format(p[key], timeZone) : format(p[key]))));
}
