// The parameters a notebook declares in its cell tagged "parameters" (papermill's tag; docs/jobs.md): declarations
// such as `String topic = "events";`. Read here only to offer their names with the defaults as hints; the exporter
// is the judge of what is valid.
const DECLARATION = /^(?:final\s+)?([\w.]+)\s+([A-Za-z_$][\w$]*)\s*=\s*([\s\S]+)$/;

/** @returns {Array<{name: string, type: string, placeholder: string}>} */
export function declaredParameters(cells) {
  const cell = cells.find((c) => c.cell_type === "code" && (c.metadata?.tags || []).includes("parameters"));
  if (!cell) return [];
  const source = (Array.isArray(cell.source) ? cell.source.join("") : cell.source || "")
    .replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
  const out = [];
  for (const statement of source.split(";")) {
    const m = statement.trim().match(DECLARATION);
    if (m) out.push({ name: m[2], type: m[1], placeholder: literal(m[3].trim()) });
  }
  return out;
}

function literal(text) {
  const m = text.match(/^"((?:[^"\\]|\\.)*)"$/);
  return m ? m[1].replace(/\\(.)/g, "$1") : text;
}
