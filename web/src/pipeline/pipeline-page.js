// The Pipeline page (/pipeline): for each notebook kernel and job run, its streaming queries and event producers
// with small charts of the last minutes (rows per second, batch duration, Kafka lag, event-time lag; producer
// rates), and the alerts firing now in Prometheus. Refreshed every 5 s (the server samples every 5 s) while the tab
// is shown; a failed refresh says so above the last figures, which stay.
import { pipeline } from "../api/pipeline.js";
import { notebookUrl } from "../api/sessions.js";
import { jobUrl } from "../api/jobs.js";
import { appHeader } from "../ui/app-header.js";
import { h } from "../ui/dom.js";
import { Poller } from "../ui/poller.js";
import { MetricChart, formatDuration } from "./metric-chart.js";

// [data-metric, title, lines, options]. "in" is the rows read per second of wall time over each 5 s interval (0 while
// the query idles); "processed" is rows per second of batch time, Spark's own processedRowsPerSecond: a query that
// keeps up reads far fewer rows per second than it could process.
// Rates read as rates ("acknowledged 0/s"): a finished producer's "acknowledged 0" was read as nothing sent.
const QUERY_CHARTS = [
  ["rows", "Rows/s (in, and processed per second of batch time)", [{ column: "inputRowsPerSecond", label: "in" },
    { column: "processedRowsPerSecond", label: "processed" }], { unit: "/s", empty: ["–", "no batch"] }],
  ["batch-duration", "Batch duration", [{ column: "batchDurationSeconds", label: "mean" }],
    { format: formatDuration, empty: ["no batch in the last 5 s"] }],
  ["source-lag", "Kafka lag (records behind latest)", [{ column: "sourceLagRecords", label: "behind latest" }]],
  ["watermark-lag", "Event-time lag (now − watermark)", [{ column: "watermarkLagSeconds", label: "now − watermark" }],
    { format: formatDuration, empty: ["no watermark"] }],
];
const PRODUCER_CHARTS = [
  ["producer-rate", "Records/s", [{ column: "acknowledgedPerSecond", label: "acknowledged" },
    { column: "targetRecordsPerSecond", label: "target" }], { unit: "/s",
    empty: ["–", "none (as fast as possible, or stopped)"] }],
  ["producer-failed", "Failed sends/s", [{ column: "failedPerSecond", label: "failed" }], { unit: "/s" }],
];

export class PipelinePage {
  constructor(root) {
    this.root = root;
    this.loaded = false;
    this.cards = new Map();
    this.problem = h("p", { class: "pipeline-problem", role: "alert", hidden: true });
    this.summary = h("p", { class: "pipeline-summary muted", role: "status" }, "Loading…");
    this.alerts = h("section", { class: "pipeline-alerts", "aria-label": "Alerts" });
    this.sources = h("div", { class: "pipeline-sources" });
    this.poller = new Poller(() => this.refresh(), { intervalMs: 5000 });
  }

  open() {
    document.title = "Pipeline · Workbench";
    this.root.replaceChildren(h("div", { class: "pipeline-page" }, appHeader("pipeline"),
      h("main", { class: "pipeline-content" },
        h("div", { class: "jobs-bar" }, h("h1", {}, "Pipeline"), h("span", { class: "spacer" }), this.summary),
        this.problem, this.alerts, this.sources)));
    this.poller.start();
  }

  async refresh() {
    let data;
    try {
      data = await pipeline.get();
    } catch (e) {
      this.problem.hidden = false;
      this.problem.textContent = `${e.message}${this.loaded ? " The figures below may be out of date." : ""}`;
      throw e;
    }
    this.loaded = true;
    this.problem.hidden = true;
    this.renderAlerts(data.alerts);
    this.renderSources(data);
    this.root.firstChild.dataset.updated = new Date().toISOString();
  }

