// The Jobs page (/jobs): every job with its notebook, schedule, state, last and next run, refreshed every 3 s while
// the tab is shown. A failed refresh says so above the last list, which stays.
import { jobUrl, jobs } from "../api/jobs.js";
import { notebookUrl } from "../api/sessions.js";
import { appHeader } from "../ui/app-header.js";
import { h } from "../ui/dom.js";
import { Poller } from "../ui/poller.js";
import { changedBadge, nextRunCell, runDuration, runStatusBadge, scheduleText, stateBadge, timeCell } from "./job-format.js";

const COLUMNS = ["Name", "Notebook", "Mode", "Schedule", "State", "Last run", "Next run", "Restarts"];

export class JobsPage {
  constructor(root) {
    this.root = root;
    this.rows = new Map();
    this.loaded = false;
    this.problem = h("p", { class: "jobs-problem", role: "alert", hidden: true });
    this.summary = h("p", { class: "jobs-summary muted", role: "status" }, "Loading…");
    this.body = h("tbody");
    this.table = h("table", { class: "jobs-table" },
      h("thead", {}, h("tr", {}, COLUMNS.map((c) => h("th", { scope: "col" }, c)))), this.body);
    this.poller = new Poller(() => this.refresh(), { intervalMs: 3000 });
  }

  open() {
    document.title = "Jobs · Workbench";
    this.root.replaceChildren(h("div", { class: "jobs-page" }, appHeader("jobs"),
      h("main", { class: "jobs-content" },
        h("div", { class: "jobs-bar" }, h("h1", {}, "Jobs"), h("span", { class: "spacer" }), this.summary),
        this.problem, this.table)));
    this.poller.start();
  }

  async refresh() {
    let list;
    try {
      list = await jobs.list();
    } catch (e) {
      this.problem.hidden = false;
      this.problem.textContent = `${e.message}${this.loaded ? " The list below may be out of date." : ""}`;
      this.table.classList.toggle("stale", this.loaded);
      throw e;
    }
    this.loaded = true;
    this.problem.hidden = true;
    this.table.classList.remove("stale");
    this.render(list || []);
    this.root.firstChild.dataset.updated = new Date().toISOString();
  }

  render(list) {
    const running = list.filter((j) => j.state === "running").length;
    this.summary.textContent = `${list.length} ${list.length === 1 ? "job" : "jobs"}, ${running} running`;
    const keep = new Set(list.map((j) => j.name));
    for (const [name, tr] of this.rows) {
      if (!keep.has(name)) {
        tr.remove();
        this.rows.delete(name);
      }
    }
    let previous = null;
    for (const job of list) {
      let tr = this.rows.get(job.name);
      if (!tr) {
        tr = h("tr", { class: "job-row" });
        this.rows.set(job.name, tr);
      }
      update(tr, job);
      const wanted = previous ? previous.nextSibling : this.body.firstChild;
      if (wanted !== tr) this.body.insertBefore(tr, wanted);
      previous = tr;
    }
    this.body.querySelector(":scope > .empty-row")?.remove();
    if (!list.length) {
      this.body.append(h("tr", { class: "empty-row" }, h("td", { colspan: String(COLUMNS.length), class: "muted empty" },
        "No jobs yet. Open a finished notebook and choose Export as job.")));
    }
  }
}

/** Replaces only the cells whose content changed, so that a focused link survives a refresh. */
function update(tr, job) {
  Object.assign(tr.dataset, { name: job.name, state: job.state, mode: job.mode });
  const cells = [
    h("td", {}, h("a", { href: jobUrl(job.name), class: "job-name" }, job.name)),
    h("td", {}, h("a", { href: notebookUrl(job.notebook) }, job.notebook), changedBadge(job)),
    h("td", {}, job.mode),
    h("td", { class: "job-schedule" }, job.mode === "scheduled" ? scheduleText(job) : h("span", { class: "muted" }, "–")),
    h("td", {}, stateBadge(job.state)),
    h("td", { class: "job-last-run" }, lastRun(job.lastRun)),
    h("td", {}, nextRunCell(job)),
    h("td", { class: "num" }, String(job.restarts ?? 0)),
  ];
  cells.forEach((td, i) => {
    const old = tr.children[i];
    if (!old) tr.append(td);
    else if (old.outerHTML !== td.outerHTML) old.replaceWith(td);
  });
}

function lastRun(run) {
  if (!run) return h("span", { class: "muted" }, "never");
  return h("span", { class: "last-run", dataset: { status: run.status } }, runStatusBadge(run.status), " ",
    timeCell(run.startedAt || run.scheduledFor, { relative: true }),
    run.startedAt ? h("span", { class: "muted" }, ` · ${runDuration(run)}`) : null);
}
