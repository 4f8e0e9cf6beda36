// Marks the line a cell failed at: a line decoration and a gutter marker, cleared by the next edit or run.
import { RangeSet, StateEffect, StateField } from "@codemirror/state";
import { Decoration, EditorView, GutterMarker, gutter } from "@codemirror/view";

export const setErrorMark = StateEffect.define();

class ErrorMarker extends GutterMarker {
  constructor(message) {
    super();
    this.message = message;
  }

  toDOM() {
    const el = document.createElement("span");
    el.className = "cm-error-marker";
    el.textContent = "!";
    el.title = this.message;
    el.setAttribute("aria-label", `Error: ${this.message}`);
    return el;
  }
}

const NONE = { line: null, decorations: Decoration.none, markers: RangeSet.empty };

const errorField = StateField.define({
  create: () => NONE,
  update(value, tr) {
    for (const effect of tr.effects) {
      if (effect.is(setErrorMark)) value = build(tr.state.doc, effect.value);
    }
    return tr.docChanged && value.line !== null ? NONE : value;
  },
  provide: (field) => EditorView.decorations.from(field, (v) => v.decorations),
});

function build(doc, mark) {
  if (!mark || mark.line < 1 || mark.line > doc.lines) return NONE;
  const line = doc.line(mark.line);
  return {
    line: mark.line,
    decorations: Decoration.set([Decoration.line({ class: "cm-error-line", attributes: { title: mark.message } })
      .range(line.from)]),
    markers: RangeSet.of([new ErrorMarker(mark.message).range(line.from)]),
  };
}

export function errorMarks() {
  return [
    errorField,
    gutter({ class: "cm-error-gutter", markers: (view) => view.state.field(errorField).markers }),
  ];
}

const CELL_FRAME = /\(?cell \[(\d+)\], line (\d+)\)?/;

/**
 * The line to mark for an error output: "line L, column C: …" of a compile error, or the first stack frame in
 * this cell ("at … (cell [N], line L)"), preferring frames of the cell's own execution.
 */
export function errorLocation(error, executionCount) {
  if (!error) return null;
  const compile = /^line (\d+), column (\d+)/.exec(error.evalue || "");
  if (error.ename === "CompileError" && compile) {
    return { line: Number(compile[1]), message: (error.evalue || "").replace(/^line \d+, column \d+: /, "") };
  }
  const frames = (error.traceback || []).map((l) => CELL_FRAME.exec(l.replace(/\x1b\[[0-9;]*m/g, ""))).filter(Boolean);
  const own = frames.find((f) => Number(f[1]) === executionCount) || (executionCount == null ? frames[0] : null);
  return own ? { line: Number(own[2]), message: `${error.ename}: ${error.evalue}` } : null;
}
