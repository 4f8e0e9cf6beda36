// How live views and the streams panel write numbers, rates and event times. Spark reports instants in UTC; they are
// shown in the view's time zone (Spark's session time zone, which batch tables use too), and labelled with it.

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

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
const formatters = new Map();

/** Intl parts of an instant in a zone; null when the zone or the instant is not valid. */
function parts(iso, timeZone) {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return null;
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-GB", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit",
        day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    } catch {
      return null;
    }
    formatters.set(timeZone, f);
  }
  return Object.fromEntries(f.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
}

/** "10:04:00" from an ISO instant, in timeZone (UTC by default); the full instant belongs in a title. */
export function formatTime(iso, timeZone = "UTC") {
  if (!iso) return DASH;
  const p = parts(String(iso), timeZone);
  return p ? `${p.hour}:${p.minute}:${p.second}` : String(iso);
}

/** "2026-11-30 10:04:00" from an ISO instant, in timeZone, as batch tables show timestamps. */
export function formatDateTime(iso, timeZone = "UTC") {
  const p = parts(String(iso), timeZone);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}` : String(iso);
}

/** Whether a column of this Spark type holds instants (a timestamp, or a window of them). */
export function isTimeType(type) {
  const t = String(type || "");
  return (t.startsWith("timestamp") && !t.startsWith("timestamp_ntz")) || t.startsWith("struct<start:timestamp");
}

/** A Spark window struct {start, end} as "10:00:00–10:01:00". */
export function formatWindow(w, timeZone = "UTC") {
  return `${formatTime(w.start, timeZone)}–${formatTime(w.end, timeZone)}`;
}

export function isWindow(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v) && "start" in v && "end" in v;
}

/** A table cell's text: windows as time ranges and instants as date and time in timeZone, numbers shortened. */
export function formatCell(v, timeZone = "UTC") {
  if (v === null || v === undefined) return "null";
  if (isWindow(v)) return formatWindow(v, timeZone);
  if (typeof v === "string" && INSTANT.test(v)) return formatDateTime(v, timeZone);
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}
