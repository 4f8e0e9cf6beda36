// The exporter's report (job.json, docs/jobs.md): each cell kept or left out and why, and the parameters.
import { h } from "../ui/dom.js";

/** @param {{cells?: Array<{id, kept, disposition, reason}>, parameters?: Array<{name, type, default}>}} report */
export function exportReport(report = {}) {
  const cells = report.cells || [];
  const kept = cells.filter((c) => c.kept).length;
  const params = report.parameters || [];
  return h("div", { class: "export-report" },
    h("p", { class: "export-summary" }, `${kept} of ${cells.length} cells kept, ${cells.length - kept} left out.`),
    cells.length ? h("table", { class: "export-cells" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Cell"), h("th", { scope: "col" }, "Kept"),
        h("th", { scope: "col" }, "Why"))),
      h("tbody", {}, cells.map((c) => h("tr", { dataset: { cellId: c.id, kept: String(Boolean(c.kept)) } },
        h("td", { class: "mono" }, c.id), h("td", {}, c.kept ? "kept" : "left out"),
        h("td", {}, [c.disposition, c.reason].filter(Boolean).join(": ")))))) : null,
    params.length ? h("p", { class: "export-params" }, "Parameters: ",
      params.map((p) => `${p.type ? `${p.type} ` : ""}${p.name}${p.default !== undefined && p.default !== null
        ? ` = ${p.default}` : ""}`).join(", ")) : null);
}
