// application/vnd.workbench.table+json: {title?, columns: [{name, type}], rows: [[...]], truncated}.
import { h } from "../ui/dom.js";

const NUMERIC = /^(byte|short|int|integer|long|bigint|float|double|decimal|tinyint|smallint)/i;

export function renderTable(table) {
  const columns = Array.isArray(table?.columns) ? table.columns : [];
  const rows = Array.isArray(table?.rows) ? table.rows : [];
  const numeric = columns.map((c) => NUMERIC.test(String(c.type || "")));
  const head = h("tr", {}, columns.map((c) => h("th", { scope: "col", title: `${c.name}: ${c.type}` },
    h("span", { class: "col-name" }, String(c.name)), h("span", { class: "col-type" }, String(c.type ?? "")))));
  const body = rows.map((row) => h("tr", {}, columns.map((_, i) => {
    const v = Array.isArray(row) ? row[i] : undefined;
    return v === null || v === undefined
      ? h("td", { class: "null" }, "null")
      : h("td", { class: numeric[i] ? "num" : null }, typeof v === "object" ? JSON.stringify(v) : String(v));
  })));
  const count = `${rows.length} ${rows.length === 1 ? "row" : "rows"}`;
  return h("div", { class: "wb-table" },
    table?.title ? h("div", { class: "wb-table-title" }, String(table.title)) : null,
    h("div", { class: "wb-table-scroll" }, h("table", {}, h("thead", {}, head), h("tbody", {}, body))),
    h("div", { class: "wb-table-footer" }, table?.truncated ? `showing the first ${count}` : count));
}
