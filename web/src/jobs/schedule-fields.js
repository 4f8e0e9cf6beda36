// How a job runs, as form fields: the mode and, for a scheduled job, its cron expression and time zone.
import { h } from "../ui/dom.js";

const MODES = [
  ["continuous", "Continuous: runs until stopped, restarted when it fails"],
  ["scheduled", "Scheduled: runs at cron times over what arrived since"],
  ["once", "Once: runs now over what its sources hold"],
];
let zonesList = null;

/** The zones the browser knows, as one shared <datalist> for every zone input. */
function zones() {
  if (!zonesList) {
    const names = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    zonesList = h("datalist", { id: "time-zones" }, ["UTC", ...names].map((z) => h("option", { value: z })));
  }
  if (!zonesList.isConnected) document.body.append(zonesList);
  return zonesList.id;
}

export function browserTimeZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

export class ScheduleFields {
  constructor({ mode = "continuous", cron = "", timeZone = browserTimeZone() } = {}) {
    this.mode = h("select", { class: "dialog-input job-mode", name: "mode" },
      MODES.map(([value, text]) => h("option", { value }, text)));
    this.mode.value = mode;
    this.cron = h("input", { type: "text", class: "dialog-input job-cron", name: "cron", value: cron || "",
      placeholder: "*/15 * * * *", spellcheck: "false", autocomplete: "off", "aria-describedby": "cron-help" });
    this.zone = h("input", { type: "text", class: "dialog-input job-zone", name: "timeZone", value: timeZone || "UTC",
      list: zones(), spellcheck: "false", autocomplete: "off" });
    this.scheduled = h("div", { class: "schedule-fields" },
      h("label", { class: "dialog-field" }, h("span", {}, "Cron expression"), this.cron,
        h("small", { id: "cron-help", class: "muted" }, "Minute hour day-of-month month day-of-week, as in crontab.")),
      h("label", { class: "dialog-field" }, h("span", {}, "Time zone"), this.zone));
    this.mode.addEventListener("change", () => this.showSchedule());
    this.el = h("div", {}, h("label", { class: "dialog-field" }, h("span", {}, "Mode"), this.mode), this.scheduled);
    this.showSchedule();
  }

  showSchedule() {
    this.scheduled.hidden = this.mode.value !== "scheduled";
  }

  /** {mode, cron, timeZone}; cron only for a scheduled job, as the server wants. */
  values() {
    const scheduled = this.mode.value === "scheduled";
    return { mode: this.mode.value, cron: scheduled ? this.cron.value.trim() : undefined,
      timeZone: this.zone.value.trim() || undefined };
  }
}
