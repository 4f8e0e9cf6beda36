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

/**
 * A form in a dialog that stays open while its action runs and when the action fails: the failure's message is
 * shown in place and what was typed stays. Resolves to {action, result} of the action that succeeded, or null when
 * cancelled.
 *
 * @param {object} options
 * @param {Array<{id: string, label: string, pending: string, primary?: boolean,
 *   run: () => Promise<any>}>} options.actions the last primary one is the form's submit (Enter)
 */
export function formDialog({ title, body, actions, initialFocus, wide = false }) {
  return new Promise((resolve) => {
    const error = h("pre", { class: "dialog-error", role: "alert", hidden: true });
    const status = h("p", { class: "dialog-status", role: "status" });
    const cancel = h("button", { type: "button", class: "btn" }, "Cancel");
    const buttons = actions.map((a) => h("button", { type: a.primary ? "submit" : "button",
      class: `btn${a.primary ? " btn-primary" : ""}`, dataset: { action: a.id } }, a.label));
    const form = h("form", { novalidate: true },
      h("h2", { class: "dialog-title" }, title), body, error, status,
      h("div", { class: "dialog-actions" }, cancel, buttons));
    const dialog = h("dialog", { class: `dialog${wide ? " dialog-wide" : ""}`, "aria-label": title }, form);
    let outcome = null;
    let busy = false;

    async function run(action) {
      if (busy) return;
      busy = true;
      for (const b of [...buttons, cancel]) b.disabled = true;
      error.hidden = true;
      status.textContent = action.pending;
      dialog.setAttribute("aria-busy", "true");
      try {
        outcome = { action: action.id, result: await action.run() };
        dialog.close();
      } catch (e) {
        error.textContent = e.message;
        error.hidden = false;
        status.textContent = "";
      } finally {
        busy = false;
        dialog.removeAttribute("aria-busy");
        for (const b of [...buttons, cancel]) b.disabled = false;
      }
    }

    form.addEventListener("submit", (e) => {
      e.preventDefault();
      run(actions.find((a) => a.id === e.submitter?.dataset.action) || actions.filter((a) => a.primary).pop());
    });
    buttons.forEach((b, i) => {
      if (b.type === "button") b.addEventListener("click", () => run(actions[i]));
    });
    cancel.addEventListener("click", () => dialog.close());
    // Escape while the request runs would leave its outcome unseen.
    dialog.addEventListener("cancel", (e) => {
      if (busy) e.preventDefault();
    });
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(outcome);
    });
    document.body.append(dialog);
    dialog.showModal();
    (initialFocus || buttons[buttons.length - 1]).focus();
  });
}

/** Shows a result with links or buttons of its own; resolves when closed. */
export function messageDialog({ title, body, wide = false }) {
  return new Promise((resolve) => {
    const close = h("button", { type: "submit", class: "btn" }, "Close");
    const dialog = h("dialog", { class: `dialog${wide ? " dialog-wide" : ""}`, "aria-label": title },
      h("form", { method: "dialog" }, h("h2", { class: "dialog-title" }, title), body,
        h("div", { class: "dialog-actions" }, close)));
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve();
    });
    document.body.append(dialog);
    dialog.showModal();
    (dialog.querySelector("a[href]") || close).focus();
  });
}
