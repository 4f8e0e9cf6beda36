// One job (/jobs/<name>): its state and definition, the actions, its runs, and for the running (or chosen) run each
// query's progress and the live tail of its log; refreshed every 2 s while the tab is shown.
import { jobs, jobsUrl } from "../api/jobs.js";
import { appHeader } from "../ui/app-header.js";
import { h } from "../ui/dom.js";
import { Poller } from "../ui/poller.js";
import { CheckpointChoice } from "./checkpoint-choice.js";
import { JobActions } from "./job-actions.js";
import { JobSummary } from "./job-summary.js";
import { RunDetail } from "./run-detail.js";
import { RunsTable } from "./runs-table.js";

export class JobPage {
  constructor(root, name) {
    this.root = root;
    this.name = name;
    this.pinnedRun = null;
    this.loaded = false;
    this.summary = new JobSummary();
    this.actions = new JobActions(name, { onChanged: () => this.poller.now(), onDeleted: () => location.assign(jobsUrl()) });
    this.choice = new CheckpointChoice(this.actions);
    this.runs = new RunsTable((id) => this.showRun(id));
    this.detail = new RunDetail();
    this.problem = h("p", { class: "jobs-problem", role: "alert", hidden: true });
    this.poller = new Poller(() => this.refresh(), { intervalMs: 2000 });
  }

  open() {
    document.title = `${this.name} · Jobs · Workbench`;
    this.page = h("div", { class: "jobs-page job-page", dataset: { job: this.name } }, appHeader("jobs"),
      h("main", { class: "jobs-content" },
        h("nav", { class: "breadcrumbs", "aria-label": "Jobs" }, h("a", { href: jobsUrl() }, "Jobs"),
          h("span", { class: "sep", "aria-hidden": "true" }, "/"), h("span", {}, this.name)),
        h("div", { class: "jobs-bar" }, h("h1", { class: "job-title" }, this.name), this.summary.state),
        this.problem, this.choice.el, this.actions.el, this.summary.el,
        h("section", { class: "job-runs", "aria-label": "Runs" }, h("h2", {}, "Runs"), this.runs.el),
        this.detail.el));
    this.root.replaceChildren(this.page);
    this.poller.start();
  }

  async refresh() {
    let job;
    let runs;
    try {
      [job, runs] = await Promise.all([jobs.get(this.name), jobs.runs(this.name)]);
    } catch (e) {
      if (e.status === 404) return this.gone(e);
      this.problem.textContent = `${e.message}${this.loaded ? " What is shown may be out of date." : ""}`;
      this.problem.hidden = false;
      throw e;
    }
    this.loaded = true;
    this.problem.hidden = true;
    this.page.dataset.state = job.state;
    this.summary.render(job);
    this.actions.update(job);
    this.choice.update(job);
    const shown = this.chosenRun(runs);
    this.runs.render(runs, shown?.id);
    try {
      await this.detail.show(this.name, shown);
    } catch (e) {
      this.problem.textContent = `The run's log cannot be read: ${e.message}`;
      this.problem.hidden = false;
      throw e;
    }
    this.page.dataset.updated = new Date().toISOString();
  }

  /** The run the user chose, else the one running, else the newest that ran. */
  chosenRun(runs) {
    return runs.find((r) => r.id === this.pinnedRun) || runs.find((r) => r.status === "running")
      || runs.find((r) => r.status !== "skipped") || null;
  }

  showRun(id) {
    this.pinnedRun = id;
    this.poller.now();
  }

  gone(e) {
    this.poller.stop();
    this.root.replaceChildren(h("div", { class: "jobs-page" }, appHeader("jobs"),
      h("div", { class: "page-error", role: "alert" }, h("h1", {}, "No such job"), h("p", {}, e.message),
        h("p", {}, h("a", { href: jobsUrl() }, "All jobs")))));
  }
}
