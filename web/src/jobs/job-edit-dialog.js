// Edit a job: how it runs (mode, cron expression, time zone) and its parameters. The server's refusal (a bad cron
// expression, an unknown parameter) is shown in the dialog, which stays open with what was typed.
import { jobs } from "../api/jobs.js";
import { formDialog } from "../ui/dialog.js";
import { h } from "../ui/dom.js";
import { ParamsRows } from "./params-rows.js";
import { ScheduleFields } from "./schedule-fields.js";

/** Resolves to the changed job, or null when cancelled. */
export async function editJob(job) {
  const schedule = new ScheduleFields({ mode: job.mode, cron: job.cron, timeZone: job.timeZone });
  const params = new ParamsRows(Object.entries(job.params || {}).map(([name, value]) => ({ name, value })));
  const outcome = await formDialog({
    title: `Edit ${job.name}`, wide: true, initialFocus: schedule.mode,
    body: h("div", { class: "edit-form" }, schedule.el, params.el,
      h("p", { class: "dialog-message" }, "A new schedule applies from its next time; parameters from the next run.")),
    actions: [{ id: "save", label: "Save", primary: true, pending: "Saving…",
      run: () => jobs.update(job.name, { ...schedule.values(), params: params.values() }) }],
  });
  return outcome?.result ?? null;
}
