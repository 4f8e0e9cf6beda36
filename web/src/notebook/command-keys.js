// Keys in command mode (a cell is selected, no editor has the focus), as in Jupyter. Edit-mode keys are bound in
// each editor (editor.js); Ctrl+S works everywhere.

const SINGLE = {
  Enter: "edit", ArrowUp: "select-previous", k: "select-previous", ArrowDown: "select-next", j: "select-next",
  a: "insert-above", b: "insert-below", m: "to-markdown", y: "to-code", r: "to-raw", z: "undo-delete", s: "save",
};
const DOUBLE = { d: "delete", i: "interrupt", 0: "restart" };
const CHORD_MS = 800;

export function installCommandKeys(commands, isNotebookTarget) {
  let pending = null;
  const handler = (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "s") {
      e.preventDefault();
      commands.save.run();
      return;
    }
    if (e.defaultPrevented || document.querySelector("dialog[open]") || !isNotebookTarget(e.target)) return;
    const id = commandFor(e);
    if (id) {
      e.preventDefault();
      pending = null;
      commands[id].run();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || !(e.key in DOUBLE)) {
      pending = null;
      return;
    }
    e.preventDefault();
    if (pending && pending.key === e.key && Date.now() - pending.at < CHORD_MS) {
      pending = null;
      commands[DOUBLE[e.key]].run();
    } else {
      pending = { key: e.key, at: Date.now() };
    }
  };
  document.addEventListener("keydown", handler);
  return () => document.removeEventListener("keydown", handler);
}

function commandFor(e) {
  if (e.key === "Enter") {
    if (e.shiftKey && !e.ctrlKey && !e.altKey) return "run-advance";
    if ((e.ctrlKey || e.metaKey) && !e.shiftKey) return "run";
    if (e.altKey) return "run-insert";
  }
  if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return null;
  return SINGLE[e.key] || null;
}
