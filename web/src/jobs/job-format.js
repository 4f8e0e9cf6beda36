// How jobs and runs read on the pages: times, durations, schedules, states, first lines of errors.
import { h } from "../ui/dom.js";
import { relativeTime } from "../ui/relative-time.js";

const STATE_TEXT = {
  running: "Running", restarting: "Restarting", scheduled: "Scheduled", paused: "Paused", failed: "Failed",
  stopped: "Stopped", idle: "Idle",
};
const RUN_TEXT = { running: "Running", succeeded: "Succeeded", failed: "Failed", skipped: "Skipped", stopped: "Stopped" };
const FAILURE_TEXT = {
  params: "A parameter or setting is wrong",
  checkpoint_incompatible: "The checkpoint belongs to a different query",
  data_loss: "Kafka data loss",
  error: "The job's code or a query failed",
  crash_loop: "Crash loop: not restarted again",
};

/** A job's state as a badge; data-state carries the API's word. */
export function stateBadge(state) {
  return h("span", { class: `job-state state-${state}`, dataset: { state } }, STATE_TEXT[state] || state);
}

export function runStatusBadge(status) {
  return h("span", { class: `job-state state-${status}`, dataset: { status } }, RUN_TEXT[status] || status);
}

export function failureText(kind) {
  return FAILURE_TEXT[kind] || kind;
}

/** "14:03:12" today, else "30 Nov, 14:03"; the full date and time as the tooltip. */
export function timeCell(iso, { relative = false } = {}) {
  if (!iso) return h("span", { class: "muted" }, "–");
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return h("span", {}, String(iso));
  const today = d.toDateString() === new Date().toDateString();
  const text = relative ? relativeTime(iso) : d.toLocaleString(undefined, today
    ? { hour: "2-digit", minute: "2-digit", second: "2-digit" }
    : { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
  return h("time", { datetime: iso, title: d.toLocaleString() }, text);
}

/**
 * When the job runs next, in its mode's words: a scheduled job's next cron fire, a continuous job's pending
 * restart ("restart 14:03:12", only while it waits to be restarted), else "–" (a running continuous job has no
 * next run).
 */
export function nextRunCell(job) {
  if (!job.nextRun) return h("span", { class: "muted" }, "–");
  if (job.mode === "continuous") return h("span", { class: "next-restart" }, "restart ", timeCell(job.nextRun));
  return timeCell(job.nextRun);
}

/** 0.4 s, 12 s, 3 min 4 s, 1 h 2 min, 2 d 3 h. */
export function formatDuration(ms) {
  if (!Number.isFinite(ms) || ms < 0) return "";
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ""}`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h${Math.floor(s % 3600 / 60) ? ` ${Math.floor(s % 3600 / 60)} min` : ""}`;
  return `${Math.floor(s / 86_400)} d ${Math.floor(s % 86_400 / 3600)} h`;
}

/** How long a run took, or has taken so far. */
export function runDuration(run) {
  if (!run?.startedAt) return "";
  const end = run.endedAt ? new Date(run.endedAt) : new Date();
  return formatDuration(end - new Date(run.startedAt));
}

// "0 6 * * 1-5 (Europe/Paris)" for a scheduled job, else how it runs.
export function scheduleText(job) {
  if (job.mode === "scheduled") return `${job.cron} (${job.timeZone})`;
  return job.mode === "continuous" ? "Continuous" : "Once";
}

/** "changed since export" when the notebook's code is not what the job was exported from. */
export function changedBadge(job) {
  if (job.notebookRevision === undefined || job.notebookRevision === null) {
    return h("span", { class: "badge badge-warn", title: "The notebook is no longer there" }, "notebook missing");
  }
  return job.notebookChanged ? h("span", { class: "badge badge-warn notebook-changed",
    title: `Exported from revision ${job.revision}; the notebook is at ${job.notebookRevision} now` },
  "changed since export") : null;
}

export function firstLine(text) {
  return String(text || "").split("\n").find((l) => l.trim()) || "";
}

/** An error's first line; the whole text behind it when there is more. */
export function errorCell(text) {
  if (!text) return h("span", { class: "muted" }, "–");
  const first = firstLine(text);
  if (first === text.trim()) return h("span", { class: "run-error-line" }, first);
  return h("details", { class: "run-error" }, h("summary", {}, first),
    h("pre", { class: "run-error-text" }, text));
}

export function formatCount(n) {
  return n === null || n === undefined ? "–" : Number(n).toLocaleString();
}
