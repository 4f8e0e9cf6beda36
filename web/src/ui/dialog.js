// Modal dialogs on <dialog>: focus is trapped and restored by the browser, Escape cancels.
import { h } from "./dom.js";

function open({ title, body, confirmLabel, danger, initialFocus }) {
  return new Promise((resolve) => {
    const ok = h("button", { type: "submit", class: `btn btn-primary${danger ? " btn-danger" : ""}`, value: "ok" },
      confirmLabel);
    const cancel = h("button", { type: "button", class: "btn", value: "cancel" }, "Cancel");
    const form = h("form", { method: "dialog" },
      h("h2", { class: "dialog-title" }, title), body,
      h("div", { class: "dialog-actions" }, cancel, ok));
    const dialog = h("dialog", { class: "dialog", "aria-label": title }, form);
    cancel.addEventListener("click", () => dialog.close("cancel"));
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(dialog.returnValue === "ok");
    });
    document.body.append(dialog);
    dialog.showModal();
    (initialFocus || ok).focus();
  });
}

export async function confirmDialog({ title, message, confirmLabel = "OK", danger = false }) {
  return open({ title, body: h("p", { class: "dialog-message" }, message), confirmLabel, danger });
}

/** Asks for a text; resolves to the trimmed text, or null when cancelled or left empty. */
export async function promptDialog({ title, label, value = "", confirmLabel = "OK", select }) {
  const input = h("input", { type: "text", class: "dialog-input", value, "aria-label": label, spellcheck: "false" });
  const closed = open({ title, body: h("label", { class: "dialog-field" }, h("span", {}, label), input),
    confirmLabel, initialFocus: input });
  if (select) input.setSelectionRange(...select);
  const ok = await closed;
  const text = input.value.trim();
  return ok && text ? text : null;
}
