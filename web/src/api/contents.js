// Jupyter's contents API: notebooks and directories under the server's notebooks directory.
import { encodePath, request } from "./http.js";

const url = (path) => `/api/contents/${encodePath(path)}`;

export const contents = {
  list: (dir) => request("GET", url(dir)),
  get: (path) => request("GET", url(path)),
  /** The model without content: enough to compare last_modified. */
  stat: (path) => request("GET", `${url(path)}?content=0`),
  /** Saves a notebook; with lastModified, the server answers 409 if the file changed on disk since. */
  save: (path, notebook, lastModified, options) => request("PUT", url(path),
    { type: "notebook", format: "json", content: notebook, last_modified: lastModified ?? undefined }, options),
  newNotebook: (dir) => request("POST", url(dir), { type: "notebook" }),
  newFolder: (dir) => request("POST", url(dir), { type: "directory" }),
  rename: (from, to) => request("PATCH", url(from), { path: to }),
  remove: (path) => request("DELETE", url(path)),
};

export function baseName(path) {
  return path.split("/").filter(Boolean).pop() || "";
}

export function parentDir(path) {
  return path.split("/").filter(Boolean).slice(0, -1).join("/");
}

export function joinPath(dir, name) {
  return dir ? `${dir}/${name}` : name;
}
