// The header of the list pages: the brand (back to the notebooks) and the workbench's sections.
import { h } from "./dom.js";
import { icon } from "./icons.js";

const SECTIONS = [["notebooks", "/tree", "Notebooks"], ["jobs", "/jobs", "Jobs"], ["pipeline", "/pipeline", "Pipeline"]];

/** @param {"notebooks" | "jobs" | "pipeline"} current the section the page belongs to */
export function appHeader(current, ...extra) {
  return h("header", { class: "app-header" },
    h("a", { class: "brand", href: "/tree" }, icon("notebook"), h("span", {}, "Workbench")),
    h("nav", { class: "app-nav", "aria-label": "Sections" },
      SECTIONS.map(([id, href, text]) => h("a", { href, class: "app-nav-link", dataset: { section: id },
        "aria-current": id === current ? "page" : undefined }, text))),
    h("span", { class: "spacer" }), extra);
}
