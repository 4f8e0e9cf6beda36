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
   */
  constructor(metric, title, lines) {
    this.lines = lines;
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
    const text = newest.map((v, i) => `${this.lines.length > 1 ? `${this.lines[i].label} ` : ""}${v === null ? "–" : formatNumber(v)}`)
      .join(" · ");
    this.heading.replaceChildren(h("span", {}, this.title), h("span", { class: "pipeline-chart-value" }, text));
    this.el.setAttribute("aria-label", `${this.title}: ${text}`);
    if (!this.plot) {
      this.plot = new uPlot({
        width: WIDTH,
        height: HEIGHT,
        legend: { show: this.lines.length > 1, live: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true }, y: { range: (u, min, max) => [Math.min(0, min ?? 0), max > 0 ? max * 1.1 : 1] } },
        axes: [{ size: 28, font: "10px system-ui" }, { size: 44, font: "10px system-ui", values: (u, vals) => vals.map((v) => formatNumber(v)) }],
        series: [{}, ...this.lines.map((l, i) => ({ label: l.label, stroke: COLORS[i], width: 1.5, spanGaps: false,
          points: { show: t.length < 3 } }))],
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

function lastValue(values) {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null && values[i] !== undefined) return values[i];
  return null;
}
