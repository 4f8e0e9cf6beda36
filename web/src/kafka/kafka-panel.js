// The Kafka side panel: the cluster's topics, and the newest records of one topic, with refresh and auto-refresh.
import { kafka } from "../api/kafka.js";
import { button, h } from "../ui/dom.js";
import { icon } from "../ui/icons.js";
import { renderRecords } from "./record-table.js";
import { renderTopics } from "./topic-table.js";

const AUTO_REFRESH_MS = 5000;
const LIMITS = [20, 50, 200, 500];

export class KafkaPanel {
  /** @param {{onClose?: () => void}} options */
  constructor({ onClose } = {}) {
    this.onClose = onClose;
    this.topic = null;
    this.partition = "";
    this.limit = 50;
    this.showInternal = false;
    this.timer = null;
    this.inFlight = null;
    this.lastTopics = [];
    this.status = h("span", { class: "kafka-status muted", role: "status" });
    this.error = h("div", { class: "kafka-error", role: "alert", hidden: true });
    this.nav = h("div", { class: "kafka-nav" });
    this.body = h("div", { class: "kafka-body" });
    this.auto = h("input", { type: "checkbox", class: "kafka-auto", onChange: () => this.setAutoRefresh(this.auto.checked) });
    this.el = h("aside", { class: "side-panel kafka-panel", "aria-label": "Kafka", hidden: true, dataset: { panel: "kafka" } },
      h("div", { class: "side-panel-header" },
        h("h2", { class: "side-panel-title" }, "Kafka"),
        h("span", { class: "spacer" }),
        h("label", { class: "kafka-auto-label", title: `Refresh every ${AUTO_REFRESH_MS / 1000} s` }, this.auto, "Auto-refresh"),
        button({ label: "Refresh", icon: icon("restart"), action: "kafka-refresh", onClick: () => this.refresh() }),
        button({ label: "Close the Kafka panel", text: "×", cls: "btn-ghost", action: "kafka-close", onClick: () => this.close() })),
      this.error, this.nav, this.body, h("div", { class: "side-panel-footer" }, this.status));
  }

  get isOpen() {
    return !this.el.hidden;
  }

  toggle() {
    if (this.isOpen) this.close();
    else this.open();
  }

  open() {
    this.el.hidden = false;
    if (this.auto.checked) this.setAutoRefresh(true);
    return this.refresh();
  }

  close() {
    this.el.hidden = true;
    this.setAutoRefresh(false, { keepChecked: true });
    this.onClose?.();
  }

  setAutoRefresh(on, { keepChecked = false } = {}) {
    clearInterval(this.timer);
    this.timer = null;
    if (!keepChecked) this.auto.checked = on;
    if (on && this.isOpen) this.timer = setInterval(() => this.refresh({ quiet: true }), AUTO_REFRESH_MS);
  }

  showTopics() {
    this.topic = null;
    return this.refresh();
  }

  showTopic(name) {
    this.topic = name;
    this.partition = "";
    return this.refresh();
  }

  /** Loads the current view; an auto-refresh skips while a request is still running. */
  async refresh({ quiet = false } = {}) {
    if (this.inFlight) {
      if (quiet) return this.inFlight;
      await this.inFlight.catch(() => {});
    }
    this.inFlight = this.load(quiet).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  async load(quiet) {
    if (!quiet) this.status.textContent = "Loading…";
    this.el.classList.add("loading");
    const topic = this.topic;
    try {
      if (topic === null) {
        const result = await kafka.topics();
        this.lastTopics = result.topics || [];
        this.renderTopicList(result.bootstrap_servers);
      } else {
        const result = await kafka.records(topic, { limit: this.limit, partition: this.partition });
        if (this.topic !== topic) return;
        this.renderTail(result);
      }
      this.showError(null);
      this.status.textContent = `Updated ${new Date().toLocaleTimeString()}`;
    } catch (e) {
      this.showError(e);
      this.status.textContent = `Failed ${new Date().toLocaleTimeString()}`;
    } finally {
      this.el.classList.remove("loading");
    }
  }

  renderTopicList(bootstrap) {
    const internal = h("input", { type: "checkbox", checked: this.showInternal, onChange: (e) => {
      this.showInternal = e.target.checked;
      this.renderTopicList(bootstrap);
    } });
    this.nav.replaceChildren(h("span", { class: "muted kafka-bootstrap" }, `Topics at ${bootstrap}`),
      h("span", { class: "spacer" }), h("label", {}, internal, "Internal topics"));
    this.body.replaceChildren(renderTopics(this.lastTopics, { showInternal: this.showInternal,
      onOpen: (t) => this.showTopic(t.name) }));
  }

  renderTail(result) {
    const partition = h("select", { class: "kafka-partition", "aria-label": "Partition", onChange: (e) => {
      this.partition = e.target.value;
      this.refresh();
    } }, h("option", { value: "" }, "All partitions"),
    Array.from({ length: result.partition_count }, (_, i) => h("option", { value: String(i) }, `Partition ${i}`)));
    partition.value = this.partition;
    const limit = h("select", { class: "kafka-limit", "aria-label": "How many records", onChange: (e) => {
      this.limit = Number(e.target.value);
      this.refresh();
    } }, LIMITS.map((n) => h("option", { value: String(n) }, `Newest ${n}`)));
    limit.value = String(this.limit);
    this.nav.replaceChildren(
      button({ label: "Back to the topics", text: "← Topics", cls: "btn-ghost", action: "kafka-back", onClick: () => this.showTopics() }),
      h("h3", { class: "kafka-tail-title" }, result.topic), h("span", { class: "spacer" }), partition, limit);
    const undecodable = result.records.filter((r) => r.decode_error).length;
    const warnings = [];
    if (undecodable) {
      warnings.push(`${undecodable} of ${result.records.length} records could not be decoded as workbench events;`
        + " their bytes are shown in hex.");
    }
    if (!result.complete) warnings.push("Kafka was slow: some partitions were not read to their end.");
    this.body.replaceChildren(...warnings.map((w) => h("div", { class: "kafka-warning" }, w)), renderRecords(result.records));
  }

  /** Errors show as a banner above the last good content, which stays visible but dimmed. */
  showError(e) {
    this.error.hidden = !e;
    this.el.classList.toggle("stale", Boolean(e));
    if (!e) {
      this.error.replaceChildren();
      return;
    }
    const title = e.status === 503 ? "Kafka is unreachable" : e.status === 404 ? "Not found" : "The Kafka browser failed";
    this.error.replaceChildren(h("div", { class: "banner banner-error" },
      h("span", { class: "banner-message" }, h("strong", {}, `${title}. `), e.message),
      h("span", { class: "banner-actions" },
        e.status === 404 && this.topic !== null ? button({ label: "Back to the topics", text: "Topics", onClick: () => this.showTopics() }) : null,
        button({ label: "Retry", text: "Retry", cls: "btn-primary", onClick: () => this.refresh() }))));
  }
}
