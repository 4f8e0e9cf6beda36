// How the Kafka panel writes numbers, sizes and times.
const UNITS = ["B", "KB", "MB", "GB", "TB"];

export function formatCount(n) {
  return typeof n === "number" ? n.toLocaleString("en-US") : "–";
}

export function formatBytes(n) {
  if (typeof n !== "number") return "–";
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

/** A record time as local HH:MM:SS.mmm, with the date when it is not today. */
export function formatTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const pad = (x, n = 2) => String(x).padStart(n, "0");
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  const today = new Date().toDateString() === d.toDateString();
  return today ? time : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}
