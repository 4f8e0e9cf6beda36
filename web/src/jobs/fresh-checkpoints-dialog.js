// Fresh checkpoints: the job's checkpoints are moved aside (kept on disk) and its next run starts every query from
// scratch, reading Kafka from where the user chooses. Refused while the job runs; the refusal stays in the dialog.
import { jobs } from "../api/jobs.js";
import { formDialog } from "../ui/dialog.js";
import { h } from "../ui/dom.js";

const STARTS = [
  ["earliest", "The oldest data Kafka still holds: results are computed again from there"],
  ["checkpoint", "Where the old checkpoints had got to: nothing is read twice, earlier state is not carried over"],
  ["latest", "Only data that arrives from now on"],
];

/** Resolves to the job after the move, or null when cancelled. */
export async function freshCheckpointsDialog(name) {
  const choices = STARTS.map(([value, text], i) => h("label", { class: "dialog-choice" },
    h("input", { type: "radio", name: "startFrom", value, checked: i === 0 }), h("span", {}, text)));
  const outcome = await formDialog({
    title: `Fresh checkpoints for ${name}?`,
    body: h("div", {},
      h("p", { class: "dialog-message" }, "The job's checkpoints are moved aside, not deleted (a checkpoints.archived-… "
        + "folder next to them), and its next run starts every query from a fresh checkpoint."),
      h("fieldset", { class: "dialog-fieldset" }, h("legend", {}, "The next run reads Kafka from"), choices)),
    actions: [{ id: "archive", label: "Use fresh checkpoints", primary: true, pending: "Moving the checkpoints aside…",
      run: () => jobs.archiveCheckpoints(name, choices.map((c) => c.querySelector("input")).find((i) => i.checked).value) }],
  });
  return outcome?.result ?? null;
}
