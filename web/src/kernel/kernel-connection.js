// The kernel channels WebSocket: requests with their replies, IOPub to a listener. One socket per instance; the
// session reconnects with a new instance.
import { createMessage, msgType, parentId, uuid } from "./messages.js";

const REPLY_TIMEOUT_MS = 30_000;

export class KernelConnection {
  /**
   * @param {string} kernelId
   * @param {{onIopub: (msg) => void, onConnection: (state: "connecting"|"connected"|"disconnected") => void}} listener
   */
  constructor(kernelId, listener) {
    this.kernelId = kernelId;
    this.listener = listener;
    this.sessionId = uuid();
    this.pending = new Map();
    this.ws = null;
    this.closed = false;
  }

  get connected() {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  /** Resolves when the socket is open; a drop is reported as "disconnected". */
  connect() {
    return new Promise((resolve) => {
      this.listener.onConnection("connecting");
      const scheme = location.protocol === "https:" ? "wss" : "ws";
      const ws = new WebSocket(`${scheme}://${location.host}/api/kernels/${encodeURIComponent(this.kernelId)}`
        + `/channels?session_id=${encodeURIComponent(this.sessionId)}`);
      this.ws = ws;
      ws.onopen = () => {
        this.listener.onConnection("connected");
        resolve();
      };
      ws.onmessage = (event) => this.received(JSON.parse(event.data));
      ws.onclose = () => {
        if (this.ws !== ws) return;
        this.failPending("The connection to the kernel was lost.");
        if (!this.closed) this.listener.onConnection("disconnected");
        resolve();
      };
    });
  }

  close() {
    this.closed = true;
    this.failPending("The notebook was closed.");
    this.ws?.close();
  }

  /** Sends a request; returns its msg_id and a promise of the reply message. */
  request(channel, type, content, metadata) {
    const msg = createMessage({ session: this.sessionId, channel, msgType: type, content, metadata });
    const reply = new Promise((resolve, reject) => {
      if (!this.connected) {
        reject(new Error("Not connected to the kernel; reconnecting…"));
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(msg.header.msg_id);
        reject(new Error(`The kernel did not answer ${type} in time.`));
      }, REPLY_TIMEOUT_MS);
      this.pending.set(msg.header.msg_id, { resolve, reject, timer, type });
      this.ws.send(JSON.stringify(msg));
    });
    return { msgId: msg.header.msg_id, reply };
  }

  /**
   * Execute requests have no reply timeout: cells may run for hours. The cell id and the notebook's path tell the
   * kernel which cell owns the streaming queries it starts, and where their checkpoints go.
   */
  execute(code, cellId, notebookPath) {
    const msg = createMessage({
      session: this.sessionId, channel: "shell", msgType: "execute_request", metadata: { cellId, notebookPath },
      content: { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true },
    });
    if (!this.connected) throw new Error("Not connected to the kernel; reconnecting…");
    this.ws.send(JSON.stringify(msg));
    return msg.header.msg_id;
  }

  async complete(code, cursorPos) {
    return (await this.request("shell", "complete_request", { code, cursor_pos: cursorPos }).reply).content;
  }

  async inspect(code, cursorPos) {
    return (await this.request("shell", "inspect_request", { code, cursor_pos: cursorPos, detail_level: 0 }).reply)
      .content;
  }

  received(msg) {
    if (msg.channel === "iopub") {
      this.listener.onIopub(msg);
      return;
    }
    if (msgType(msg) === "execute_reply") this.listener.onExecuteReply?.(msg);
    const waiting = this.pending.get(parentId(msg));
    if (waiting) {
      clearTimeout(waiting.timer);
      this.pending.delete(parentId(msg));
      waiting.resolve(msg);
    }
  }

  failPending(reason) {
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(new Error(reason));
    }
    this.pending.clear();
  }
}
