// The notebook's session and its kernel: opens the session, keeps the channels connected, tracks the kernel's
// execution state, and interrupts or restarts it (opening a new session if the kernel is gone).
import { ApiError } from "../api/http.js";
import { kernels, sessions } from "../api/sessions.js";
import { KernelConnection } from "./kernel-connection.js";
import { msgType } from "./messages.js";

export class KernelSession {
  /**
   * @param {string} path the notebook
   * @param {object} listener onIopub(msg), onExecuteReply(msg), onState(state, reason), onConnected(), onError(message)
   */
  constructor(path, listener) {
    this.path = path;
    this.listener = listener;
    this.session = null;
    this.connection = null;
    this.state = "starting";
    this.reason = "";
    this.retryDelay = 1000;
    this.closed = false;
    this.started = null;
    this.restarting = false;
  }

  get kernelId() {
    return this.session?.kernel?.id;
  }

  start() {
    this.setState("starting", "");
    this.started = sessions.open(this.path).then((session) => {
      this.session = session;
      this.connect();
    }, (e) => {
      this.setState("dead", e.message);
      throw e;
    });
    return this.started;
  }

  connect() {
    this.connection?.close();
    const connection = new KernelConnection(this.kernelId, {
      onIopub: (msg) => this.onIopub(msg),
      onExecuteReply: (msg) => this.listener.onExecuteReply(msg),
      onConnection: (state) => this.onConnection(connection, state),
    });
    this.connection = connection;
    return connection.connect();
  }

  async onConnection(connection, state) {
    if (connection !== this.connection || this.closed) return;
    if (state === "connected") {
      this.retryDelay = 1000;
      await this.refreshState();
      this.listener.onConnected();
    } else if (state === "disconnected") {
      this.setState("disconnected", "Reconnecting to the kernel…");
      setTimeout(() => this.reconnect(connection), this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, 10_000);
    }
  }

  /** After a drop: reconnect if the kernel is still there, otherwise report it dead. */
  async reconnect(connection) {
    if (connection !== this.connection || this.closed) return;
    try {
      await kernels.get(this.kernelId);
      this.connect();
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        this.setState("dead", "The kernel was shut down.");
      } else {
        this.onConnection(connection, "disconnected");
      }
    }
  }

  async refreshState() {
    try {
      const k = await kernels.get(this.kernelId);
      this.setState(k.execution_state, "");
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) this.setState("dead", "The kernel was shut down.");
    }
  }

  onIopub(msg) {
    if (msgType(msg) === "status") {
      const { execution_state: state, reason } = msg.content || {};
      if (state === "error") {
        this.listener.onError(reason || "The kernel rejected a message.");
        return;
      }
      // While it restarts, busy and idle may still come from the old process: the state stays "restarting".
      const fromOldProcess = this.restarting && (state === "busy" || state === "idle");
      if (state && !fromOldProcess) this.setState(state, reason || "");
    }
    this.listener.onIopub(msg);
  }

  setState(state, reason) {
    this.state = state;
    this.reason = reason;
    this.listener.onState(state, reason);
  }

  async interrupt() {
    await kernels.interrupt(this.kernelId);
  }

  /** Restarts the kernel; a kernel that no longer exists is replaced by a new session. */
  async restart() {
    this.restarting = true;
    this.setState("restarting", "");
    try {
      await kernels.restart(this.kernelId);
    } catch (e) {
      this.restarting = false;
      if (!(e instanceof ApiError && e.status === 404)) {
        this.setState("dead", e.message);
        throw e;
      }
      await this.reopen();
      return;
    }
    this.restarting = false;
    await this.refreshState();
  }

  /** A new session for the notebook, after its kernel was found gone. */
  async reopen() {
    try {
      this.session = await sessions.open(this.path);
    } catch (e) {
      this.setState("dead", e.message);
      throw e;
    }
    await this.connect();
  }

  /** The notebook was renamed: the session follows, also if it is still being opened. */
  async moveTo(path) {
    this.path = path;
    await this.started?.catch(() => {});
    if (this.session && this.session.path !== path) this.session = await sessions.move(this.session.id, path);
  }

  close() {
    this.closed = true;
    this.connection?.close();
  }
}
