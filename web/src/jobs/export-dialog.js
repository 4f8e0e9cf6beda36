// "Export as job" on the notebook page: the job's name, how it runs and its parameters. It saves the notebook first,
// then creates the job (or, with "Export project only", writes the project); a refusal (a bad cron expression, code
// that does not compile, with its cell and line) is shown in the dialog, with everything typed kept.
import { baseName } from "../api/contents.js";
import { exportsApi, jobUrl, jobs } from "../api/jobs.js";
import { formDialog, messageDialog } from "../ui/dialog.js";
import { h } from "../ui/dom.js";
import { exportReport } from "./export-report.js";
import { declaredParameters } from "./notebook-params.js";
import { ParamsRows } from "./params-rows.js";
import { ScheduleFields } from "./schedule-fields.js";

/** The server's default job name for a notebook: its file name, with what a name may not hold as '-'. */
export function defaultJobName(path) {
  return baseName(path).replace(/\.ipynb$/, "").replace(/[^A-Za-z0-9_-]/g, "-").replace(/^[^A-Za-z0-9]+/, "")
    .slice(0, 64);
}

/**
 * @param {object} options
 * @param {string} options.path the notebook
 * @param {object[]} options.cells its cells now (for the parameters it declares)
 * @param {() => Promise<void>} options.save saves the notebook; rejects with why it could not
 */
export async function openExportDialog({ path, cells, save }) {
  const name = h("input", { type: "text", class: "dialog-input job-name-input", name: "name", value: defaultJobName(path),
    spellcheck: "false", autocomplete: "off", pattern: "[A-Za-z0-9][A-Za-z0-9_\\-]{0,63}" });
  const schedule = new ScheduleFields();
  const params = new ParamsRows(declaredParameters(cells).map((p) => ({ name: p.name, placeholder: p.placeholder })));
  const body = h("div", { class: "export-form" },
    h("p", { class: "dialog-message" }, `The notebook is saved, exported to a Java project and compiled; each run of the `
      + "job is a JVM of its own. Cells tagged exploration are left out."),
    h("label", { class: "dialog-field" }, h("span", {}, "Job name"), name), schedule.el, params.el);
  const outcome = await formDialog({
    title: `Export ${baseName(path)}`, body, wide: true, initialFocus: name,
    actions: [
      { id: "project", label: "Export project only", pending: "Saving and exporting the project…", run: async () => {
        await save();
        return exportsApi.create(path, name.value.trim());
      } },
      { id: "job", label: "Create job", primary: true, pending: "Saving, exporting and compiling; the job starts next…",
        run: async () => {
          const spec = { notebook: path, name: name.value.trim() || undefined, ...schedule.values(), params: params.values() };
          await save();
          return jobs.create(spec);
        } },
    ],
  });
  if (outcome?.action === "job") await showCreated(outcome.result);
  else if (outcome?.action === "project") await showProject(outcome.result);
}

function showCreated(job) {
  return messageDialog({ title: `Job ${job.name} created`, body: h("div", { class: "export-result" },
    h("p", { class: "dialog-message" }, job.mode === "scheduled"
      ? `It runs at ${job.cron} (${job.timeZone}).` : job.mode === "continuous" ? "It is starting now." : "It runs now."),
    h("p", {}, h("a", { class: "btn btn-primary", href: jobUrl(job.name) }, `Open the job ${job.name}`))) });
}

function showProject(exported) {
  return messageDialog({ title: "Project exported", wide: true, body: h("div", { class: "export-result" },
    h("p", { class: "dialog-message" }, "The project was written to ", h("code", { class: "export-path" }, exported.project),
      `, revision ${exported.revision}; its main class is ${exported.mainClass}.`),
    exportReport(exported.report)) });
}
