// The notebook page: loads the notebook, starts its kernel session, and wires cells, runner, autosave and keys.
import { baseName, parentDir } from "../api/contents.js";
import { notebookUrl, sessions, treeUrl } from "../api/sessions.js";
import { openExportDialog } from "../jobs/export-dialog.js";
import { KafkaPanel } from "../kafka/kafka-panel.js";
import { streams } from "../api/streams.js";
import { KernelSession } from "../kernel/kernel-session.js";
import { DisplayRegistry } from "../outputs/display-registry.js";
import { SPARK_START_MIME } from "../outputs/mime-renderer.js";
import { promptDialog } from "../ui/dialog.js";
import { h } from "../ui/dom.js";
import { Banners } from "./banners.js";
import { CellList } from "./cell-list.js";
import { installCommandKeys } from "./command-keys.js";
import { notebookCommands } from "./commands.js";
import { mergeKeptOutputs } from "./kept-outputs.js";
import { KernelIndicator } from "./kernel-indicator.js";
import { NOT_RUN, kernelGate } from "./kernel-gate.js";
import { NotebookFile } from "./notebook-file.js";
import { buildHeader, buildToolbar } from "./notebook-layout.js";
import { Runner } from "./runner.js";
import { Saver } from "./saver.js";
import { SparkWhere } from "./spark-where.js";
import { StreamsPanel } from "./streams-panel.js";

/** The MIME type of a cell's Spark-job progress (kernel-extensions' SparkJobProgress). */
const SPARK_PROGRESS = "application/vnd.workbench.spark-progress+json";

export class NotebookPage {
  constructor(root, path) {
    this.root = root;
    this.file = new NotebookFile(path);
    this.displays = new DisplayRegistry();
    this.banners = new Banners();
    this.kernelIndicator = new KernelIndicator("Java");
    this.sparkWhere = new SparkWhere(() => this.kernel?.kernelId);
    this.cells = new CellList(this);
    this.runner = new Runner(this);
    this.saver = new Saver({ save: (o) => this.file.write(this.cells.toJSON(), o), onState: (s, d) => this.onSaveState(s, d) });
    this.kernel = null;
    /** The socket the page last caught up on (sync); runs wait until the current socket is synced. */
    this.syncedConnection = null;
    this.loading = false;
    this.kafka = new KafkaPanel({ onClose: () => this.toolbar?.showPanel("kafka", false) });
    this.streamsPanel = new StreamsPanel(() => this.kernel?.kernelId);
    this.streamsPanel.onToggle = (shown) => this.onStreamsToggled(shown);
    /** What live outputs may ask of the page: acting on the kernel's queries (their Stop button). */
    this.streamActions = {
      act: async (kind, id, action, body) => {
        const kernelId = this.kernel?.kernelId;
        if (!kernelId) throw new Error("The kernel is not running.");
        try {
          return await streams.act(kernelId, kind, id, action, body);
        } finally {
          if (this.streamsPanel.shown) this.streamsPanel.schedule(0);
        }
      },
    };
  }

  get path() {
    return this.file.path;
  }

  async open() {
    document.title = `${baseName(this.path)} · Workbench`;
    let cells;
    try {
      cells = await this.file.read();
    } catch (e) {
      this.saver.stop();
      this.showLoadError(e);
      return;
    }
    this.commands = notebookCommands(this);
    this.layout();
    this.show(cells);
    installCommandKeys(this.commands, (t) => this.isCommandTarget(t));
    window.addEventListener("pagehide", () => this.flushOnExit());
    window.addEventListener("beforeunload", (e) => this.warnOnExit(e));
    this.startKernel();
  }

  layout() {
    this.header = buildHeader({ path: this.path, onRename: () => this.rename(), indicator: this.kernelIndicator,
      sparkWhere: this.sparkWhere });
    this.toolbar = buildToolbar(this.commands, (type) => this.setCellType(this.cells.selected, type),
      () => this.cells.select(this.cells.selected, this.cells.mode));
    // Side panels sit beside the cells, each toggled by its toolbar button; they may be open together.
    const toggle = this.toolbar.el.querySelector('[data-action="streams"]');
    toggle.setAttribute("aria-pressed", "false");
    toggle.setAttribute("aria-controls", this.streamsPanel.el.id);
    this.page = h("div", { class: "notebook-page" },
      this.header.el, this.toolbar.el,
      h("div", { class: "notebook-body" },
        h("div", { class: "notebook-main" }, this.banners.el, this.cells.el),
        h("div", { class: "side-panels" }, this.streamsPanel.el, this.kafka.el)));
    this.root.replaceChildren(this.page);
  }

  toggleStreams() {
    this.streamsPanel.toggle();
  }

  onStreamsToggled(shown) {
    this.page?.classList.toggle("with-streams", shown);
    this.toolbar?.el.querySelector('[data-action="streams"]')?.setAttribute("aria-pressed", String(shown));
  }

