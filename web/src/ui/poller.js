// Asks the server again and again while a page shows something live: one request at a time, the next one a few
// seconds after the last ended, longer and longer after failures, and none while the tab is hidden.
const MAX_BACKOFF_MS = 30_000;

export class Poller {
  /**
   * @param {() => Promise<void>} task one refresh; a rejection counts as a failure (the task shows it)
   * @param {{intervalMs?: number}} options
   */
  constructor(task, { intervalMs = 3000 } = {}) {
    this.task = task;
    this.intervalMs = intervalMs;
    this.failures = 0;
    this.timer = null;
    this.inFlight = null;
    this.again = false;
    this.running = false;
    this.onVisibility = () => this.schedule(0);
  }

  start() {
    if (this.running) return;
    this.running = true;
    document.addEventListener("visibilitychange", this.onVisibility);
    this.schedule(0);
  }

  stop() {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = null;
    document.removeEventListener("visibilitychange", this.onVisibility);
  }

  /** Refreshes as soon as the request in flight (if any) has ended: after an action, say. */
  now() {
    if (this.inFlight) this.again = true;
    else this.schedule(0);
  }

  schedule(delay) {
    clearTimeout(this.timer);
    this.timer = null;
    if (!this.running || document.hidden || this.inFlight) return;
    this.timer = setTimeout(() => this.tick(), delay);
  }

  async tick() {
    this.timer = null;
    this.again = false;
    this.inFlight = this.task().then(() => { this.failures = 0; }, () => { this.failures += 1; });
    await this.inFlight;
    this.inFlight = null;
    this.schedule(this.again ? 0 : this.delay());
  }

  /** The interval, doubled for each failure in a row, up to 30 s. */
  delay() {
    return Math.min(MAX_BACKOFF_MS, this.intervalMs * 2 ** this.failures);
  }
}
