// Jupyter messages (protocol 5.3) in the JSON form of the kernel channels WebSocket.

export const PROTOCOL_VERSION = "5.3";

/** A random UUID, also outside secure contexts (where crypto.randomUUID is missing). */
export function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function createMessage({ session, channel, msgType, content, metadata = {} }) {
  return {
    header: {
      msg_id: uuid(), session, username: "workbench", date: new Date().toISOString(),
      msg_type: msgType, version: PROTOCOL_VERSION,
    },
    parent_header: {},
    metadata,
    content,
    buffers: [],
    channel,
  };
}

export function msgType(msg) {
  return msg.msg_type || msg.header?.msg_type;
}

export function parentId(msg) {
  return msg.parent_header?.msg_id || null;
}

/** Jupyter counts cursor positions in Unicode code points; JavaScript strings in UTF-16 units. */
export function toCodePoints(text, utf16Offset) {
  let n = 0;
  for (let i = 0; i < utf16Offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) i++;
    n++;
  }
  return n;
}

export function fromCodePoints(text, codePoints) {
  let i = 0;
  for (let n = 0; n < codePoints && i < text.length; n++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
  }
  return i;
}