  show(cells) {
    this.runner.reset();
    this.loading = true;
    this.cells.load(cells);
    this.loading = false;
  }

  showLoadError(e) {
    const title = e.status === 404 ? "Notebook not found" : "This notebook cannot be opened";
    this.root.replaceChildren(h("div", { class: "page-error", role: "alert" },
      h("h1", {}, title),
      h("p", { class: "load-error-message" }, e.message),
      e.status === 422 ? h("p", {}, "Nothing was saved over it. Fix the file, then reload this page.") : null,
      h("p", {}, h("a", { href: treeUrl(parentDir(this.path)) }, "Back to the notebook list"))));
  }

  async startKernel() {
    this.kernel = new KernelSession(this.path, {
      onIopub: (msg) => {
        this.watchExecutors(msg);
        this.runner.onIopub(msg);
      },
      onExecuteReply: (msg) => this.runner.onExecuteReply(msg),
      onState: (state, reason) => this.onKernelState(state, reason),
      onConnected: () => this.sync(),
      onError: (message) => this.notify(message),
    });
    try {
      await this.kernel.start();
    } catch (e) {
      this.notify(`The kernel could not be started: ${e.message}`);
    }
  }

  /**
   * A Spark-progress display that says the cell waits for executors sets the header's indicator; the next clears it.
   * So does a cell's "Waiting for Spark to start" line (SparkStartNotice), until it says Spark started.
   */
  watchExecutors(msg) {
    const start = msg.content?.data?.[SPARK_START_MIME];
    if (start) this.kernelIndicator.waitingForSpark(start.state === "starting");
    const progress = msg.content?.data?.[SPARK_PROGRESS];
    if (!progress) return;
    this.kernelIndicator.waitingForExecutors(progress.waitingForExecutors
      ? `waiting ${Math.round(progress.waitingMs / 1000)} s for executors from ${progress.master}` : null);
  }

  onKernelState(state, reason) {
    this.kernelIndicator.set(state, reason);
    if (state === "dead") {
      this.runner.reset(this.kernel?.session ? NOT_RUN.died : NOT_RUN.notStarted);
      const why = (reason || "it stopped").replace(/\.\s*$/, "");
      this.banners.show("kernel", {
        message: `The kernel died: ${why}.`,
        actions: [{ label: "Restart", primary: true, onClick: () => this.restart() }],
      });
    } else if (state === "restarting" || state === "disconnected") {
      this.runner.kernelLost();
      this.banners.hide("kernel");
    } else if (state === "idle" || state === "busy") {
      this.banners.hide("kernel");
      if (state === "idle") this.sparkWhere.refresh();
    }
    this.runner.next();
  }

  /**
   * After (re)connecting: reload the file if the server wrote it meanwhile (it saves outputs when no page is
   * connected), then merge the outputs it kept, and show the cell that still runs as running.
   */
  async sync() {
    const connection = this.kernel.connection;
    try {
      if (await this.file.changedOnDisk()) {
        if (this.saver.dirty) this.onConflict("The notebook changed on disk while this page was not connected.");
        else this.reloadKeepingQueue(await this.file.read());
      }
      const kept = await sessions.keptOutputs(this.kernel.session.id);
      if (mergeKeptOutputs(this.cells, kept, this.runner, this.kernel.state === "busy")) this.saver.changed();
    } catch (e) {
      this.notify(`Could not restore the outputs of running cells: ${e.message}`);
    }
    this.syncedConnection = connection;
    this.runner.next();
  }

  /** Shows the file read again; runs that wait for the kernel wait on in the new cells with the same ids. */
  reloadKeepingQueue(cells) {
    const queued = this.runner.queuedIds();
    this.show(cells);
    this.runner.enqueue(queued.map((id) => this.cells.byId(id)).filter(Boolean));
  }

  onSaveState(state, detail) {
    this.header?.setSaveState(state, detail);
    if (state === "saved") {
      this.banners.hide("conflict");
      this.banners.hide("save");
    } else if (state === "conflict") {
      this.onConflict(detail);
    } else if (state === "error") {
      this.banners.show("save", { message: `The notebook could not be saved: ${detail}`, dismissible: true });
    }
  }

  onConflict(message) {
    this.banners.show("conflict", {
      message: `${message} Reload to see the version on disk, or overwrite it with this one.`,
      actions: [
        { label: "Reload", onClick: () => this.reloadFromDisk() },
        { label: "Overwrite", primary: true, onClick: () => this.saver.saveNow({ overwrite: true }) },
      ],
    });
  }

  async reloadFromDisk() {
    try {
      this.show(await this.file.read());
      this.saver.reset();
    } catch (e) {
      this.notify(e.message);
    }
  }

  notify(message) {
    this.banners.show("notice", { message, dismissible: true });
  }

  // What cells, the cell list and the runner ask of the page.

  kernelConnection() {
    return this.kernel?.connection || null;
  }

