// The live tail of a run's log: its last bytes first, then what follows from where the last answer ended, appended
// and kept to the newest 256 KB. It follows the end unless the user scrolled up; "Follow" brings it back.
import { jobs } from "../api/jobs.js";
import { button, h } from "../ui/dom.js";

const KEEP_CHARS = 256 * 1024;
const CHUNK_BYTES = 64 * 1024;
const MAX_CHUNKS_PER_REFRESH = 4;

export class LogTail {
  constructor() {
    this.job = null;
    this.runId = null;
    this.end = null;
    this.done = false;
    this.length = 0;
    this.follow = true;
    this.text = h("pre", { class: "log-text", role: "log", "aria-label": "Run log", tabindex: "0" });
    this.note = h("p", { class: "log-note muted" });
    this.followButton = button({ label: "Follow the end of the log", text: "Follow", cls: "log-follow",
      onClick: () => this.scrollToEnd() });
    this.followButton.hidden = true;
    this.text.addEventListener("scroll", () => {
      this.follow = this.text.scrollTop + this.text.clientHeight >= this.text.scrollHeight - 8;
      this.followButton.hidden = this.follow;
    });
    this.el = h("div", { class: "log-tail" }, this.note, this.text, this.followButton);
  }

  /** Shows another run's log (from its last bytes); the same run keeps what it has. */
  show(job, runId) {
    if (this.job === job && this.runId === runId) return;
    Object.assign(this, { job, runId, end: null, done: false, length: 0, follow: true });
    this.text.replaceChildren();
    this.text.dataset.runId = runId;
    delete this.text.dataset.end;
    this.note.textContent = "Loading the log…";
    this.followButton.hidden = true;
  }

  /** Reads what was added since the last read; stops asking once the run has ended and everything was read. */
  async refresh() {
    const { job, runId } = this;
    if (!runId || this.done) return;
    for (let i = 0; i < MAX_CHUNKS_PER_REFRESH; i++) {
      const chunk = await jobs.log(job, runId, this.end);
      if (this.runId !== runId) return;
      if (this.end === null) this.note.textContent = chunk.offset > 0 ? "Earlier lines are not shown." : "";
      this.append(this.end === null && chunk.offset > 0 ? dropPartialLine(chunk.text) : chunk.text);
      const read = chunk.end - (this.end ?? chunk.offset);
      this.end = chunk.end;
      if (!chunk.running && read === 0) {
        this.done = true;
        if (!this.length) this.note.textContent = "The run wrote no log.";
      }
      if (read < CHUNK_BYTES) break;
    }
    this.text.dataset.end = String(this.end);
  }

  append(text) {
    if (!text) return;
    this.text.append(text);
    this.length += text.length;
    if (this.length > KEEP_CHARS) {
      const all = this.text.textContent;
      const kept = dropPartialLine(all.slice(all.length - KEEP_CHARS));
      this.text.textContent = kept;
      this.length = kept.length;
      this.note.textContent = "Earlier lines are not shown (only the newest 256 KB are kept here).";
    }
    if (this.follow) this.text.scrollTop = this.text.scrollHeight;
  }

  scrollToEnd() {
    this.follow = true;
    this.followButton.hidden = true;
    this.text.scrollTop = this.text.scrollHeight;
    this.text.focus();
  }
}

/** The text after its first newline: a read from the middle of a file starts in the middle of a line. */
function dropPartialLine(text) {
  const nl = text.indexOf("\n");
  return nl < 0 ? text : text.slice(nl + 1);
}
