// How live views and the streams panel write numbers, rates and event times. Times are UTC, as Spark reports them.

const DASH = "–";

export function formatNumber(v, digits = 2) {
  if (v === null || v === undefined || v === "") return DASH;
  const n = Number(v);
  if (!Number.isFinite(n)) return String(v);
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(digits)));
}

export function formatRate(v) {
  return v === null || v === undefined ? DASH : `${formatNumber(v, 1)}/s`;
}

/** "10:04:00" from an ISO instant; the full instant belongs in a title. */
export function formatTime(iso) {
  if (!iso) return DASH;
  const m = /T(\d{2}:\d{2}:\d{2})/.exec(String(iso));
  return m ? m[1] : String(iso);
}

/** A Spark window struct {start, end} as "10:00:00–10:01:00". */
export function formatWindow(w) {
  return `${formatTime(w.start)}–${formatTime(w.end)}`;
}

export function isWindow(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v) && "start" in v && "end" in v;
}

/** A table cell's text: windows as time ranges, numbers shortened, objects as JSON. */
export function formatCell(v) {
  if (v === null || v === undefined) return "null";
  if (isWindow(v)) return formatWindow(v);
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}
