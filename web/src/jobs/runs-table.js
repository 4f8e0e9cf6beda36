// A job's runs, newest first: trigger, attempt, status, exit code, start, end and the error's first line (the whole
// error behind it). "Show" picks the run whose queries and log the page shows; by default the running or newest one.
import { button, h } from "../ui/dom.js";
import { errorCell, failureText, runDuration, runStatusBadge, timeCell } from "./job-format.js";

const COLUMNS = ["Started", "Trigger", "Attempt", "Status", "Exit code", "Ended", "Error"];

export class RunsTable {
  /** @param {(runId: string) => void} onShow */
  constructor(onShow) {
    this.onShow = onShow;
    this.rows = new Map();
    this.body = h("tbody");
    this.el = h("table", { class: "runs-table" },
      h("thead", {}, h("tr", {}, COLUMNS.map((c) => h("th", { scope: "col" }, c)),
        h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Show")))), this.body);
  }

  render(runs, shownId) {
    const keep = new Set(runs.map((r) => r.id));
    for (const [id, row] of this.rows) {
      if (!keep.has(id)) {
        row.tr.remove();
        this.rows.delete(id);
      }
    }
    let previous = null;
    for (const run of runs) {
      let row = this.rows.get(run.id);
      if (!row) {
        row = this.createRow(run);
        this.rows.set(run.id, row);
      }
      row.update(run, run.id === shownId);
      const wanted = previous ? previous.nextSibling : this.body.firstChild;
      if (wanted !== row.tr) this.body.insertBefore(row.tr, wanted);
      previous = row.tr;
    }
    this.body.querySelector(":scope > .empty-row")?.remove();
    if (!runs.length) {
      this.body.append(h("tr", { class: "empty-row" }, h("td", { colspan: String(COLUMNS.length + 1), class: "muted" },
        "No runs yet.")));
    }
  }

  createRow(first) {
    const show = button({ label: `Show the queries and log of run ${first.id}`, text: "Show", cls: "btn-small",
      onClick: () => this.onShow(first.id) });
    const cells = {
      started: h("td", { title: first.id }), trigger: h("td"), attempt: h("td", { class: "num" }), status: h("td"),
      exit: h("td", { class: "num run-exit" }), ended: h("td"), error: h("td", { class: "run-error-cell" }),
      show: h("td", {}, show),
    };
    const tr = h("tr", { class: "run-row", dataset: { runId: first.id } }, Object.values(cells));
    let errorText;
    return {
      tr,
      update: (run, shown) => {
        Object.assign(tr.dataset, { status: run.status, trigger: run.trigger });
        tr.classList.toggle("shown", shown);
        show.setAttribute("aria-pressed", String(shown));
        show.hidden = run.status === "skipped";
        cells.started.replaceChildren(timeCell(run.startedAt || run.scheduledFor));
        cells.trigger.textContent = run.trigger;
        cells.attempt.textContent = String(run.attempt);
        cells.status.replaceChildren(runStatusBadge(run.status));
        cells.exit.textContent = run.exitCode ?? "–";
        cells.ended.replaceChildren(...(run.endedAt
          ? [timeCell(run.endedAt), h("span", { class: "muted" }, ` · ${runDuration(run)}`)]
          : [h("span", { class: "muted" }, run.status === "running" ? `running for ${runDuration(run)}` : "–")]));
        // An open <details> stays open unless the error changes.
        const text = `${run.failure || ""}|${run.error || ""}`;
        if (text !== errorText) {
          errorText = text;
          cells.error.replaceChildren(errorCell(run.error),
            run.failure ? h("span", { class: "run-failure", dataset: { failure: run.failure } }, failureText(run.failure))
              : "");
        }
      },
    };
  }
}
