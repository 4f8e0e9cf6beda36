// One small time-series chart of the Pipeline page, drawn by uPlot (a well-kept canvas charting library): one or two
// lines over the last minutes, updated in place when new points arrive. The element carries the number of points
// and the newest value in data attributes, for tests and for screen readers (its label says the newest value).
import uPlot from "uplot";
import { h } from "../ui/dom.js";
import { formatNumber } from "../outputs/live-format.js";

const COLORS = ["#1a66d2", "#cf6a00"];
const WIDTH = 300;
const HEIGHT = 130;

export class MetricChart {
  /**
   * @param {string} metric the data-metric of the element
   * @param {string} title shown above the chart, with the newest value
   * @param {{column: string, label: string}[]} lines the series' columns and legend labels (at most two)
   * @param {{format?: (v: number) => string, unit?: string, empty?: string[]}} options how values read (default:
   *   numbers), the unit after each newest value in the header ("/s"; the axis goes without), and what the header says
   *   of each line while it has no value (default "–")
   */
  constructor(metric, title, lines, { format = (v) => formatNumber(v), unit = "", empty = [] } = {}) {
    this.lines = lines;
    this.format = format;
    this.unit = unit;
    this.empty = empty;
    this.title = title;
    this.heading = h("div", { class: "pipeline-chart-title" }, title);
    this.plotEl = h("div", { class: "pipeline-chart-plot" });
    this.el = h("figure", { class: "pipeline-chart", dataset: { metric, points: "0" }, role: "img" }, this.heading,
      this.plotEl);
    this.plot = null;
  }

  /** @param {{t: number[]} & Record<string, (number|null)[]>} series the query's or producer's columns */
  update(series) {
    const t = series?.t || [];
    const data = [t, ...this.lines.map((l) => (series?.[l.column] || []).map((v) => (v === null ? null : v)))];
    const newest = this.lines.map((l, i) => lastValue(data[i + 1]));
    this.el.dataset.points = String(t.length);
    this.el.dataset.last = newest[0] === null ? "" : String(newest[0]);
    const text = newest.map((v, i) => `${this.lines.length > 1 ? `${this.lines[i].label} ` : ""}`
      + `${v === null ? this.empty[i] || "–" : this.format(v) + this.unit}`).join(" · ");
    this.heading.replaceChildren(h("span", {}, this.title), h("span", { class: "pipeline-chart-value" }, text));
    this.el.setAttribute("aria-label", `${this.title}: ${text}`);
    if (!this.plot) {
      this.plot = new uPlot({
        width: WIDTH,
        height: HEIGHT,
        legend: { show: this.lines.length > 1, live: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true }, y: { range: (u, min, max) => [Math.min(0, min ?? 0), max > 0 ? max * 1.1 : 1] } },
        axes: [{ size: 28, font: "10px system-ui", values: (u, vals) => vals.map(clock) },
          { size: 52, font: "10px system-ui", values: (u, vals) => vals.map((v) => this.format(v)) }],
        // Points as well as lines: a series with a value every few scrapes (a batch now and then) still shows.
        series: [{}, ...this.lines.map((l, i) => ({ label: l.label, stroke: COLORS[i], width: 1.5, spanGaps: false,
          points: { show: true, size: 4 } }))],
      }, data, this.plotEl);
    } else {
      this.plot.setData(data);
    }
  }

  destroy() {
    this.plot?.destroy();
    this.plot = null;
  }
}

/** 24-hour local time, HH:MM:SS, for the x axis (uPlot's default mixes 12-hour and bare-minute labels). */
function clock(seconds) {
  if (seconds === null || seconds === undefined) return "";
  return new Date(seconds * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
}

/** A duration in seconds, readable at any size: 850 ms, 42 s, 12.5 min, 3.2 h, 6.4 d. */
export function formatDuration(seconds) {
  const v = Number(seconds);
  if (!Number.isFinite(v)) return "–";
  const a = Math.abs(v);
  if (a === 0) return "0 s";
  if (a < 1) return `${formatNumber(v * 1000, 0)} ms`;
  if (a < 120) return `${formatNumber(v, 1)} s`;
  if (a < 7200) return `${formatNumber(v / 60, 1)} min`;
  if (a < 172800) return `${formatNumber(v / 3600, 1)} h`;
  return `${formatNumber(v / 86400, 1)} d`;
}

function lastValue(values) {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null && values[i] !== undefined) return values[i];
  return null;
}
