// The newest records of a topic: partition, offset, time, key and the decoded event, or the raw bytes with the
// reason they could not be decoded.
import { h } from "../ui/dom.js";
import { formatTime } from "./format.js";

export function renderRecords(records) {
  if (!records.length) return h("p", { class: "muted empty" }, "This topic has no records.");
  return h("div", { class: "wb-table kafka-table" }, h("div", { class: "wb-table-scroll" }, h("table", {},
    h("thead", {}, h("tr", {}, h("th", { scope: "col", title: "Partition" }, "P"),
      ["Offset", "Time", "Key", "Value"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, records.map(row)))));
}

function row(r) {
  const decoded = !r.decode_error;
  return h("tr", { class: `kafka-record${decoded ? "" : " undecodable"}`,
    dataset: { partition: r.partition, offset: r.offset, decoded: String(decoded) } },
  h("td", { class: "num" }, String(r.partition)),
  h("td", { class: "num" }, String(r.offset)),
  h("td", { title: r.timestamp }, formatTime(r.timestamp)),
  h("td", { class: r.key === null ? "null" : "kafka-key" }, r.key === null ? "null" : r.key),
  h("td", { class: "kafka-value", title: headers(r) }, decoded ? fields(r) : undecodable(r)));
}

function fields(r) {
  if (r.value === null || r.value === undefined) return h("span", { class: "muted" }, "null (no value)");
  const entries = Object.entries(r.value).filter(([, v]) => v !== null);
  return h("dl", { class: "kafka-fields" }, entries.map(([k, v]) => h("div", { class: "kafka-field", dataset: { field: k } },
    h("dt", {}, k), h("dd", {}, typeof v === "object" ? JSON.stringify(v) : String(v)))),
  r.schema_version ? h("div", { class: "kafka-field muted" }, h("dt", {}, "schema"), h("dd", {}, `v${r.schema_version}`)) : null);
}

function undecodable(r) {
  return h("div", { class: "kafka-undecodable", role: "note" },
    h("div", { class: "kafka-decode-error" }, h("strong", {}, "Not decodable: "), r.decode_error),
    h("code", { class: "kafka-hex", title: "First bytes, in hex" },
      `${r.value_hex}${r.value_size > 64 ? " …" : ""}`),
    h("span", { class: "muted" }, ` ${r.value_size} bytes`));
}

function headers(r) {
  return (r.headers || []).map((x) => `${x.key}: ${x.value}`).join("\n");
}
