// Jupyter's sessions and kernels APIs, and the outputs the server kept for a session.
import { encodePath, request } from "./http.js";
import { baseName } from "./contents.js";

export const KERNEL_NAME = "workbench-java";

export const sessions = {
  list: () => request("GET", "/api/sessions"),
  /** The session of a notebook: the existing one, or a new one with a (usually warm) kernel. */
  open: (path) => request("POST", "/api/sessions",
    { path, name: baseName(path), type: "notebook", kernel: { name: KERNEL_NAME } }),
  move: (id, path) => request("PATCH", `/api/sessions/${encodeURIComponent(id)}`, { path, name: baseName(path) }),
  close: (id) => request("DELETE", `/api/sessions/${encodeURIComponent(id)}`),
  /** {cellId: {execution_count, outputs, running}} collected by the server, also while no page was connected. */
  keptOutputs: (id) => request("GET", `/api/workbench/sessions/${encodeURIComponent(id)}/outputs`),
};

export const kernels = {
  get: (id) => request("GET", `/api/kernels/${encodeURIComponent(id)}`),
  interrupt: (id) => request("POST", `/api/kernels/${encodeURIComponent(id)}/interrupt`),
  restart: (id) => request("POST", `/api/kernels/${encodeURIComponent(id)}/restart`),
};

export function notebookUrl(path) {
  return `/notebooks/${encodePath(path)}`;
}

export function treeUrl(dir) {
  return dir ? `/tree/${encodePath(dir)}` : "/tree";
}
