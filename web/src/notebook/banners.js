// Messages above the cells: the dead kernel, a file changed on disk, failures. Each says what to do next.
import { h, button } from "../ui/dom.js";

export class Banners {
  constructor() {
    this.el = h("div", { class: "banners" });
    this.byKey = new Map();
  }

  /** Shows (or replaces) the banner for key; actions are [{label, onClick}]. */
  show(key, { kind = "error", message, actions = [], dismissible = false }) {
    this.hide(key);
    const el = h("div", { class: `banner banner-${kind}`, role: kind === "error" ? "alert" : "status", dataset: { banner: key } },
      h("span", { class: "banner-message" }, message),
      h("span", { class: "banner-actions" },
        actions.map((a) => button({ label: a.label, text: a.label, cls: a.primary ? "btn-primary" : "", onClick: a.onClick })),
        dismissible ? button({ label: "Dismiss", text: "×", cls: "btn-ghost", onClick: () => this.hide(key) }) : null));
    this.byKey.set(key, el);
    this.el.append(el);
  }

  hide(key) {
    this.byKey.get(key)?.remove();
    this.byKey.delete(key);
  }
}