  renderAlerts(alerts) {
    if (!alerts?.available) {
      this.alerts.dataset.state = "unavailable";
      this.alerts.replaceChildren(h("h2", {}, "Alerts"), h("p", { class: "muted pipeline-alerts-reason" }, alerts?.reason || "Unknown."));
      return;
    }
    const firing = alerts.firing || [];
    this.alerts.dataset.state = firing.length ? "firing" : "quiet";
    this.alerts.replaceChildren(h("h2", {}, "Alerts"), firing.length
      ? h("ul", { class: "pipeline-alert-list" }, firing.map((a) => h("li", {
        class: "pipeline-alert", dataset: { alert: a.name, severity: a.severity || "none" } },
      h("span", { class: `badge severity-${a.severity || "none"}` }, a.severity || "alert"), " ",
      h("strong", {}, a.name), " ", h("span", {}, a.summary),
      a.description ? h("p", { class: "muted pipeline-alert-description" }, a.description) : null)))
      : h("p", { class: "muted" }, `No alert firing (Prometheus at ${alerts.prometheus}).`));
  }

  renderSources(data) {
    const sources = data.sources || [];
    const queries = sources.reduce((n, s) => n + s.queries.filter((q) => q.up).length, 0);
    const producers = sources.reduce((n, s) => n + s.producers.filter((p) => p.up).length, 0);
    this.summary.textContent = `${queries} ${queries === 1 ? "query" : "queries"} and ${producers} `
      + `${producers === 1 ? "producer" : "producers"} running · a point every ${data.intervalSeconds} s, `
      + `the last ${Math.round(data.retentionSeconds / 60)} minutes`;
    const seen = new Set();
    const sections = sources.map((s) => {
      const section = h("section", { class: "pipeline-source", dataset: { kind: s.kind, name: s.name, live: String(s.live),
        ...(s.jobState ? { jobState: s.jobState } : {}) } },
        h("h2", {}, sourceTitle(s), s.live ? null : h("span", { class: "badge" }, "ended"),
          s.jobState ? h("span", { class: `badge job-state state-${s.jobState}`, title: "The job's state (Jobs page)" },
            `job ${s.jobState}`) : null));
      for (const q of s.queries) section.append(this.card(seen, `q|${s.kind}|${s.name}|${s.kernelId}|${q.name}`, "query",
        q.name, q, QUERY_CHARTS, `query ${q.name}`));
      for (const p of s.producers) section.append(this.card(seen, `p|${s.kind}|${s.name}|${s.kernelId}|${p.id}`, "producer",
        p.id, p, PRODUCER_CHARTS, `producer ${p.id} → ${p.topic}`));
      return section;
    });
    for (const [key, card] of this.cards) {
      if (!seen.has(key)) {
        card.charts.forEach((c) => c.destroy());
        this.cards.delete(key);
      }
    }
    this.sources.replaceChildren(...sections);
    if (!sections.length) {
      this.sources.append(h("p", { class: "muted empty pipeline-empty" }, "No streaming query or producer has run in the "
        + "last minutes. Start one in a notebook (events.start(…), display(kafka.events(…)…)) or run a job; it shows here "
        + "within a few seconds."));
    }
  }

  /** The card of one query or producer: kept (with its charts) across refreshes, so the charts update in place. */
  card(seen, key, kind, name, item, charts, title) {
    seen.add(key);
    let card = this.cards.get(key);
    if (!card) {
      const list = charts.map(([metric, label, lines, options]) => new MetricChart(metric, label, lines, options));
      const state = h("span", { class: "badge" });
      const el = h("div", { class: `pipeline-item pipeline-${kind}`, dataset: { name } },
        h("h3", {}, title, " ", state), h("div", { class: "pipeline-charts" }, list.map((c) => c.el)));
      card = { el, state, charts: list };
      this.cards.set(key, card);
    }
    card.el.dataset.up = String(item.up);
    card.state.textContent = item.up ? "running" : "stopped";
    card.state.className = `badge ${item.up ? "state-running" : "state-stopped"}`;
    card.charts.forEach((c) => c.update(item.series));
    return card.el;
  }
}

function sourceTitle(s) {
  if (s.kind === "job") return h("a", { href: jobUrl(s.name) }, `Job ${s.name}`);
  if (s.name) return h("a", { href: notebookUrl(s.name) }, s.name);
  return `Kernel ${s.kernelId || ""}`.trim();
}
