// Entry point: the notebook list at / and /tree/<dir>, a notebook at /notebooks/<path>.
import { NotebookPage } from "./notebook/notebook-page.js";
import { TreePage } from "./tree/tree-page.js";

function decodePath(rest) {
  return rest.split("/").filter(Boolean).map(decodeURIComponent).join("/");
}

const root = document.getElementById("app");
const { pathname } = location;
const page = pathname.startsWith("/notebooks/")
  ? new NotebookPage(root, decodePath(pathname.slice("/notebooks/".length)))
  : new TreePage(root, pathname.startsWith("/tree/") ? decodePath(pathname.slice("/tree/".length)) : "");
page.open();
