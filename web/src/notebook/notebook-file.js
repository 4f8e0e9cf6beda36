// The notebook's file through the contents API: the document as loaded (metadata and unknown fields kept), and
// the last_modified that every save sends so that the server refuses to overwrite a file changed on disk.
import { contents, joinPath, parentDir } from "../api/contents.js";
import { emptyNotebook, notebookJson } from "./notebook-format.js";

// Browsers send at most 64 KiB of keepalive bodies.
const KEEPALIVE_LIMIT = 60_000;

export class NotebookFile {
  constructor(path) {
    this.path = path;
    this.notebook = null;
    this.lastModified = null;
  }

  /** Loads the file; resolves to its cells. Fails with the server's message (404, 422 for a malformed file). */
  async read() {
    const model = await contents.get(this.path);
    this.notebook = model.content || emptyNotebook();
    this.lastModified = model.last_modified;
    return this.notebook.cells || [];
  }

  /** Saves the cells; overwrite drops the check that the file is still the one loaded. */
  async write(cells, { overwrite = false } = {}) {
    const model = await contents.save(this.path, notebookJson(this.notebook, cells), overwrite ? undefined : this.lastModified);
    this.lastModified = model.last_modified;
  }

  /** As the page goes away: a request that may outlive it, if the notebook is small enough for one. */
  writeOnExit(cells) {
    const body = notebookJson(this.notebook, cells);
    if (JSON.stringify(body).length >= KEEPALIVE_LIMIT) return false;
    contents.save(this.path, body, this.lastModified, { keepalive: true }).catch(() => {});
    return true;
  }

  fitsOnExit(cells) {
    return JSON.stringify(notebookJson(this.notebook, cells)).length < KEEPALIVE_LIMIT;
  }

  async changedOnDisk() {
    return (await contents.stat(this.path)).last_modified !== this.lastModified;
  }

  /** Renames within the same folder; resolves to the new path. */
  async rename(name) {
    const to = joinPath(parentDir(this.path), name.endsWith(".ipynb") ? name : `${name}.ipynb`);
    await contents.rename(this.path, to);
    this.path = to;
    return to;
  }
}
