// The notebook list (/ and /tree/<dir>): folders and notebooks, with new, open, rename, delete and shut down.
import { baseName, contents, joinPath, parentDir } from "../api/contents.js";
import { notebookUrl, sessions, treeUrl } from "../api/sessions.js";
import { appHeader } from "../ui/app-header.js";
import { confirmDialog, promptDialog } from "../ui/dialog.js";
import { button, h } from "../ui/dom.js";
import { icon } from "../ui/icons.js";
import { relativeTime } from "../ui/relative-time.js";

export class TreePage {
  constructor(root, dir) {
    this.root = root;
    this.dir = dir;
    this.error = h("div", { class: "tree-error", role: "alert" });
    this.body = h("tbody");
  }

  async open() {
    document.title = `${this.dir || "Notebooks"} · Workbench`;
    this.root.replaceChildren(h("div", { class: "tree-page" },
      appHeader("notebooks"),
      h("div", { class: "tree-content" },
        h("div", { class: "tree-bar" },
          this.breadcrumbs(),
          h("span", { class: "spacer" }),
          button({ label: "New folder", text: "New folder", icon: icon("folder"), action: "new-folder",
            onClick: () => this.act(() => contents.newFolder(this.dir)) }),
          button({ label: "New notebook", text: "New notebook", icon: icon("plus"), action: "new-notebook",
            cls: "btn-primary", onClick: () => this.newNotebook() })),
        this.error,
        h("table", { class: "tree-table" },
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Name"), h("th", { scope: "col" }, "Modified"),
            h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")))),
          this.body))));
    await this.refresh();
  }

  breadcrumbs() {
    const parts = this.dir.split("/").filter(Boolean);
    const crumbs = [h("a", { href: treeUrl("") }, "Notebooks")];
    parts.forEach((p, i) => crumbs.push(h("span", { class: "sep", "aria-hidden": "true" }, "/"),
      h("a", { href: treeUrl(parts.slice(0, i + 1).join("/")) }, p)));
    return h("nav", { class: "breadcrumbs", "aria-label": "Folder" }, crumbs);
  }

  async refresh() {
    let listing;
    let running = [];
    try {
      [listing, running] = await Promise.all([contents.list(this.dir), sessions.list().catch(() => [])]);
    } catch (e) {
      this.showError(e.message);
      return;
    }
    const sessionByPath = new Map(running.map((s) => [s.path, s]));
    const rows = [];
    if (this.dir) {
      rows.push(h("tr", { class: "tree-row up" }, h("td", { colspan: "3" },
        h("a", { href: treeUrl(parentDir(this.dir)) }, icon("folder"), h("span", {}, "..")))));
    }
    for (const item of listing.content || []) rows.push(this.row(item, sessionByPath.get(item.path)));
    if (!(listing.content || []).length) {
      rows.push(h("tr", {}, h("td", { colspan: "3", class: "muted empty" }, "No notebooks here yet.")));
    }
    this.body.replaceChildren(...rows);
  }

  row(item, session) {
    const href = item.type === "directory" ? treeUrl(item.path) : item.type === "notebook" ? notebookUrl(item.path) : null;
    const name = href ? h("a", { href, class: "item-name" }, icon(item.type === "directory" ? "folder" : "notebook"),
      h("span", {}, item.name)) : h("span", { class: "item-name" }, icon("file"), h("span", {}, item.name));
    return h("tr", { class: "tree-row", dataset: { path: item.path, type: item.type } },
      h("td", {}, name, session ? h("span", { class: "badge running", title: "A kernel is running" }, "Running") : null),
      h("td", { class: "modified", title: new Date(item.last_modified).toLocaleString() }, relativeTime(item.last_modified)),
      h("td", { class: "row-actions" },
        session ? button({ label: `Shut down the kernel of ${item.name}`, icon: icon("power"), action: "shutdown",
          onClick: () => this.act(() => sessions.close(session.id)) }) : null,
        button({ label: `Rename ${item.name}`, icon: icon("edit"), action: "rename", onClick: () => this.rename(item) }),
        button({ label: `Delete ${item.name}`, icon: icon("trash"), action: "delete", onClick: () => this.remove(item) })));
  }

  async newNotebook() {
    try {
      const model = await contents.newNotebook(this.dir);
      location.assign(notebookUrl(model.path));
    } catch (e) {
      this.showError(e.message);
    }
  }

  async rename(item) {
    const name = await promptDialog({ title: `Rename ${item.type === "directory" ? "folder" : "file"}`, label: "New name",
      value: item.name, confirmLabel: "Rename",
      select: [0, item.name.endsWith(".ipynb") ? item.name.length - 6 : item.name.length] });
    if (!name || name === item.name) return;
    const newName = item.type === "notebook" && !name.endsWith(".ipynb") ? `${name}.ipynb` : name;
    await this.act(async () => {
      await contents.rename(item.path, joinPath(parentDir(item.path), newName));
      const session = (await sessions.list()).find((s) => s.path === item.path);
      if (session) await sessions.move(session.id, joinPath(parentDir(item.path), newName));
    });
  }

  async remove(item) {
    const ok = await confirmDialog({ title: `Delete ${baseName(item.path)}?`,
      message: `${item.path} will be deleted from disk, and its kernel shut down. This cannot be undone.`,
      confirmLabel: "Delete", danger: true });
    if (!ok) return;
    await this.act(async () => {
      const session = (await sessions.list()).find((s) => s.path === item.path);
      if (session) await sessions.close(session.id);
      await contents.remove(item.path);
    });
  }

  /** Runs an action, shows its error if it fails, and refreshes the list. */
  async act(action) {
    this.showError("");
    try {
      await action();
    } catch (e) {
      this.showError(e.message);
    }
    await this.refresh();
  }

  showError(message) {
    this.error.replaceChildren(message ? h("span", {}, message) : "",
      message ? button({ label: "Dismiss", text: "×", cls: "btn-ghost", onClick: () => this.showError("") }) : "");
    this.error.hidden = !message;
  }
}
