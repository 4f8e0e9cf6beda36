// A malformed notebook is shown as an error and never saved over; a notebook changed on disk since it was loaded
// is not overwritten silently (409), and can be reloaded.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { BASE_URL, NOTEBOOKS_DIR, UI_TIMEOUT, api, deleteNotebook, openBrowser, uniqueName } from "../test-support/browser.mjs";
import { NotebookDriver } from "../test-support/notebook-driver.mjs";

const STEP = { timeout: 120_000 };
const BROKEN = '{"nbformat": 4, "cells": [ {"cell_type": "code", "source": "1 + 1"\n';

function notebook(source) {
  return { nbformat: 4, nbformat_minor: 5, metadata: {},
    cells: [{ id: "only", cell_type: "code", source, metadata: {}, outputs: [], execution_count: null }] };
}

describe("saving safely", { timeout: 600_000 }, () => {
  const broken = uniqueName("browser-test-broken");
  const changed = uniqueName("browser-test-changed");
  let browser;
  let page;
  const writes = [];

  before(async () => {
    assert.equal((await api("PUT", `/api/contents/${broken}`, { type: "file", format: "text", content: BROKEN })).status, 201);
    assert.equal((await api("PUT", `/api/contents/${changed}`, { type: "notebook", format: "json",
      content: notebook("// loaded") })).status, 201);
    browser = await openBrowser();
    page = browser.page;
    page.on("request", (r) => {
      if (r.method() !== "GET") writes.push(`${r.method()} ${new URL(r.url()).pathname}`);
    });
  });

  after(async () => {
    await browser?.close();
    await deleteNotebook(broken);
    await deleteNotebook(changed);
  });

  it("shows why a malformed notebook cannot be opened, and never writes it", STEP, async () => {
    await page.goto(`${BASE_URL}/notebooks/${broken}`);
    const error = page.locator(".page-error");
    await error.waitFor({ timeout: UI_TIMEOUT });
    assert.match(await error.locator(".load-error-message").innerText(), /is not valid JSON.*line \d+/);
    await page.keyboard.press("Control+S");
    // Nothing may be written: no request that could change the file or start a kernel for it.
    await page.waitForTimeout(2000);
    assert.deepEqual(writes, []);
    if (NOTEBOOKS_DIR) assert.equal(readFileSync(join(NOTEBOOKS_DIR, broken), "utf8"), BROKEN);
    const { json: sessions } = await api("GET", "/api/sessions");
    assert.ok(!sessions.some((s) => s.path === broken));
  });

  it("autosaves edits, and stops with a choice when the file changed on disk", STEP, async () => {
    const nb = new NotebookDriver(page);
    await page.goto(`${BASE_URL}/notebooks/${changed}`);
    const cell = nb.cells().first();
    await cell.waitFor({ timeout: UI_TIMEOUT });
    await nb.waitForKernel("idle");
    await nb.setText(cell, "// edited in the browser");
    await page.locator('.save-status[data-state="dirty"]').waitFor({ timeout: UI_TIMEOUT });
    await nb.waitForSaved();
    const saved = (await api("GET", `/api/contents/${changed}`)).json;
    assert.equal(saved.content.cells[0].source, "// edited in the browser");

    assert.equal((await api("PUT", `/api/contents/${changed}`, { type: "notebook", format: "json",
      content: notebook("// changed elsewhere") })).status, 200);
    await nb.setText(cell, "// edited again");
    const banner = page.locator('.banner[data-banner="conflict"]');
    await banner.waitFor({ timeout: UI_TIMEOUT });
    assert.match(await banner.innerText(), /changed on disk/);
    assert.equal(await page.locator(".save-status").getAttribute("data-state"), "conflict");
    assert.equal((await api("GET", `/api/contents/${changed}`)).json.content.cells[0].source, "// changed elsewhere");

    await banner.getByRole("button", { name: "Reload" }).click();
    await banner.waitFor({ state: "detached", timeout: UI_TIMEOUT });
    assert.equal(await nb.editorText(nb.cells().first()), "// changed elsewhere");
    await nb.setText(nb.cells().first(), "// after reload");
    await nb.waitForSaved();
    assert.equal((await api("GET", `/api/contents/${changed}`)).json.content.cells[0].source, "// after reload");
  });

  it("reported no script errors", () => {
    assert.deepEqual(browser.problems, []);
  });
});
