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
    const label = LABELS[state] || state;
    this.el.dataset.state = state;
    this.text.textContent = label;
    this.el.title = `Kernel ${label.toLowerCase()}${reason ? `: ${reason}` : ""}`;
  }
}
