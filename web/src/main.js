// Entry point: the notebook list at / and /tree/<dir>, a notebook at /notebooks/<path>, the jobs at /jobs and one
// job at /jobs/<name>, the Pipeline page at /pipeline.
import { JobPage } from "./jobs/job-page.js";
import { JobsPage } from "./jobs/jobs-page.js";
import { NotebookPage } from "./notebook/notebook-page.js";
import { PipelinePage } from "./pipeline/pipeline-page.js";
import { TreePage } from "./tree/tree-page.js";

function decodePath(rest) {
  return rest.split("/").filter(Boolean).map(decodeURIComponent).join("/");
}

function pageFor(root, pathname) {
  if (pathname.startsWith("/notebooks/")) return new NotebookPage(root, decodePath(pathname.slice("/notebooks/".length)));
  if (/^\/pipeline\/?$/.test(pathname)) return new PipelinePage(root);
  const job = decodePath(pathname.replace(/^\/jobs\/?/, ""));
  if (/^\/jobs(\/|$)/.test(pathname)) return job ? new JobPage(root, job) : new JobsPage(root);
  return new TreePage(root, pathname.startsWith("/tree/") ? decodePath(pathname.slice("/tree/".length)) : "");
}

pageFor(document.getElementById("app"), location.pathname).open();
