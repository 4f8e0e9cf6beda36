// One run in detail: each query's last progress (as the run's status file reported it) and the live tail of its log.
import { h } from "../ui/dom.js";
import { formatCount, runStatusBadge, timeCell } from "./job-format.js";
import { LogTail } from "./log-tail.js";

const QUERY_COLUMNS = ["Query", "Status", "Batch", "Input rows", "Output rows", "Watermark", "Last progress"];

export class RunDetail {
  constructor() {
    this.title = h("h2", { class: "run-detail-title" });
    this.queries = h("tbody");
    this.log = new LogTail();
    this.el = h("section", { class: "run-detail", "aria-label": "Selected run", hidden: true },
      this.title,
      h("h3", {}, "Queries"),
      h("table", { class: "queries-table" },
        h("thead", {}, h("tr", {}, QUERY_COLUMNS.map((c) => h("th", { scope: "col" }, c)))), this.queries),
      h("h3", {}, "Log"), this.log.el);
  }

  /** Shows a run (its queries now) and reads what its log gained since the last call. */
  async show(jobName, run) {
    this.el.hidden = !run;
    if (!run) return;
    this.el.dataset.runId = run.id;
    this.el.dataset.status = run.status;
    this.title.replaceChildren(`Run ${run.id} `, runStatusBadge(run.status));
    this.renderQueries(run.queries || [], run.status);
    this.log.show(jobName, run.id);
    await this.log.refresh();
  }

  renderQueries(queries, status) {
    if (!queries.length) {
      this.queries.replaceChildren(h("tr", {}, h("td", { colspan: String(QUERY_COLUMNS.length), class: "muted" },
        status === "running" ? "No query has reported progress yet." : "No query reported progress.")));
      return;
    }
    this.queries.replaceChildren(...queries.map((q) => h("tr", { class: "query-row",
      dataset: { query: q.name, status: q.status, batch: q.batchId ?? "", inputRows: q.inputRows ?? "" } },
    h("td", { class: "query-name" }, q.name),
    h("td", {}, q.status || "–"),
    h("td", { class: "num" }, formatCount(q.batchId)),
    h("td", { class: "num" }, formatCount(q.inputRows)),
    h("td", { class: "num" }, formatCount(q.outputRows)),
    h("td", {}, q.watermark ? timeCell(q.watermark) : h("span", { class: "muted" }, "–")),
    h("td", {}, timeCell(q.lastProgressAt, { relative: true })))));
  }
}
