// application/vnd.workbench.live+json: a streaming query's live output (docs/streaming.md). The view is built
// once and updated in place on update_display_data: the status line, the rows by key (a window is never shown
// twice), the chart and the progress strip. Its Stop button asks the server to stop the query.
import { h } from "../ui/dom.js";
import { formatCell, isTimeType, isWindow } from "./live-format.js";
import { renderChart } from "./live-chart.js";
import { renderProgress, updateProgress } from "./live-progress.js";

export const LIVE_MIME = "application/vnd.workbench.live+json";
const NUMERIC = /^(byte|short|int|integer|long|bigint|float|double|decimal|tinyint|smallint)/i;
const STATUS_TEXT = { running: "running", stopped: "stopped", failed: "failed" };
const views = new WeakMap();

/**
 * @param {object} json the live view
 * @param {{act?: (kind: string, id: string, action: string) => Promise<unknown>}} [actions] stops the query
 */
export function renderLive(json, actions = {}) {
  const view = new LiveView(actions);
  view.update(json);
  views.set(view.el, view);
  return view.el;
}

/** Updates a rendered live view with a newer one; false if el is not a live view. */
export function updateLive(el, json) {
  const view = el && views.get(el);
  if (!view) return false;
  view.update(json);
  return true;
}

class LiveView {
  constructor(actions) {
    this.actions = actions;
    this.name = h("span", { class: "live-name" });
    this.state = h("span", { class: "live-state" });
    this.stopButton = h("button", { type: "button", class: "btn live-stop", onClick: () => this.stop() }, "Stop");
    this.message = h("span", { class: "live-message", role: "status" });
    this.error = h("pre", { class: "live-error", role: "alert", hidden: true });
    this.status = h("div", { class: "live-status" }, this.name, this.state, this.stopButton, this.message);
    this.chartSlot = h("div", { class: "live-chart-slot" });
    this.tableSlot = h("div", { class: "live-table-slot" });
    this.progress = renderProgress(null);
    this.el = h("div", { class: "live-view" }, this.status, this.error, this.progress, this.chartSlot, this.tableSlot);
    this.rowsByKey = new Map();
    this.columnsSignature = null;
  }

  update(json) {
    if (!json || typeof json !== "object") throw new Error("not a live view");
    this.json = json;
    const q = json.query || {};
    const status = STATUS_TEXT[q.status] || String(q.status || "unknown");
    this.el.dataset.status = status;
    this.el.dataset.queryId = q.id || "";
    this.name.textContent = q.name || "query";
    this.state.textContent = status;
    this.state.className = `live-state state-${status}`;
    this.stopButton.hidden = status !== "running" || !this.actions.act;
    this.stopButton.setAttribute("aria-label", `Stop the query ${q.name || ""}`.trim());
    this.error.hidden = !q.error;
    this.error.textContent = q.error || "";
    this.timeZone = json.timeZone || "UTC";
    updateProgress(this.progress, json.progress, this.timeZone);
    if (Array.isArray(json.columns)) {
      this.updateTable(json);
      this.chartSlot.replaceChildren(...[renderChart(json)].filter(Boolean));
    } else {
      this.tableSlot.replaceChildren();
      this.chartSlot.replaceChildren();
    }
  }

  async stop() {
    const id = this.json?.query?.id;
    this.stopButton.disabled = true;
    this.message.textContent = "Stopping…";
    try {
      await this.actions.act("query", id, "stop");
      this.message.textContent = "";
    } catch (e) {
      this.message.textContent = `Could not stop: ${e.message}`;
    } finally {
      this.stopButton.disabled = false;
    }
  }

  /** Rows are matched by key: a row whose key is shown already is updated where it is, never added again. */
  updateTable(json) {
    const columns = json.columns;
    const signature = JSON.stringify([columns, json.timeZone || "UTC"]);
    if (signature !== this.columnsSignature) this.buildTable(columns, signature);
    const names = columns.map((c) => c.name);
    const keyIdx = (Array.isArray(json.key) ? json.key : []).map((k) => names.indexOf(k)).filter((i) => i >= 0);
    const rows = Array.isArray(json.rows) ? json.rows : [];
    const seen = new Map();
    rows.forEach((row, i) => {
      const key = keyIdx.length ? JSON.stringify(keyIdx.map((k) => row[k])) : `#${i}`;
      seen.set(key, row);
    });
    for (const [key, tr] of this.rowsByKey) {
      if (!seen.has(key)) {
        tr.remove();
        this.rowsByKey.delete(key);
      }
    }
    let previous = null;
    for (const [key, row] of seen) {
      let tr = this.rowsByKey.get(key);
      if (!tr) {
        tr = h("tr", { dataset: { key } }, columns.map((c, i) => h("td", { class: this.numeric[i] ? "num" : null })));
        this.rowsByKey.set(key, tr);
      }
      this.fill(tr, row);
      const wanted = previous ? previous.nextSibling : this.tbody.firstChild;
      if (wanted !== tr) this.tbody.insertBefore(tr, wanted);
      previous = tr;
    }
    const total = Number.isFinite(json.totalRows) ? json.totalRows : seen.size;
    const result = json.result || {};
    this.footer.textContent = `${seen.size} ${seen.size === 1 ? "row" : "rows"}${total > seen.size ? ` of ${total}` : ""}`
      + (keyIdx.length ? `, one per ${keyIdx.map((i) => names[i]).join(" and ")}` : "")
      + (result.outputMode ? ` · ${result.outputMode} mode: ${result.description || ""}` : "");
    this.footer.dataset.outputMode = result.outputMode || "";
  }

  buildTable(columns, signature) {
    this.columnsSignature = signature;
    this.rowsByKey.clear();
    this.numeric = columns.map((c) => NUMERIC.test(String(c.type || "")));
    this.tbody = h("tbody");
    this.footer = h("div", { class: "wb-table-footer" });
    const zone = (c) => (isTimeType(c.type) ? ` (${this.timeZone})` : "");
    const head = h("tr", {}, columns.map((c) => h("th", { scope: "col", title: `${c.name}: ${c.type}${zone(c)}` },
      h("span", { class: "col-name" }, String(c.name)), h("span", { class: "col-type" }, `${c.type ?? ""}${zone(c)}`))));
    this.tableSlot.replaceChildren(h("div", { class: "wb-table live-table" },
      h("div", { class: "wb-table-scroll" }, h("table", {}, h("thead", {}, head), this.tbody)), this.footer));
  }

  fill(tr, row) {
    [...tr.children].forEach((td, i) => {
      const v = Array.isArray(row) ? row[i] : undefined;
      const text = formatCell(v, this.timeZone);
      if (td.textContent === text) return;
      td.textContent = text;
      td.classList.toggle("null", v === null || v === undefined);
      if (isWindow(v)) td.title = `${v.start} – ${v.end}`;
      // A changed value flashes once, so the eye finds what the last micro-batch updated; two animation names
      // take turns so that the animation restarts without forcing a layout.
      if (td.dataset.filled) td.dataset.flash = td.dataset.flash === "a" ? "b" : "a";
      td.dataset.filled = "1";
    });
  }
}
