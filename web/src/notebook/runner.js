// Runs cells one after another and routes each IOPub message to its cell: by the request it answers, or by the
// cell id the server tags it with (executions started by another tab, or before this page was loaded). Runs asked
// for while the kernel starts, restarts or connects wait in the queue until it is ready, as in Jupyter.
import { msgType, parentId } from "../kernel/messages.js";

export class Runner {
  /**
   * @param {object} host path, kernelConnection(), kernelGate(), cellById(id), displays, outputChanged(cell),
   *   finished(cell, ok), notify(message). kernelGate() says whether a run can be sent now: {} if it can,
   *   {wait: text} while the kernel is not ready yet, {refuse: text} if it will not be (a dead kernel).
   */
  constructor(host) {
    this.host = host;
    this.queue = [];
    this.current = null;
    this.executions = new Map();
    /** While the queue waits for the kernel: what the queued cells say (else ""). */
    this.waitNote = "";
  }

  runningIds() {
    return [...this.executions.keys()];
  }

  isRunning(msgId) {
    return this.executions.has(msgId);
  }

  /** Queues cells to run in order; the first is sent at once if nothing is running. */
  enqueue(cells) {
    for (const cell of cells) {
      if (cell.type !== "code" || this.queue.includes(cell)) continue;
      this.queue.push(cell);
      cell.setRunState("queued");
    }
    this.next();
  }

  /** Sends the next queued cell if the kernel is ready; called again whenever the kernel's state changes. */
  next() {
    if (this.current || this.queue.length === 0) return;
    const gate = this.host.kernelGate();
    if (gate.refuse) {
      this.cancelQueued(gate.refuse);
      return;
    }
    this.waitNote = gate.wait || "";
    if (this.waitNote) {
      for (const cell of this.queue) cell.setRunState("waiting", this.waitNote);
      return;
    }
    for (const cell of this.queue) if (cell.runState === "waiting") cell.setRunState("queued");
    const cell = this.queue.shift();
    let msgId;
    try {
      msgId = this.host.kernelConnection()?.execute(cell.source, cell.id, this.host.path);
      if (!msgId) throw new Error("The kernel is not connected yet.");
    } catch (e) {
      this.host.notify(`Cannot run the cell: ${e.message}`);
      cell.setRunState("idle");
      this.cancelQueued();
      return;
    }
    this.current = this.start(cell, msgId, false);
  }

  start(cell, msgId, foreign, clearOutputs = true) {
    const exec = { cell, msgId, foreign, count: null, replied: false, status: null };
    this.executions.set(msgId, exec);
    cell.editor.clearError();
    if (!clearOutputs) {
      cell.setRunState("running");
      return exec;
    }
    const height = cell.outputs.el.offsetHeight;
    cell.outputs.clear();
    // Keep the old height until the run ends, so the page does not jump while output streams in again.
    if (height) {
      cell.outputs.el.style.minHeight = `${height}px`;
      cell.outputs.el.classList.add("holding");
    }
    cell.setRunState("running");
    return exec;
  }

  /** The run of a cell: running now, or queued ({queued: true}); null if none. */
  runOf(cell) {
    if (this.queue.includes(cell)) return { queued: true, foreign: false };
    return [...this.executions.values()].find((e) => e.cell === cell) || null;
  }

  /** A cell that was running when this page loaded (kernel busy): shown as running until its idle arrives. */
  adoptRunning(cell) {
    if (this.runOf(cell)) return;
    const exec = { cell, msgId: `adopted:${cell.id}`, foreign: true, count: cell.executionCount, replied: true };
    this.executions.set(exec.msgId, exec);
    cell.setRunState("running");
  }

  onIopub(msg) {
    const type = msgType(msg);
    if (type === "update_display_data") {
      this.updateDisplay(msg);
      return;
    }
    const exec = this.executionOf(msg, type);
    if (!exec) return;
    const { cell } = exec;
    const c = msg.content || {};
    switch (type) {
      case "execute_input":
        exec.count = c.execution_count ?? exec.count;
        return;
      case "stream":
        cell.outputs.appendStream(c.name || "stdout", String(c.text ?? ""));
        break;
      case "display_data":
        cell.outputs.add({ output_type: "display_data", data: c.data || {}, metadata: c.metadata || {} },
          c.transient?.display_id);
        break;
      case "execute_result":
        exec.count = c.execution_count ?? exec.count;
        cell.outputs.add({ output_type: "execute_result", execution_count: c.execution_count ?? null,
          data: c.data || {}, metadata: c.metadata || {} });
        break;
      case "error":
        cell.outputs.add({ output_type: "error", ename: c.ename || "Error", evalue: c.evalue || "",
          traceback: c.traceback || [] });
        break;
      case "clear_output":
        cell.outputs.clear(Boolean(c.wait));
        break;
      case "status":
        if (c.execution_state === "idle") {
          exec.idle = true;
          this.maybeFinish(exec);
        }
        return;
      default:
        return;
    }
    this.host.outputChanged(cell);
  }

