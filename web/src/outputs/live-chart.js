// The chart of a live windowed aggregate: the measure (chart.y) over window start, one line per value of
// chart.series, drawn as inline SVG from the rows the view shows now. With fewer than three windows, lines say
// little, so each window is a group of bars instead.
import { h } from "../ui/dom.js";
import { formatNumber, formatTime } from "./live-format.js";

const NS = "http://www.w3.org/2000/svg";
const W = 560;
const H = 180;
const PAD = { left: 52, right: 12, top: 10, bottom: 24 };
const COLORS = ["#1a66d2", "#cf6a00", "#1f883d", "#a03196", "#cf222e", "#258f8f", "#6639ba", "#8c6a00", "#57606a",
  "#e16f24", "#0550ae", "#bf3989"];
const MAX_SERIES = COLORS.length;

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

/** {series: [{name, points: [[xMillis, y]]}], hidden: n} from the view's rows, or null if nothing to draw. */
export function chartData(view) {
  const chart = view?.chart;
  const columns = (view?.columns || []).map((c) => c.name);
  const xi = columns.indexOf(chart?.x);
  const yi = columns.indexOf(chart?.y);
  const si = chart?.series ? columns.indexOf(chart.series) : -1;
  if (xi < 0 || yi < 0) return null;
  const bySeries = new Map();
  for (const row of view.rows || []) {
    const x = Date.parse(row[xi]?.start ?? row[xi]);
    const y = row[yi] === null || row[yi] === undefined ? NaN : Number(row[yi]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const name = si >= 0 ? String(row[si] ?? "null") : chart.y;
    if (!bySeries.has(name)) bySeries.set(name, new Map());
    bySeries.get(name).set(x, y);
  }
  const all = [...bySeries].map(([name, pts]) => ({ name, points: [...pts].sort((a, b) => a[0] - b[0]) }));
  if (all.length === 0) return null;
  all.sort((a, b) => a.name.localeCompare(b.name));
  return { series: all.slice(0, MAX_SERIES), hidden: Math.max(0, all.length - MAX_SERIES) };
}

export function renderChart(view) {
  const data = chartData(view);
  if (!data) return null;
  const xs = data.series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = data.series.flatMap((s) => s.points.map((p) => p[1]));
  const windows = [...new Set(xs)].sort((a, b) => a - b);
  const yMax = Math.max(0, ...ys) || 1;
  const yMin = Math.min(0, ...ys);
  const bars = windows.length < 3;
  const innerW = W - PAD.left - PAD.right;
  const [x0, x1] = [windows[0], windows[windows.length - 1]];
  // Bars: one slot per window; lines: windows placed by time.
  const slot = innerW / windows.length;
  const sx = bars ? (x) => PAD.left + slot * (windows.indexOf(x) + 0.5)
    : (x) => PAD.left + ((x - x0) / (x1 - x0)) * innerW;
  const sy = (y) => H - PAD.bottom - ((y - yMin) / (yMax - yMin)) * (H - PAD.top - PAD.bottom);
  const label = `${view.chart.y} by window start${view.chart.series ? `, one ${bars ? "bar" : "line"} per ${view.chart.series}` : ""}`;
  const plot = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "live-chart-svg", role: "img", "aria-label": label,
    "data-kind": bars ? "bars" : "lines" });
  plot.append(
    svg("line", { x1: PAD.left, y1: sy(0), x2: W - PAD.right, y2: sy(0), class: "axis" }),
    svg("line", { x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: H - PAD.bottom, class: "axis" }),
    svg("text", { x: PAD.left - 6, y: sy(yMax) + 4, "text-anchor": "end", class: "tick" }, formatNumber(yMax, 1)),
    svg("text", { x: PAD.left - 6, y: sy(yMin) + 4, "text-anchor": "end", class: "tick" }, formatNumber(yMin, 1)));
  const ticks = bars ? windows : [x0, x1];
  ticks.forEach((x, i) => plot.append(svg("text", { x: bars ? sx(x) : (i === 0 ? PAD.left : W - PAD.right), y: H - 6,
    "text-anchor": bars ? "middle" : (i === 0 ? "start" : "end"), class: "tick" }, formatTime(new Date(x).toISOString(), view.timeZone || "UTC"))));
  const barW = Math.max(2, Math.min(28, (slot * 0.8) / data.series.length));
  data.series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const g = svg("g", { class: "series", "data-series": s.name });
    const tip = (x, y) => svg("title", {}, `${s.name} ${formatTime(new Date(x).toISOString(), view.timeZone || "UTC")}: ${formatNumber(y)}`);
    if (bars) {
      for (const [x, y] of s.points) {
        const left = sx(x) - (barW * data.series.length) / 2 + barW * i;
        g.append(svg("rect", { x: left.toFixed(1), y: Math.min(sy(y), sy(0)).toFixed(1), width: barW.toFixed(1),
          height: Math.abs(sy(0) - sy(y)).toFixed(1), fill: color }, tip(x, y)));
      }
    } else {
      g.append(svg("polyline", { points: s.points.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(" "),
        fill: "none", stroke: color, "stroke-width": 2 }));
      for (const [x, y] of s.points) {
        g.append(svg("circle", { cx: sx(x).toFixed(1), cy: sy(y).toFixed(1), r: 2.5, fill: color }, tip(x, y)));
      }
    }
    plot.append(g);
  });
  const legend = h("ul", { class: "live-legend", "aria-label": "Series" }, data.series.map((s, i) => h("li", {},
    h("span", { class: "swatch", style: `background:${COLORS[i % COLORS.length]}`, "aria-hidden": "true" }), s.name)),
  data.hidden ? h("li", { class: "muted" }, `+${data.hidden} more not drawn`) : null);
  return h("figure", { class: "live-chart" }, plot, legend);
}
