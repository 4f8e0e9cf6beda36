// When the last run was refused because its checkpoint was written by a different query (exit code 3, usually
// after a re-export changed a query), the job cannot go on by itself: the user chooses, and only these two ways.
import { button, h } from "../ui/dom.js";

export class CheckpointChoice {
  /** @param {import("./job-actions.js").JobActions} actions */
  constructor(actions) {
    this.actions = actions;
    this.runId = null;
    this.el = h("section", { class: "checkpoint-choice banner banner-error", role: "alert", hidden: true,
      "aria-label": "The checkpoint does not fit this version" });
  }

  /** Shown while the newest run failed that way on the job's current revision and nothing runs. */
  update(job) {
    const run = job.lastRun;
    const show = Boolean(job.needsCheckpointChoice) && run?.revision === job.revision
      && !["running", "restarting"].includes(job.state);
    this.el.hidden = !show;
    if (!show || this.runId === run.id) return;
    this.runId = run.id;
    this.el.replaceChildren(
      h("div", { class: "banner-message" },
        h("p", {}, h("strong", {}, "This version of the job cannot resume from its checkpoint."),
          " The checkpoint was written by a different query. Choose how to go on: a fresh checkpoint reads "
            + "Kafka again from the oldest data it holds."),
        h("pre", { class: "checkpoint-error" }, run.error || "")),
      h("div", { class: "banner-actions checkpoint-actions" },
        button({ label: "Start from a fresh checkpoint (keep the old one aside)",
          text: "Start from a fresh checkpoint (keep the old one aside)", cls: "btn-primary", action: "fresh-and-run",
          onClick: () => this.actions.freshCheckpointAndRun() }),
        button({ label: "Go back to the previous version", text: "Go back to the previous version", action: "go-back",
          onClick: () => this.actions.revertNow() })));
  }
}
