// Carriage returns and backspaces in stream text, as terminals show them (progress bars rewrite their line).

export function hasControlChars(text) {
  return /[\r\b]/.test(text);
}

/**
 * Applies \r (rewind to line start, overwrite) and \b (erase one character). A trailing \r is kept, so that the
 * next chunk still overwrites its line.
 */
export function applyControlChars(text) {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const out = lines.map((line, i) => {
    let result = "";
    const parts = line.split("\r");
    for (const part of parts) result = part + result.slice(part.length);
    while (/[^\b]\x08/.test(result)) result = result.replace(/[^\b]\x08/, "");
    result = result.replace(/^\x08+/, "");
    return i === lines.length - 1 && line.endsWith("\r") ? `${result}\r` : result;
  });
  return out.join("\n");
}
