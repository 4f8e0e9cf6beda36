// The Streams side panel: every streaming query and producer of the notebook's kernel, asked for every 2 s while
// the panel is shown, with their state, progress and errors, and buttons to stop, restart, pause or resume them.
// A query that failed stays listed with its error (the kernel keeps it until its cell runs again); a refresh that
// fails says so and keeps the last list, marked as old.
import { streams } from "../api/streams.js";
import { button, h } from "../ui/dom.js";
import { formatNumber, formatRate } from "../outputs/live-format.js";

const POLL_MS = 2000;
const SLOW_POLL_MS = 10_000;

const QUERY_ACTIONS = [
  ["stop", "Stop", (q) => q.status === "running"],
  ["restart", "Restart", (q) => q.restartable && q.status !== "running"],
];
const PRODUCER_ACTIONS = [
  ["pause", "Pause", (p) => p.state === "RUNNING"],
  ["resume", "Resume", (p) => p.state === "PAUSED"],
  ["stop", "Stop", (p) => p.state === "RUNNING" || p.state === "PAUSED"],
];
const PENDING = { stop: "Stopping…", restart: "Restarting…", pause: "Pausing…", resume: "Resuming…", rate: "Changing the rate…" };

export class StreamsPanel {
  /** @param {() => string | null | undefined} kernelId the notebook's kernel now (it changes on a new session) */
  constructor(kernelId) {
    this.kernelId = kernelId;
    this.rows = new Map();
    this.timer = null;
    this.inFlight = false;
    this.summary = h("p", { class: "streams-summary", role: "status" });
    this.problem = h("p", { class: "streams-problem", role: "alert", hidden: true });
    this.queries = h("ul", { class: "streams-list", "aria-label": "Streaming queries" });
    this.producers = h("ul", { class: "streams-list", "aria-label": "Producers" });
    this.el = h("aside", { class: "streams-panel", id: "streams-panel", "aria-label": "Streams", hidden: true },
      h("div", { class: "streams-head" }, h("h2", {}, "Streams"),
        button({ label: "Close the streams panel", text: "×", cls: "btn-ghost", onClick: () => this.hide() })),
      this.summary, this.problem,
      h("h3", {}, "Queries"), this.queries,
      h("h3", {}, "Producers"), this.producers);
    this.onVisibility = () => this.schedule(0);
    document.addEventListener("visibilitychange", this.onVisibility);
    this.onToggle = () => {};
  }

  get shown() {
    return !this.el.hidden;
  }

  toggle() {
    if (this.shown) this.hide();
    else this.show();
  }

  show() {
    this.el.hidden = false;
    this.onToggle(true);
    this.schedule(0);
  }

  hide() {
    this.el.hidden = true;
    clearTimeout(this.timer);
    this.timer = null;
    this.onToggle(false);
  }

  schedule(delay) {
    clearTimeout(this.timer);
    this.timer = null;
    if (!this.shown || document.hidden) return;
    this.timer = setTimeout(() => this.refresh(), delay);
  }

  /** Asks the server now; one request at a time, the next one 2 s after it ends (10 s after a failure). */
  async refresh() {
    if (this.inFlight) return;
    const kernel = this.kernelId();
    if (!kernel) {
      this.summary.textContent = "Waiting for the kernel…";
      this.schedule(POLL_MS);
      return;
    }
    this.inFlight = true;
    let delay = POLL_MS;
    try {
      const state = await streams.list(kernel);
      this.render(state || {});
      this.problem.hidden = true;
      this.el.dataset.updated = new Date().toISOString();
    } catch (e) {
      this.problem.hidden = false;
      this.problem.textContent = `${e.message}${this.rows.size ? " The list below may be out of date." : ""}`;
      delay = e.status === 503 || e.status === 504 ? SLOW_POLL_MS : POLL_MS;
    } finally {
      this.inFlight = false;
      this.schedule(delay);
    }
  }

  render({ queries = [], producers = [] }) {
    const failed = queries.filter((q) => q.status === "failed").length;
    this.summary.textContent = `${count(queries.length, "query", "queries")}${failed ? ` (${failed} failed)` : ""}, `
      + `${count(producers.length, "producer", "producers")}`;
    const keep = new Set();
    this.sync(this.queries, queries.map((q) => ({ key: `query:${q.id}`, kind: "query", item: q })), keep);
    this.sync(this.producers, producers.map((p) => ({ key: `producer:${p.id}`, kind: "producer", item: p })), keep);
    for (const [key, row] of this.rows) {
      if (!keep.has(key)) {
        row.el.remove();
        this.rows.delete(key);
      }
    }
    if (!queries.length) this.queries.replaceChildren(h("li", { class: "muted empty-row" }, "No streaming queries."));
    if (!producers.length) this.producers.replaceChildren(h("li", { class: "muted empty-row" }, "No producers."));
  }

