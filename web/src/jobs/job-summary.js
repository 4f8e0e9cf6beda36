// A job's definition and state: its notebook (and whether it changed since the export), how it runs, its
// parameters, revision, next run and restarts.
import { notebookUrl } from "../api/sessions.js";
import { h } from "../ui/dom.js";
import { changedBadge, nextRunCell, scheduleText, stateBadge, timeCell } from "./job-format.js";

export class JobSummary {
  constructor() {
    this.state = h("span", { class: "job-page-state", role: "status", "aria-label": "Job state" });
    this.facts = h("dl", { class: "job-facts" });
    this.el = h("section", { class: "job-summary", "aria-label": "Definition" }, this.facts);
  }

  render(job) {
    if (this.state.dataset.state !== job.state) {
      this.state.dataset.state = job.state;
      this.state.replaceChildren(stateBadge(job.state));
    }
    const params = Object.entries(job.params || {});
    const fact = (key, label, ...value) => h("div", { class: "job-fact", dataset: { fact: key } }, h("dt", {}, label),
      h("dd", {}, value));
    this.facts.replaceChildren(...[
      fact("notebook", "Notebook", h("a", { href: notebookUrl(job.notebook) }, job.notebook), changedBadge(job)),
      fact("mode", "Mode", job.mode),
      fact("schedule", "Schedule", scheduleText(job), job.paused ? " (paused)" : ""),
      fact("params", "Parameters", params.length
        ? h("ul", { class: "job-params" }, params.map(([k, v]) => h("li", {}, h("code", {}, `${k} = ${v}`))))
        : h("span", { class: "muted" }, "the notebook's defaults")),
      fact("revision", "Revision", h("code", {}, job.revision), job.notebookChanged
        ? h("span", { class: "muted" }, ` (the notebook is at ${job.notebookRevision})`) : ""),
      // A continuous job has no next run, only a restart it waits for; a once job has neither.
      job.mode === "scheduled" ? fact("next", "Next run", nextRunCell(job))
        : job.nextRun ? fact("next", "Next restart", timeCell(job.nextRun)) : null,
      job.startingOffsets ? fact("start", "Fresh checkpoints read Kafka from", job.startingOffsets === "latest"
        ? "new data only" : "where the old checkpoints had got to") : null,
      fact("restarts", "Restarts", String(job.restarts ?? 0), h("span", { class: "muted" }, " within the restart window")),
      fact("updated", "Changed", timeCell(job.updatedAt))].filter(Boolean));
  }
}
