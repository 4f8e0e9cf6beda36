// ANSI SGR colour codes (as in tracebacks and logs) to styled spans; other escape sequences are dropped.

const NAMES = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"];
const ESCAPE = /\x1b\[([0-9;]*)([A-Za-z])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

export function stripAnsi(text) {
  return text.replace(ESCAPE, "");
}

/** A fragment of text nodes and spans (classes ansi-<colour>-fg/bg, ansi-bold…; inline colour for 256/rgb). */
export function ansiToFragment(text) {
  const fragment = document.createDocumentFragment();
  const style = { fg: null, bg: null, bold: false, italic: false, underline: false };
  let last = 0;
  for (const m of text.matchAll(ESCAPE)) {
    emit(fragment, text.slice(last, m.index), style);
    last = m.index + m[0].length;
    if (m[2] === "m") applySgr(style, m[1]);
  }
  emit(fragment, text.slice(last), style);
  return fragment;
}

function emit(fragment, text, style) {
  if (!text) return;
  if (!style.fg && !style.bg && !style.bold && !style.italic && !style.underline) {
    fragment.append(text);
    return;
  }
  const span = document.createElement("span");
  const classes = [];
  for (const [key, suffix] of [["fg", "fg"], ["bg", "bg"]]) {
    const c = style[key];
    if (typeof c === "string" && c.startsWith("ansi-")) classes.push(`${c}-${suffix}`);
    else if (c) span.style[key === "fg" ? "color" : "backgroundColor"] = c;
  }
  if (style.bold) classes.push("ansi-bold");
  if (style.italic) classes.push("ansi-italic");
  if (style.underline) classes.push("ansi-underline");
  span.className = classes.join(" ");
  span.textContent = text;
  fragment.append(span);
}

function applySgr(style, params) {
  const codes = params === "" ? [0] : params.split(";").map((p) => Number(p) || 0);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c === 0) Object.assign(style, { fg: null, bg: null, bold: false, italic: false, underline: false });
    else if (c === 1) style.bold = true;
    else if (c === 3) style.italic = true;
    else if (c === 4) style.underline = true;
    else if (c === 22) style.bold = false;
    else if (c === 23) style.italic = false;
    else if (c === 24) style.underline = false;
    else if (c >= 30 && c <= 37) style.fg = `ansi-${NAMES[c - 30]}`;
    else if (c >= 90 && c <= 97) style.fg = `ansi-bright-${NAMES[c - 90]}`;
    else if (c >= 40 && c <= 47) style.bg = `ansi-${NAMES[c - 40]}`;
    else if (c >= 100 && c <= 107) style.bg = `ansi-bright-${NAMES[c - 100]}`;
    else if (c === 39) style.fg = null;
    else if (c === 49) style.bg = null;
    else if (c === 38 || c === 48) {
      const key = c === 38 ? "fg" : "bg";
      if (codes[i + 1] === 5) {
        style[key] = xterm256(codes[i + 2]);
        i += 2;
      } else if (codes[i + 1] === 2) {
        style[key] = `rgb(${codes[i + 2] | 0}, ${codes[i + 3] | 0}, ${codes[i + 4] | 0})`;
        i += 4;
      }
    }
  }
}

function xterm256(n) {
  if (n < 8) return `ansi-${NAMES[n]}`;
  if (n < 16) return `ansi-bright-${NAMES[n - 8]}`;
  if (n < 232) {
    const v = [0, 95, 135, 175, 215, 255];
    const k = n - 16;
    return `rgb(${v[Math.floor(k / 36)]}, ${v[Math.floor(k / 6) % 6]}, ${v[k % 6]})`;
  }
  const g = 8 + (n - 232) * 10;
  return `rgb(${g}, ${g}, ${g})`;
}