  sync(list, entries, keep) {
    list.querySelectorAll(":scope > .empty-row").forEach((e) => e.remove());
    let previous = null;
    for (const { key, kind, item } of entries) {
      keep.add(key);
      let row = this.rows.get(key);
      if (!row) {
        row = this.createRow(kind, item);
        this.rows.set(key, row);
      }
      row.update(item);
      const wanted = previous ? previous.nextSibling : list.firstChild;
      if (wanted !== row.el) list.insertBefore(row.el, wanted);
      previous = row.el;
    }
  }

  createRow(kind, first) {
    const title = h("span", { class: "stream-title" });
    const state = h("span", { class: "stream-state" });
    const facts = h("div", { class: "stream-facts" });
    const error = h("pre", { class: "stream-error", role: "alert", hidden: true });
    const message = h("div", { class: "stream-message", role: "status" });
    const specs = kind === "query" ? QUERY_ACTIONS : PRODUCER_ACTIONS;
    let item = first;
    const buttons = specs.map(([action, text, when]) => ({ when, el: button({
      label: `${text} ${kind} ${kind === "query" ? first.name : first.topic}`, text, action,
      onClick: () => this.act(kind, item, action, message, buttons),
    }) }));
    // Producers take a new rate (events per second; 0 for as fast as the broker takes them).
    let rateForm = null;
    if (kind === "producer") {
      const input = h("input", { type: "number", min: "0", step: "any", class: "stream-rate-input",
        "aria-label": `New rate of the producer on ${first.topic}, events per second`, placeholder: "events/s" });
      const set = button({ label: `Set the rate of the producer on ${first.topic}`, text: "Set rate", action: "rate",
        onClick: () => {
          const rate = Number(input.value);
          if (input.value === "" || !Number.isFinite(rate) || rate < 0) {
            message.textContent = "A rate is a number of events per second, 0 or more.";
            return;
          }
          this.act(kind, item, "rate", message, buttons, { rate });
        } });
      rateForm = h("div", { class: "stream-rate" }, input, set);
      buttons.push({ when: (p) => ["running", "paused"].includes(String(p.state || "").toLowerCase()), el: rateForm });
    }
    const el = h("li", { class: "stream-row", dataset: { kind, id: first.id } },
      h("div", { class: "stream-line" }, title, state), facts, error,
      h("div", { class: "stream-actions" }, buttons.filter((b) => b.el !== rateForm).map((b) => b.el)), rateForm, message);
    return {
      el,
      update: (next) => {
        item = next;
        const status = kind === "query" ? next.status : String(next.state || "").toLowerCase();
        el.dataset.status = status;
        el.dataset.name = kind === "query" ? next.name : next.topic;
        title.textContent = kind === "query" ? next.name : `→ ${next.topic}`;
        state.textContent = status;
        state.className = `stream-state state-${status}`;
        facts.replaceChildren(...(kind === "query" ? queryFacts(next) : producerFacts(next)));
        error.hidden = !next.error;
        error.textContent = next.error || "";
        for (const b of buttons) b.el.hidden = !b.when(next);
      },
    };
  }

  async act(kind, item, action, message, buttons, body) {
    const kernel = this.kernelId();
    buttons.forEach((b) => { b.el.disabled = true; });
    message.textContent = PENDING[action] || "…";
    try {
      await streams.act(kernel, kind, item.id, action, body);
      message.textContent = "";
    } catch (e) {
      message.textContent = `Could not ${action}: ${e.message}`;
    } finally {
      buttons.forEach((b) => { b.el.disabled = false; });
      this.schedule(0);
    }
  }

  close() {
    this.hide();
    document.removeEventListener("visibilitychange", this.onVisibility);
  }
}

function count(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

function fact(label, value, key) {
  return h("span", { class: "stream-fact", dataset: key ? { fact: key, value: value ?? "" } : undefined },
    h("span", { class: "live-fact-label" }, label), key === "processedRowsPerSecond" || key === "inputRowsPerSecond"
      ? formatRate(value) : formatNumber(value));
}

function queryFacts(q) {
  const p = q.progress || {};
  return [
    h("span", { class: "stream-fact" }, h("span", { class: "live-fact-label" }, "Cell"), q.cellId || "–"),
    fact("In", p.inputRowsPerSecond, "inputRowsPerSecond"),
    fact("Processed", p.processedRowsPerSecond, "processedRowsPerSecond"),
    fact("Batch", p.batchId, "batchId"),
  ];
}

function producerFacts(p) {
  return [
    h("span", { class: "stream-fact" }, h("span", { class: "live-fact-label" }, "Cell"), p.cellId || "–"),
    h("span", { class: "stream-fact", dataset: { fact: "rate" } }, h("span", { class: "live-fact-label" }, "Rate"),
      `${formatRate(p.actualRate)} of ${p.targetRate ? formatRate(p.targetRate) : "max"}`),
    fact("Sent", p.sent, "sent"),
    fact("Failed", p.failed, "failed"),
  ];
}