  /** The execution a message belongs to; starts tracking executions this page did not send. */
  executionOf(msg, type) {
    const parent = parentId(msg);
    const known = parent && this.executions.get(parent);
    return known || this.foreign(msg, parent, type);
  }

  /** Live displays: replace the output wherever it is shown, even if its run is over. */
  updateDisplay(msg) {
    const c = msg.content || {};
    const id = c.transient?.display_id;
    if (!id) return;
    if (this.host.displays.update(id, c.data || {}, c.metadata || {})) {
      this.host.outputChanged(null);
      return;
    }
    const cell = this.executions.get(parentId(msg))?.cell
      || (msg.metadata?.cellId ? this.host.cellById(msg.metadata.cellId) : null);
    if (cell?.outputs.adopt(id, c.data || {}, c.metadata || {})) this.host.outputChanged(cell);
  }

  foreign(msg, parent, type) {
    const cell = msg.metadata?.cellId ? this.host.cellById(msg.metadata.cellId) : null;
    if (!cell || !parent) return null;
    const adopted = this.executions.get(`adopted:${cell.id}`);
    if (adopted) {
      this.executions.delete(adopted.msgId);
      adopted.msgId = parent;
      this.executions.set(parent, adopted);
      return adopted;
    }
    if (type === "status") return null;
    // Another tab ran this cell (or it started just before this page connected): show its run here too.
    const exec = this.start(cell, parent, true, type === "execute_input");
    exec.replied = true;
    return exec;
  }

  onExecuteReply(msg) {
    const exec = this.executions.get(parentId(msg));
    if (!exec) return;
    exec.replied = true;
    exec.status = msg.content?.status;
    exec.count = msg.content?.execution_count ?? exec.count;
    if (exec.status !== "ok") this.cancelQueued();
    if (this.current === exec) {
      this.current = null;
      this.next();
    }
    this.maybeFinish(exec);
  }

  maybeFinish(exec) {
    if (!exec.idle || !exec.replied || !this.executions.has(exec.msgId)) return;
    this.finish(exec);
    this.host.finished(exec.cell, exec.status !== "error");
  }

  finish(exec) {
    this.executions.delete(exec.msgId);
    const { cell } = exec;
    if (exec.count != null) cell.executionCount = exec.count;
    cell.outputs.el.style.minHeight = "";
    cell.outputs.el.classList.remove("holding");
    if (!this.queue.includes(cell)) cell.setRunState("idle");
    else if (this.waitNote) cell.setRunState("waiting", this.waitNote);
    else cell.setRunState("queued");
    cell.markErrors();
  }

  /** Queued cells will not run (an error, an interrupt, a restart); `note` tells each cell why, if given. */
  cancelQueued(note = "") {
    for (const cell of this.queue) cell.setRunState("idle", note);
    this.queue = [];
    this.waitNote = "";
  }

  /** Whether the queued cells wait for the kernel (rather than for the cell that runs). */
  isWaiting() {
    return Boolean(this.waitNote) && this.queue.length > 0;
  }

  /** The ids of the queued cells, in order. */
  queuedIds() {
    return this.queue.map((cell) => cell.id);
  }

  /** The kernel restarted, died or was lost: nothing is running any more, and nothing queued will run. */
  reset(note = "") {
    this.cancelQueued(note);
    this.finishAll();
  }

  /**
   * The kernel restarts or the connection dropped: the runs in flight are over and the cells queued behind them
   * are cancelled, as after an error; runs that already wait for the kernel go on waiting.
   */
  kernelLost() {
    if (!this.waitNote) this.cancelQueued();
    this.finishAll();
  }

  finishAll() {
    for (const exec of [...this.executions.values()]) this.finish(exec);
    this.current = null;
  }

  /** A cell was deleted: forget it. */
  forget(cell) {
    this.queue = this.queue.filter((c) => c !== cell);
  }
}
