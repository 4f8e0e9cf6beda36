// The notebook page's header (name, save state, kernel) and toolbar.
import { baseName, parentDir } from "../api/contents.js";
import { treeUrl } from "../api/sessions.js";
import { button, h } from "../ui/dom.js";
import { icon } from "../ui/icons.js";

const SAVE_TEXT = { saved: "Saved", dirty: "Unsaved changes", saving: "Saving…", error: "Save failed", conflict: "Changed on disk" };

export function buildHeader({ path, onRename, indicator, sparkWhere }) {
  const title = h("button", { type: "button", class: "notebook-name", title: "Rename the notebook",
    "aria-label": `Rename the notebook ${baseName(path)}`, onClick: onRename }, baseName(path));
  const back = h("a", { class: "brand", href: treeUrl(parentDir(path)), title: "Back to the notebook list" },
    icon("notebook"), h("span", {}, "Workbench"));
  const save = h("span", { class: "save-status", role: "status", dataset: { state: "saved" } }, SAVE_TEXT.saved);
  return {
    el: h("header", { class: "app-header" }, back, h("h1", { class: "title" }, title), save, h("span", { class: "spacer" }),
      sparkWhere ? sparkWhere.el : null, indicator.el),
    setSaveState(state, detail) {
      save.dataset.state = state;
      save.textContent = SAVE_TEXT[state] || state;
      save.title = detail || "";
    },
    setPath(newPath) {
      title.textContent = baseName(newPath);
      title.setAttribute("aria-label", `Rename the notebook ${baseName(newPath)}`);
      back.href = treeUrl(parentDir(newPath));
    },
  };
}

/** @param {() => void} refocus gives the focus back to the selected cell after a button (not a dialog) */
export function buildToolbar(commands, onType, refocus) {
  const tool = (id, iconName, text) => {
    const c = commands[id];
    return button({ label: c.label, title: c.keys ? `${c.label} (${c.keys})` : c.label, action: id,
      icon: icon(iconName), text, onClick: () => {
        c.run();
        if (!["restart", "kafka", "streams", "export-job"].includes(id)) refocus();
      } });
  };
  const type = h("select", { class: "cell-type", "aria-label": "Cell type", title: "Cell type (Y code, M markdown)",
    onChange: (e) => {
      onType(e.target.value);
      refocus();
    } },
  h("option", { value: "code" }, "Code"), h("option", { value: "markdown" }, "Markdown"), h("option", { value: "raw" }, "Raw"));
  const panelButton = tool("kafka", "topics", "Kafka");
  panelButton.setAttribute("aria-pressed", "false");
  const streamsButton = tool("streams", "streams", "Streams");
  const jobsLink = h("a", { class: "btn", href: "/jobs", title: "All jobs", dataset: { action: "jobs" } }, icon("jobs"),
    h("span", { class: "btn-text" }, "Jobs"));
  const pipelineLink = h("a", { class: "btn", href: "/pipeline", title: "Every query, producer and job: charts and alerts",
    dataset: { action: "pipeline" } }, icon("pipeline"), h("span", { class: "btn-text" }, "Pipeline"));
  const group = (...items) => h("div", { class: "toolbar-group" }, items);
  return {
    el: h("div", { class: "toolbar", role: "toolbar", "aria-label": "Notebook" },
      group(tool("save", "save")),
      group(tool("insert-below", "plus"), tool("move-up", "up"), tool("move-down", "down"), tool("delete", "trash")),
      group(tool("run-advance", "play", "Run"), tool("run-all", "playAll", "Run all"), tool("interrupt", "stop"),
        tool("restart", "restart")),
      group(type),
      h("span", { class: "spacer" }),
      group(tool("export-job", "export", "Export as job"), jobsLink, pipelineLink),
      group(streamsButton, panelButton)),
    showType(t) {
      if (t) type.value = t;
    },
    /** Marks a side panel's toggle button as pressed or not. */
    showPanel(id, open) {
      if (id === "kafka") panelButton.setAttribute("aria-pressed", String(open));
    },
  };
}
