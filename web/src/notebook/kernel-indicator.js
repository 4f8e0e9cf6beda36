// The kernel's state in the header: a coloured dot and a word, with the full sentence for assistive technology.
import { h } from "../ui/dom.js";

const LABELS = {
  starting: "Starting", idle: "Idle", busy: "Busy", restarting: "Restarting", dead: "Dead",
  disconnected: "Disconnected", connecting: "Connecting",
};

export class KernelIndicator {
  constructor(kernelName) {
    this.text = h("span", { class: "kernel-state" });
    this.el = h("div", { class: "kernel-indicator", dataset: { state: "starting" } },
      h("span", { class: "dot", "aria-hidden": "true" }),
      h("span", { class: "kernel-name" }, kernelName),
      h("span", { class: "visually-hidden" }, "kernel status:"),
      this.text);
    this.set("starting");
  }

  set(state, reason = "") {
    this.state = state;
    this.reason = reason;
    if (state !== "busy") {
      this.waiting = null;
      this.sparkStarting = false;
    }
    this.render();
  }

  /** A running cell waits for Spark to start (true), or no longer (false): the header says "Starting Spark". */
  waitingForSpark(starting) {
    this.sparkStarting = starting;
    this.render();
  }

  /**
   * A running cell's Spark jobs have no executor on the cluster (`why` says for how long and where), or no longer
   * (null). Shown while the kernel is busy, so the header says why a cell makes no progress.
   */
  waitingForExecutors(why) {
    this.waiting = why;
    this.render();
  }

  render() {
    const waiting = this.waiting && this.state === "busy";
    const sparkStarting = this.sparkStarting && this.state === "busy";
    const label = waiting ? "Waiting for executors" : sparkStarting ? "Starting Spark" : LABELS[this.state] || this.state;
    this.el.dataset.state = waiting ? "waiting" : this.state;
    this.text.textContent = label;
    const reason = waiting ? this.waiting : this.reason;
    this.el.title = waiting ? `Kernel busy: ${reason}` : `Kernel ${label.toLowerCase()}${reason ? `: ${reason}` : ""}`;
  }
}
