// Where the notebook's Spark runs, in the header: "local[*]", or the cluster's master URL with its live executors and
// a link to the application's Spark UI. Asked for when the kernel becomes idle (and every 15 s while the page shows),
// from the kernel's workbench_state_reply (its `spark` field).
import { streams } from "../api/streams.js";
import { h } from "../ui/dom.js";

const EVERY_MS = 15000;

export class SparkWhere {
  /** @param {() => string | null | undefined} kernelId the notebook's kernel now */
  constructor(kernelId) {
    this.kernelId = kernelId;
    this.text = h("span", { class: "spark-where-text" });
    this.link = h("a", { class: "spark-ui-link", target: "_blank", rel: "noopener noreferrer", hidden: true }, "Spark UI");
    this.el = h("span", { class: "spark-where", hidden: true, "aria-live": "polite" }, this.text, this.link);
    this.timer = setInterval(() => { if (!document.hidden) this.refresh(); }, EVERY_MS);
  }

  async refresh() {
    const kernel = this.kernelId();
    if (!kernel || this.inFlight) return;
    this.inFlight = true;
    try {
      this.show((await streams.list(kernel))?.spark);
    } catch {
      // The kernel indicator and the streams panel say what is wrong with the kernel.
    } finally {
      this.inFlight = false;
    }
  }

  /** @param {{master: string, cluster: boolean, executors: string[], uiUrl: string | null} | null | undefined} spark */
  show(spark) {
    if (!spark) {
      this.el.hidden = true;
      return;
    }
    this.el.hidden = false;
    this.el.dataset.cluster = String(!!spark.cluster);
    const executors = spark.executors || [];
    this.text.textContent = spark.cluster
      ? `Spark: ${spark.master} · ${executors.length} executor${executors.length === 1 ? "" : "s"}`
      : `Spark: ${spark.master}`;
    this.el.title = spark.cluster
      ? `Runs on the cluster at ${spark.master} as ${spark.appId}${executors.length ? `; executors: ${executors.join(", ")}` : "; no executor now (they start when a cell needs them)"}`
      : "Runs in the kernel's own JVM";
    const ui = /^https?:\/\//.test(spark.uiUrl || "") ? spark.uiUrl : null;
    this.link.hidden = !ui;
    if (ui) this.link.href = ui;
  }

  dispose() {
    clearInterval(this.timer);
  }
}
