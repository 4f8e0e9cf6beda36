// Element construction without innerHTML: attributes, properties (on*), and children in one call.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === "class") {
      el.className = value;
    } else if (key === "dataset") {
      Object.assign(el.dataset, value);
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** A button with a visible or icon label; `label` is always its accessible name and tooltip. */
export function button({ label, text, icon, action, title, onClick, cls = "" }) {
  return h("button", {
    type: "button",
    class: `btn ${cls}`.trim(),
    "aria-label": label,
    title: title || label,
    dataset: action ? { action } : undefined,
    onClick,
  }, icon || null, text ? h("span", { class: "btn-text" }, text) : null);
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}
