// Job parameters as name = value rows: the ones the notebook declares (their defaults as placeholders) or the job
// has, plus any the user adds. A row left empty keeps the notebook's default.
import { button, h } from "../ui/dom.js";

export class ParamsRows {
  /** @param {Array<{name: string, value?: string, placeholder?: string}>} entries */
  constructor(entries) {
    this.list = h("div", { class: "params-rows" });
    this.el = h("fieldset", { class: "dialog-fieldset params" },
      h("legend", {}, "Parameters"), this.list,
      button({ label: "Add a parameter", text: "Add a parameter", cls: "btn-small", onClick: () => this.add({}).focus() }));
    entries.forEach((e) => this.add(e));
  }

  /** Adds a row; returns its name input. */
  add({ name = "", value = "", placeholder = "" }) {
    const nameInput = h("input", { type: "text", class: "param-name", value: name, "aria-label": "Parameter name",
      placeholder: "name", spellcheck: "false", autocomplete: "off" });
    const valueInput = h("input", { type: "text", class: "param-value", value, spellcheck: "false", autocomplete: "off",
      "aria-label": `Value of ${name || "the parameter"}`, placeholder: placeholder ? `default: ${placeholder}` : "value" });
    nameInput.addEventListener("input", () => valueInput.setAttribute("aria-label",
      `Value of ${nameInput.value.trim() || "the parameter"}`));
    const row = h("div", { class: "param-row", dataset: { param: name } }, nameInput, h("span", { "aria-hidden": "true" }, "="),
      valueInput);
    row.append(button({ label: `Remove the parameter ${name || ""}`.trim(), text: "×", cls: "btn-ghost btn-small",
      onClick: () => row.remove() }));
    this.list.append(row);
    return nameInput;
  }

  /** {name: value} of the rows with a value; throws for a value without a name or a name given twice. */
  values() {
    const out = {};
    for (const row of this.list.querySelectorAll(".param-row")) {
      const name = row.querySelector(".param-name").value.trim();
      const value = row.querySelector(".param-value").value;
      if (!name && !value) continue;
      if (!name) throw new Error(`The value '${value}' has no parameter name.`);
      if (name in out) throw new Error(`The parameter '${name}' is given twice.`);
      if (value !== "") out[name] = value;
    }
    return out;
  }
}
