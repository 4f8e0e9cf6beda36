// Shared set-up of the browser tests: the server under test (from the environment, with a hook to restart it), a
// fresh Chromium driven by playwright-core, a signed-in page, and helpers that wait for specific DOM states.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const BASE_URL = (process.env.WORKBENCH_URL || "http://127.0.0.1:18888").replace(/\/+$/, "");
export const TOKEN = process.env.WORKBENCH_TOKEN || "";
export const NOTEBOOKS_DIR = process.env.WORKBENCH_NOTEBOOKS_DIR || "";
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Kernel start and the first Spark query take ~10 s on a busy 2-core machine: wait generously. */
export const KERNEL_TIMEOUT = 90_000;
export const UI_TIMEOUT = 15_000;

/** A fresh Chromium (own profile directory) with one page signed in with the token. */
export async function openBrowser() {
  const browser = await launchBrowser();
  await browser.page.goto(`${BASE_URL}/?token=${encodeURIComponent(TOKEN)}`);
  return browser;
}

/**
 * A fresh Chromium (own profile directory) with one blank page, collecting the page's uncaught errors and console
 * errors in `problems`. Also drives other front ends than ours (web/test-jupyter).
 */
export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), "workbench-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, args: FLAGS, headless: true, viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] || await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    // A blocked handler is the CSP doing its job (DOMPurify's inert parse of hostile HTML reports one); a 404 is
    // the test's own <img src=x>.
    if (m.type() === "error" && !/Failed to load resource|violates the following Content Security Policy/.test(m.text())) {
      problems.push(`console: ${m.text()}`);
    }
  });
  return {
    context, page, problems,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The REST API with the token, for set-up and clean-up outside the browser. */
export async function api(method, path, body) {
  const res = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: { Authorization: `token ${TOKEN}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok && res.status !== 404) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/** Creates a notebook at `path` with these cells (by default one empty code cell); throws unless it is new. */
export async function createNotebook(path, cells = [{ id: "first", cell_type: "code", source: "", metadata: {}, outputs: [],
  execution_count: null }]) {
  const created = await api("PUT", `/api/contents/${path}`, { type: "notebook", format: "json", content: {
    nbformat: 4, nbformat_minor: 5, metadata: {}, cells,
  } });
  if (created.status !== 201) throw new Error(`creating ${path} answered ${created.status}`);
}

/** Deletes a notebook and shuts its session's kernel down. */
export async function deleteNotebook(path) {
  const { json: list } = await api("GET", "/api/sessions");
  for (const s of list || []) {
    if (s.path === path) await api("DELETE", `/api/sessions/${s.id}`);
  }
  await api("DELETE", `/api/contents/${path.split("/").map(encodeURIComponent).join("/")}`);
}

export function uniqueName(prefix) {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}.ipynb`;
}

/**
 * Restarts the server under test (same port, home and notebooks) through the hook BrowserIT passes as
 * WORKBENCH_RESTART_URL; resolves to false when there is no hook (a server started by hand).
 */
export async function restartServer() {
  const url = process.env.WORKBENCH_RESTART_URL;
  if (!url) return false;
  const res = await fetch(url, { method: "POST" });
  if (res.status !== 204) throw new Error(`restarting the server answered ${res.status} ${await res.text()}`);
  return true;
}
