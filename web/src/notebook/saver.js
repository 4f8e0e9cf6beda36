// Autosave: ~1.5 s after the last change (at most 10 s while changes keep coming), soon after a cell finishes,
// and at once on Ctrl+S. One save at a time; a conflict (409) or an invalid notebook (422) stops autosaving until
// the user decides.
import { ApiError } from "../api/http.js";

const DEBOUNCE_MS = 1500;
const MAX_WAIT_MS = 10_000;
const AFTER_RUN_MS = 300;

export class Saver {
  /**
   * @param {object} options
   * @param {({overwrite}) => Promise<object>} options.save writes the notebook, resolves to the server's model
   * @param {(state: string, detail?: string) => void} options.onState saved|dirty|saving|error|conflict
   */
  constructor({ save, onState }) {
    this.saveFn = save;
    this.onState = onState;
    this.dirty = false;
    this.saving = null;
    this.timer = null;
    this.firstChangeAt = null;
    this.blocked = null;
    this.state = "saved";
  }

  /** Something changed: save after a quiet moment. */
  changed() {
    this.dirty = true;
    if (this.blocked) return;
    this.firstChangeAt ??= Date.now();
    const wait = Math.max(0, Math.min(DEBOUNCE_MS, this.firstChangeAt + MAX_WAIT_MS - Date.now()));
    this.report(this.saving ? "saving" : "dirty");
    this.schedule(wait);
  }

  /** A cell finished: its outputs go to disk soon. */
  executionFinished() {
    this.dirty = true;
    if (this.blocked) return;
    if (!this.saving) this.report("dirty");
    this.schedule(AFTER_RUN_MS);
  }

  schedule(ms) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.saveNow(), ms);
  }

  /**
   * Saves now; resolves when done. Autosaves stay stopped after a conflict or an invalid notebook; a manual save
   * (Ctrl+S) tries again, and overwrite saves over a file that changed on disk.
   */
  async saveNow({ manual = false, overwrite = false } = {}) {
    clearTimeout(this.timer);
    if (this.blocked === "stopped" || (this.blocked && !manual && !overwrite)) return;
    if (this.saving) {
      this.again = true;
      return this.saving;
    }
    this.blocked = null;
    this.dirty = false;
    this.firstChangeAt = null;
    this.report("saving");
    this.saving = this.saveFn({ overwrite })
      .then(() => this.report(this.dirty ? "dirty" : "saved"))
      .catch((e) => this.failed(e))
      .finally(() => {
        this.saving = null;
        if ((this.again || this.dirty) && !this.blocked) {
          this.again = false;
          this.schedule(this.dirty ? DEBOUNCE_MS : 0);
        }
      });
    return this.saving;
  }

  failed(e) {
    this.dirty = true;
    if (e instanceof ApiError && e.status === 409) {
      this.blocked = "conflict";
      this.report("conflict", e.message);
    } else if (e instanceof ApiError && (e.status === 422 || e.status === 400 || e.status === 403)) {
      this.blocked = "invalid";
      this.report("error", e.message);
    } else {
      this.report("error", e.message);
      this.schedule(10_000);
    }
  }

  /** The page shows the file as it is on disk again: nothing to save, autosave resumes. */
  reset() {
    clearTimeout(this.timer);
    this.dirty = false;
    this.blocked = null;
    this.firstChangeAt = null;
    this.report("saved");
  }

  /** Stops saving for good (the notebook could not be loaded). */
  stop() {
    clearTimeout(this.timer);
    this.blocked = "stopped";
  }

  report(state, detail) {
    this.state = state;
    this.onState(state, detail);
  }
}
