// The topic table of the Kafka panel: name, partitions, replication (with under-replicated partitions), records, size
// and the lag of each consumer group.
import { h } from "../ui/dom.js";
import { formatBytes, formatCount } from "./format.js";

/** @param {(topic: object) => void} onOpen called when a topic's name is clicked */
export function renderTopics(topics, { showInternal, onOpen }) {
  const shown = topics.filter((t) => showInternal || !t.internal);
  const hidden = topics.length - shown.length;
  const rows = shown.map((t) => h("tr", { class: "kafka-topic", dataset: { topic: t.name } },
    h("td", {}, h("button", { type: "button", class: "link-button kafka-topic-name", title: `Show the newest records of ${t.name}`,
      onClick: () => onOpen(t) }, t.name), t.internal ? h("span", { class: "badge internal" }, "internal") : null),
    h("td", { class: "num", title: leaders(t) }, String(t.partition_count)),
    h("td", { class: "kafka-replication", title: replication(t) }, String(t.replication_factor ?? "?"),
      t.under_replicated_partitions > 0
        ? h("span", { class: "badge badge-warn kafka-under-replicated" }, `${t.under_replicated_partitions} under-replicated`)
        : null),
    h("td", { class: "num kafka-records" }, formatCount(t.records)),
    h("td", { class: "num", title: typeof t.size_bytes === "number" ? `${formatCount(t.size_bytes)} bytes on disk` : "unknown" },
      formatBytes(t.size_bytes)),
    h("td", { class: "kafka-lag" }, lag(t.consumer_groups || []))));
  if (!shown.length) {
    rows.push(h("tr", {}, h("td", { colspan: "6", class: "muted empty" },
      "No topics yet. Start a producer in a notebook: events.start(ProducerSettings.defaults().topic(\"events\"))")));
  }
  return h("div", { class: "kafka-topics" },
    h("div", { class: "wb-table kafka-table" }, h("div", { class: "wb-table-scroll" }, h("table", {},
      h("thead", {}, h("tr", {}, ["Topic", "Partitions", "Replicas", "Records", "Size", "Lag by group"]
        .map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, rows)))),
    hidden ? h("div", { class: "muted kafka-footnote" }, `${hidden} internal ${hidden === 1 ? "topic" : "topics"} hidden`) : null);
}

function leaders(t) {
  return (t.partitions || []).map((p) => `partition ${p.id}: leader ${p.leader ?? "none"}, offsets ${p.start_offset}–${p.end_offset}`)
    .join("\n");
}

/** Per partition: replicas in sync of those assigned; an under-replicated one lacks some (a broker is down or behind). */
function replication(t) {
  return (t.partitions || []).map((p) => `partition ${p.id}: ${p.in_sync_replicas} of ${p.replicas} replicas in sync`
    + (p.in_sync_replicas < p.replicas ? " (under-replicated)" : "")).join("\n");
}

function lag(groups) {
  if (!groups.length) return h("span", { class: "muted" }, "no groups");
  return h("ul", { class: "kafka-groups" }, groups.map((g) => h("li", { dataset: { group: g.group_id },
    title: g.partitions.map((p) => `partition ${p.partition}: committed ${p.committed_offset}, lag ${p.lag}`).join("\n") },
  h("span", { class: "kafka-group-name" }, g.group_id), " ", h("span", { class: `kafka-group-lag${g.lag > 0 ? " behind" : ""}` },
    formatCount(g.lag)))));
}
