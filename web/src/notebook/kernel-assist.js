// Completion and inspection from the kernel, as CodeMirror extensions.
import { autocompletion, completionStatus, startCompletion } from "@codemirror/autocomplete";
import { StateEffect, StateField } from "@codemirror/state";
import { EditorView, showTooltip } from "@codemirror/view";
import { fromCodePoints, toCodePoints } from "../kernel/messages.js";
import { stripAnsi } from "../outputs/ansi.js";

const COMPLETION_TIMEOUT_MS = 4000;

/** @param {() => import("../kernel/kernel-connection.js").KernelConnection | null} kernel */
export function kernelCompletion(kernel) {
  return autocompletion({
    override: [(context) => complete(kernel(), context)],
    activateOnTyping: true,
    maxRenderedOptions: 300,
    icons: true,
  });
}

async function complete(connection, context) {
  if (!connection?.connected) return null;
  // While typing, only after a dot (members); anything else waits for Ctrl+Space or Tab.
  if (!context.explicit && !context.matchBefore(/\.[\w$]*$/)) return null;
  const code = context.state.doc.toString();
  let reply;
  try {
    reply = await Promise.race([
      connection.complete(code, toCodePoints(code, context.pos)),
      new Promise((resolve) => setTimeout(() => resolve(null), COMPLETION_TIMEOUT_MS)),
    ]);
  } catch {
    return null;
  }
  if (!reply || context.aborted || reply.status === "error" || !reply.matches?.length) return null;
  const from = fromCodePoints(code, reply.cursor_start);
  const to = fromCodePoints(code, reply.cursor_end);
  return {
    from,
    to: Math.max(to, context.pos),
    options: [...new Set(reply.matches)].map((m) => ({ label: m, type: kindOf(m) })),
    validFor: /^[\w$]*$/,
  };
}

function kindOf(match) {
  if (match.endsWith("(")) return "method";
  if (/^[A-Z]/.test(match)) return "class";
  return "variable";
}

/** Tab completes after a word or a dot and indents elsewhere, as in Jupyter. */
export function tabCompletes(view) {
  const { state } = view;
  const range = state.selection.main;
  if (!range.empty || completionStatus(state)) return false;
  const before = state.sliceDoc(state.doc.lineAt(range.head).from, range.head);
  return /[\w$.]$/.test(before) ? startCompletion(view) : false;
}

const setInspection = StateEffect.define();

const inspectionField = StateField.define({
  create: () => null,
  update(value, tr) {
    for (const e of tr.effects) if (e.is(setInspection)) return e.value;
    return tr.docChanged || tr.selection ? null : value;
  },
  provide: (field) => showTooltip.from(field, (v) => v && {
    pos: v.pos,
    above: false,
    create: () => {
      const dom = document.createElement("div");
      dom.className = "cm-inspect";
      dom.setAttribute("role", "tooltip");
      const pre = document.createElement("pre");
      pre.textContent = v.text;
      dom.append(pre);
      return { dom };
    },
  }),
});

export function inspection() {
  return inspectionField;
}

export function closeInspection(view) {
  if (!view.state.field(inspectionField, false)) return false;
  view.dispatch({ effects: setInspection.of(null) });
  return true;
}

/** Shift+Tab: asks the kernel about the name under the cursor and shows its answer in a tooltip. */
export async function inspectAtCursor(view, connection) {
  if (!connection?.connected) return;
  const code = view.state.doc.toString();
  const pos = view.state.selection.main.head;
  let reply;
  try {
    reply = await connection.inspect(code, toCodePoints(code, pos));
  } catch {
    return;
  }
  if (view.state.doc.toString() !== code) return;
  const text = reply?.found ? stripAnsi(String(reply.data?.["text/plain"] ?? "")) : "No documentation found here.";
  view.dispatch({ effects: setInspection.of({ pos, text }) });
}

export const inspectTheme = EditorView.baseTheme({
  ".cm-inspect": { maxWidth: "42rem", maxHeight: "16rem", overflow: "auto", padding: "6px 10px" },
  ".cm-inspect pre": { margin: 0, whiteSpace: "pre-wrap", font: "12px var(--mono)" },
});
