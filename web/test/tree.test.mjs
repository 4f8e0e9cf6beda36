// The notebook list: list, create (and open), rename from the notebook and from the list, errors, delete.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { BASE_URL, NOTEBOOKS_DIR, UI_TIMEOUT, api, deleteNotebook, openBrowser, uniqueName } from "../test-support/browser.mjs";

const STEP = { timeout: 120_000 };

function onDisk(path) {
  return NOTEBOOKS_DIR ? existsSync(join(NOTEBOOKS_DIR, path)) : null;
}

describe("notebook list", { timeout: 600_000 }, () => {
  let browser;
  let page;
  const paths = new Set();
  let current;

  const row = (path) => page.locator(`.tree-row[data-path="${path}"]`);

  async function renameInDialog(name) {
    const dialog = page.locator("dialog[open]");
    await dialog.waitFor({ timeout: UI_TIMEOUT });
    await dialog.locator("input").fill(name);
    await dialog.getByRole("button", { name: "Rename" }).click();
    await dialog.waitFor({ state: "detached", timeout: UI_TIMEOUT });
  }

  before(async () => {
    browser = await openBrowser();
    page = browser.page;
  });

  after(async () => {
    await browser?.close();
    for (const p of paths) await deleteNotebook(p);
  });

  it("lists the notebooks", STEP, async () => {
    await page.goto(`${BASE_URL}/`);
    await row("getting-started.ipynb").waitFor({ timeout: UI_TIMEOUT });
    assert.match(await row("getting-started.ipynb").innerText(), /getting-started\.ipynb/);
    assert.equal(await page.locator(".tree-error").innerText(), "");
  });

  it("creates a notebook and opens it", STEP, async () => {
    await page.locator('[data-action="new-notebook"]').click();
    await page.waitForURL(/\/notebooks\/Untitled\d*\.ipynb$/, { timeout: UI_TIMEOUT });
    current = decodeURIComponent(new URL(page.url()).pathname.slice("/notebooks/".length));
    paths.add(current);
    await page.locator(".cells > .cell").first().waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await page.locator(".notebook-name").innerText(), current);
    if (NOTEBOOKS_DIR) assert.ok(onDisk(current), `${current} exists on disk`);
  });

  it("renames the open notebook from its title", STEP, async () => {
    const name = uniqueName("browser-test-tree");
    paths.add(name);
    await page.locator(".notebook-name").click();
    await renameInDialog(name);
    await page.waitForURL(`${BASE_URL}/notebooks/${name}`, { timeout: UI_TIMEOUT });
    assert.equal(await page.locator(".notebook-name").innerText(), name);
    if (NOTEBOOKS_DIR) {
      assert.ok(onDisk(name));
      assert.ok(!onDisk(current));
    }
    current = name;
  });

  it("goes back to the list, which shows the renamed notebook as running", STEP, async () => {
    await page.locator(".brand").click();
    await row(current).waitFor({ timeout: UI_TIMEOUT });
    await row(current).locator(".badge.running").waitFor({ timeout: UI_TIMEOUT });
  });

  it("renames a notebook from the list", STEP, async () => {
    const name = uniqueName("browser-test-tree");
    paths.add(name);
    await row(current).locator('[data-action="rename"]').click();
    await renameInDialog(name);
    await row(name).waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await row(current).count(), 0);
    if (NOTEBOOKS_DIR) assert.ok(onDisk(name) && !onDisk(current));
    const { json: sessions } = await api("GET", "/api/sessions");
    assert.ok(sessions.some((s) => s.path === name), "the session follows the rename");
    current = name;
  });

  it("shows the server's message when a rename fails, and clears it", STEP, async () => {
    await row(current).locator('[data-action="rename"]').click();
    await renameInDialog("getting-started.ipynb");
    const error = page.locator(".tree-error");
    await error.filter({ hasText: "exists already" }).waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await row(current).count(), 1);
    await error.getByRole("button", { name: "Dismiss" }).click();
    await error.filter({ hasText: "exists already" }).waitFor({ state: "detached", timeout: UI_TIMEOUT });
  });

  it("deletes a notebook after confirmation", STEP, async () => {
    await row(current).locator('[data-action="delete"]').click();
    let dialog = page.locator("dialog[open]");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached", timeout: UI_TIMEOUT });
    assert.equal(await row(current).count(), 1, "cancel keeps it");

    await row(current).locator('[data-action="delete"]').click();
    dialog = page.locator("dialog[open]");
    assert.match(await dialog.innerText(), new RegExp(current.replace(/[.]/g, "\\.")));
    await dialog.getByRole("button", { name: "Delete" }).click();
    await row(current).waitFor({ state: "detached", timeout: UI_TIMEOUT });
    if (NOTEBOOKS_DIR) assert.ok(!onDisk(current));
    const { json: sessions } = await api("GET", "/api/sessions");
    assert.ok(!sessions.some((s) => s.path === current), "its kernel was shut down");
    assert.equal(await page.locator(".tree-error").innerText(), "");
  });

  it("reported no script errors", () => {
    assert.deepEqual(browser.problems, []);
  });
});