  kernelGate() {
    const connection = this.kernelConnection();
    return kernelGate({
      state: this.kernel?.state ?? "starting",
      connected: Boolean(connection?.connected),
      synced: connection !== null && connection === this.syncedConnection,
      started: Boolean(this.kernel?.session),
    });
  }

  cellById(id) {
    return this.cells.byId(id);
  }

  changed() {
    if (!this.loading) this.saver.changed();
  }

  outputChanged() {
    this.saver.changed();
  }

  finished() {
    this.saver.executionFinished();
  }

  cellRemoved(cell) {
    this.runner.forget(cell);
  }

  select(cell, mode) {
    this.cells.select(cell, mode);
  }

  selectionChanged(cell) {
    this.toolbar?.showType(cell.type);
  }

  editorKeys(cell) {
    const run = (id) => () => {
      this.cells.select(cell, "edit", { focus: false });
      this.commands[id].run();
      return true;
    };
    return {
      runAdvance: run("run-advance"),
      runInPlace: run("run"),
      runInsertBelow: run("run-insert"),
      save: () => this.commands.save.run(),
      leave: () => this.cells.select(cell, "command"),
      moveUp: () => this.cells.editRelative(-1),
      moveDown: () => this.cells.editRelative(1),
    };
  }

  // Commands.

  runCell(cell) {
    if (cell?.type === "markdown") cell.showRendered(true);
    else if (cell?.type === "code") this.runner.enqueue([cell]);
  }

  runAll() {
    for (const cell of this.cells.cells) if (cell.type === "markdown") cell.showRendered(true);
    this.runner.enqueue(this.cells.cells.filter((c) => c.type === "code"));
  }

  exportAsJob() {
    return openExportDialog({ path: this.path, cells: this.cells.toJSON(), save: () => this.saveForExport() });
  }

  /** The exporter reads the file: what the page shows is saved first, or the export does not start. */
  async saveForExport() {
    await this.saver.saving;
    await this.saver.saveNow({ manual: true });
    if (this.saver.state !== "saved") {
      throw new Error("The notebook could not be saved (the message above the cells says why), and an export reads "
        + "the saved file. Save it, then export again.");
    }
  }

  toggleKafka() {
    this.kafka.toggle();
    this.toolbar.showPanel("kafka", this.kafka.isOpen);
  }

  setCellType(cell, type) {
    if (!cell || cell.type === type) return;
    cell.setType(type);
    this.toolbar.showType(type);
    this.changed();
  }

  /**
   * Interrupts the running cell. An interrupt that reaches the kernel while it is still compiling the cell can be
   * lost, so it is sent again while the same run goes on (a few times, 2 s apart).
   */
  async interrupt() {
    this.runner.cancelQueued(this.runner.isWaiting() ? NOT_RUN.interrupted : "");
    // A kernel that is not there yet has nothing to interrupt.
    if (!this.kernel?.kernelId || ["starting", "restarting"].includes(this.kernel.state)) return;
    const running = this.runner.runningIds();
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        await this.kernel.interrupt();
      } catch (e) {
        this.notify(`The kernel could not be interrupted: ${e.message}`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 2000));
      if (!running.some((id) => this.runner.isRunning(id))) return;
    }
  }

  async restart() {
    this.runner.reset(this.runner.isWaiting() ? NOT_RUN.restarted : "");
    this.banners.hide("kernel");
    try {
      await this.kernel.restart();
    } catch (e) {
      this.notify(`The kernel could not be restarted: ${e.message}`);
    }
  }

  async rename() {
    const name = baseName(this.path);
    const newName = await promptDialog({
      title: "Rename notebook", label: "New name", value: name, confirmLabel: "Rename",
      select: [0, name.endsWith(".ipynb") ? name.length - 6 : name.length],
    });
    if (!newName || newName === name) return;
    try {
      await this.saver.saving;
      const to = await this.file.rename(newName);
      await this.kernel?.moveTo(to);
      history.replaceState(null, "", notebookUrl(to));
      document.title = `${baseName(to)} · Workbench`;
      this.header.setPath(to);
    } catch (e) {
      this.notify(`The notebook could not be renamed: ${e.message}`);
    }
  }

  isCommandTarget(target) {
    if (target === document.body || target === document.documentElement) return true;
    if (!this.root.contains(target) || target.closest(".cm-editor")) return false;
    return target.matches(".cell") || !target.closest("button, a, input, select, textarea, .wb-table, .html-output, .live-view, .side-panel, .streams-panel");
  }

  /** Unsaved changes as the tab closes: a keepalive save, which may outlive the page. */
  flushOnExit() {
    if (this.saver.dirty && !this.saver.blocked) this.file.writeOnExit(this.cells.toJSON());
  }

  /** Asks before leaving only when the changes cannot be sent on the way out. */
  warnOnExit(e) {
    const state = this.saver.state;
    if (state === "conflict" || state === "error" || (this.saver.dirty && !this.file.fitsOnExit(this.cells.toJSON()))) {
      e.preventDefault();
      e.returnValue = "";
    }
  }
}
