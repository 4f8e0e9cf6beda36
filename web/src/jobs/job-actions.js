// What can be done to a job, as buttons: each shown when the job's state allows it, one at a time, with what it is
// doing in a status line and the server's refusal in place.
import { jobs } from "../api/jobs.js";
import { confirmDialog } from "../ui/dialog.js";
import { button, h } from "../ui/dom.js";
import { freshCheckpointsDialog } from "./fresh-checkpoints-dialog.js";
import { editJob } from "./job-edit-dialog.js";

const ACTIVE = ["running", "restarting"];

export class JobActions {
  /**
   * @param {string} name the job
   * @param {{onChanged: () => void, onDeleted: () => void}} callbacks
   */
  constructor(name, { onChanged, onDeleted }) {
    this.name = name;
    this.onChanged = onChanged;
    this.onDeleted = onDeleted;
    this.job = null;
    this.busy = false;
    this.status = h("p", { class: "job-action-status", role: "status" });
    this.problem = h("p", { class: "job-action-problem", role: "alert", hidden: true });
    const b = (action, text, onClick, cls) => button({ label: text, text, action, cls, onClick: () => onClick() });
    this.buttons = {
      run: b("run", "Run now", () => this.act("Starting a run…", () => jobs.runNow(name), "A run started.")),
      stop: b("stop", "Stop", () => this.act("Stopping: the run stops between batches…", () => jobs.stop(name),
        (j) => (j.state === "running" ? "Still stopping: the run is finishing its batch (the server kills it after its stop "
          + "timeout)." : "Stopped."))),
      pause: b("pause", "Pause", () => this.act("Pausing…", () => jobs.pause(name), "The schedule is paused.")),
      resume: b("resume", "Resume", () => this.act("Resuming…", () => jobs.resume(name), "The schedule is resumed.")),
      edit: b("edit", "Edit", () => this.edit()),
      reexport: b("reexport", "Re-export from the notebook", () => this.act("Exporting the notebook again…",
        () => jobs.reexport(name), (j) => `Exported revision ${j.revision}; the next run uses it.`)),
      revert: b("revert", "Revert to the previous version", () => this.revert()),
      archive: b("archive", "Fresh checkpoints", () => this.freshCheckpoints()),
      delete: b("delete", "Delete", () => this.remove(), "btn-danger-outline"),
    };
    this.el = h("div", { class: "job-actions" },
      h("div", { class: "job-action-buttons", role: "toolbar", "aria-label": "Job actions" }, Object.values(this.buttons)),
      this.status, this.problem);
  }

  /** Shows the actions the job's state allows. */
  update(job) {
    this.job = job;
    const active = ACTIVE.includes(job.state);
    const scheduled = job.mode === "scheduled";
    const show = { run: job.state !== "running", stop: active, pause: scheduled && !job.paused,
      resume: scheduled && job.paused, archive: !active, revert: Boolean(job.previousRevision) };
    for (const [key, el] of Object.entries(this.buttons)) {
      el.hidden = show[key] === false;
      el.disabled = this.busy;
    }
    this.buttons.reexport.classList.toggle("btn-primary", Boolean(job.notebookChanged));
  }

  /** Runs one action; resolves to whether it succeeded. */
  async act(pending, request, done) {
    if (this.busy) return false;
    this.setBusy(true);
    this.problem.hidden = true;
    this.status.textContent = pending;
    try {
      const result = await request();
      this.status.textContent = typeof done === "function" ? done(result) : done;
      return true;
    } catch (e) {
      this.status.textContent = "";
      this.problem.textContent = e.message;
      this.problem.hidden = false;
      return false;
    } finally {
      this.setBusy(false);
      this.onChanged();
    }
  }

  setBusy(busy) {
    this.busy = busy;
    for (const el of Object.values(this.buttons)) el.disabled = busy;
  }

  async edit() {
    const changed = await editJob(this.job);
    if (changed) {
      this.status.textContent = "Saved.";
      this.onChanged();
    }
  }

  async revert() {
    const ok = await confirmDialog({ title: `Revert ${this.name}?`, confirmLabel: "Revert",
      message: `The job goes back to the version exported before revision ${this.job.revision}. Its next run uses it; `
        + "the current export stays on disk." });
    if (ok) await this.revertNow();
  }

  revertNow() {
    return this.act("Going back to the previous version…", () => jobs.revert(this.name),
      (j) => `Back at revision ${j.revision}.${j.mode === "scheduled" ? "" : " Run now to start it."}`);
  }

  async freshCheckpoints() {
    const done = await freshCheckpointsDialog(this.name);
    if (done) {
      this.problem.hidden = true;
      this.status.textContent = "The old checkpoints are kept aside; the next run starts its queries fresh.";
      this.onChanged();
    }
  }

  /** After a refused upgrade: the old state aside, then a run at once (over what Kafka holds, from its oldest). */
  async freshCheckpointAndRun() {
    if (await this.act("Moving the checkpoints aside…", () => jobs.archiveCheckpoints(this.name), "")) {
      await this.act("Starting a run from a fresh checkpoint…", () => jobs.runNow(this.name),
        "A run started from a fresh checkpoint; the old one is kept aside.");
    }
  }

  async remove() {
    const ok = await confirmDialog({ title: `Delete ${this.name}?`, confirmLabel: "Delete", danger: true,
      message: "The job is stopped if it runs, and deleted with its run history. Its files (exports, logs, "
        + "checkpoints) go to the jobs directory's .trash folder." });
    if (ok && await this.act("Deleting…", () => jobs.remove(this.name), "Deleted.")) this.onDeleted();
  }
}
