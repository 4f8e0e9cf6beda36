// The CodeMirror 6 editor of a cell: Java highlighting (code cells), line numbers, brackets, history, kernel
// completion and inspection, error marks, and the notebook's keys bound above CodeMirror's own.
import { closeBrackets, closeBracketsKeymap, closeCompletion, completionStatus } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentMore, indentWithTab } from "@codemirror/commands";
import { java } from "@codemirror/lang-java";
import { bracketMatching, defaultHighlightStyle, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { Compartment, EditorState, Prec } from "@codemirror/state";
import {
  EditorView, drawSelection, dropCursor, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, keymap,
  lineNumbers, placeholder,
} from "@codemirror/view";
import { errorLocation, errorMarks, setErrorMark } from "./error-marks.js";
import { closeInspection, inspectAtCursor, inspectTheme, inspection, kernelCompletion, tabCompletes } from "./kernel-assist.js";

/**
 * @param {object} options
 * @param {string} options.doc
 * @param {"code"|"markdown"|"raw"} options.type
 * @param {() => any} options.kernel the current KernelConnection, or null
 * @param {object} options.keys handlers: runAdvance, runInPlace, runInsertBelow, leave, save, moveUp, moveDown
 * @param {() => void} options.onChange
 * @param {() => void} options.onFocus
 */
export function createEditor({ doc, type, kernel, keys, onChange, onFocus }) {
  const language = new Compartment();
  const gutters = new Compartment();
  const notebookKeys = Prec.highest(keymap.of([
    { key: "Shift-Enter", run: () => (keys.runAdvance(), true) },
    { key: "Mod-Enter", run: () => (keys.runInPlace(), true) },
    { key: "Alt-Enter", run: () => (keys.runInsertBelow(), true) },
    { key: "Mod-s", run: () => (keys.save(), true), preventDefault: true },
    { key: "Escape", run: (view) => closeInspection(view) || (completionStatus(view.state) === "active" ? false : (keys.leave(), true)) },
    { key: "Shift-Tab", run: (view) => (closeCompletion(view), inspectAtCursor(view, kernel()), true) },
    { key: "Tab", run: (view) => tabCompletes(view) || indentMore(view) },
    { key: "ArrowUp", run: (view) => atEdge(view, -1) && keys.moveUp() },
    { key: "ArrowDown", run: (view) => atEdge(view, 1) && keys.moveDown() },
  ]));
  const view = new EditorView({
    state: EditorState.create({
      doc,
      extensions: [
        notebookKeys,
        gutters.of(gutterFor(type)),
        language.of(languageFor(type)),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        dropCursor(),
        indentOnInput(),
        indentUnit.of("    "),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        bracketMatching(),
        closeBrackets(),
        kernelCompletion(kernel),
        inspection(),
        inspectTheme,
        errorMarks(),
        highlightActiveLine(),
        placeholder(type === "markdown" ? "Markdown text" : type === "code" ? "Java code" : ""),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChange();
          if (u.focusChanged && u.view.hasFocus) onFocus();
        }),
        EditorView.contentAttributes.of({ "aria-label": type === "code" ? "Code cell editor" : "Cell editor" }),
      ],
    }),
  });
  return {
    view,
    get text() {
      return view.state.doc.toString();
    },
    setType(newType) {
      view.dispatch({ effects: [language.reconfigure(languageFor(newType)), gutters.reconfigure(gutterFor(newType))] });
    },
    markError(error, executionCount) {
      view.dispatch({ effects: setErrorMark.of(errorLocation(error, executionCount)) });
    },
    clearError() {
      view.dispatch({ effects: setErrorMark.of(null) });
    },
    focus(atEnd) {
      view.focus();
      if (atEnd !== undefined) {
        view.dispatch({ selection: { anchor: atEnd ? view.state.doc.length : 0 }, scrollIntoView: true });
      }
    },
    destroy: () => view.destroy(),
  };
}

function languageFor(type) {
  return type === "code" ? java() : [];
}

function gutterFor(type) {
  return type === "code" ? [lineNumbers(), highlightActiveLineGutter()] : [EditorView.lineWrapping];
}

/** True when the cursor is on the first (dir -1) or last (dir 1) line, so arrows move to the next cell. */
function atEdge(view, dir) {
  const { state } = view;
  if (completionStatus(state) === "active") return false;
  const range = state.selection.main;
  if (!range.empty) return false;
  const line = state.doc.lineAt(range.head).number;
  return dir < 0 ? line === 1 : line === state.doc.lines;
}
