// The jobs API (docs/jobs.md, openapi.json): exported notebooks run as their own JVMs, their runs and logs, and
// exports of a notebook to a project.
import { request } from "./http.js";

const base = "/api/workbench/jobs";
const job = (name) => `${base}/${encodeURIComponent(name)}`;
const action = (name, what) => request("POST", `${job(name)}/${what}`);

export const jobs = {
  /** [{name, notebook, mode, state, cron, timeZone, params, paused, revision, notebookRevision, notebookChanged,
   *  restarts, nextRun, lastRun, createdAt, updatedAt}] */
  list: () => request("GET", base),
  get: (name) => request("GET", job(name)),
  /** Exports the notebook and creates the job: {notebook, name, mode, cron, timeZone, params}. A 400 says why. */
  create: (spec) => request("POST", base, spec),
  /** {mode?, cron?, timeZone?, params?}; params replaces all of them. */
  update: (name, change) => request("PATCH", job(name), change),
  remove: (name) => request("DELETE", job(name)),
  /** The job's runs, newest first: [{id, trigger, attempt, status, startedAt, endedAt, exitCode, error, failure, queries}]. */
  runs: (name, limit = 50) => request("GET", `${job(name)}/runs?limit=${limit}`),
  runNow: (name) => request("POST", `${job(name)}/runs`),
  /** {text, offset, end, running}: from byte offset on, or the log's last bytes without one. */
  log: (name, runId, offset) => request("GET", `${job(name)}/runs/${encodeURIComponent(runId)}/log`
    + (offset === undefined || offset === null ? "" : `?offset=${offset}`)),
  stop: (name) => action(name, "stop"),
  pause: (name) => action(name, "pause"),
  resume: (name) => action(name, "resume"),
  reexport: (name) => action(name, "export"),
  revert: (name) => action(name, "revert"),
  /** Moves the checkpoints aside; the next run reads Kafka from startFrom: earliest (default), latest or checkpoint. */
  archiveCheckpoints: (name, startFrom) => request("POST", `${job(name)}/checkpoints/archive`,
    startFrom ? { startFrom } : undefined),
};

export const exportsApi = {
  /** Exports a notebook to a project under the server's exports directory: {project, revision, mainClass, report}. */
  create: (notebook, name) => request("POST", "/api/workbench/exports", { notebook, name: name || undefined }),
};

export function jobsUrl() {
  return "/jobs";
}

export function jobUrl(name) {
  return `/jobs/${encodeURIComponent(name)}`;
}
