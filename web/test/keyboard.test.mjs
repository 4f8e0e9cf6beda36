// Command mode and edit mode from the keyboard, as in Jupyter: Esc, A/B, D D, Z, M/Y, arrows, Enter, Ctrl+S,
// and the cell toolbar buttons.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { BASE_URL, UI_TIMEOUT, api, deleteNotebook, openBrowser, uniqueName } from "../test-support/browser.mjs";
import { NotebookDriver } from "../test-support/notebook-driver.mjs";

const STEP = { timeout: 120_000 };

describe("keyboard", { timeout: 600_000 }, () => {
  const path = uniqueName("browser-test-keys");
  let browser;
  let page;
  let nb;

  const ids = () => nb.cells().evaluateAll((cells) => cells.map((c) => c.dataset.cellId));
  const selectedIndex = () => nb.cells().evaluateAll((cells) => cells.findIndex((c) => c.classList.contains("selected")));
  const focus = () => page.evaluate(() => {
    const a = document.activeElement;
    return a.closest(".cm-editor") ? "editor" : a.classList.contains("cell") ? "cell" : a.tagName;
  });

  before(async () => {
    await api("PUT", `/api/contents/${path}`, { type: "notebook", format: "json", content: {
      nbformat: 4, nbformat_minor: 5, metadata: {},
      cells: [{ id: "one", cell_type: "code", source: "// one", metadata: {}, outputs: [], execution_count: null }],
    } });
    browser = await openBrowser();
    page = browser.page;
    nb = new NotebookDriver(page);
    await page.goto(`${BASE_URL}/notebooks/${path}`);
    await nb.cells().first().waitFor({ timeout: UI_TIMEOUT });
    // The page opens a session; waiting for it lets the clean-up find and end it.
    await nb.waitForKernel("idle");
  });

  after(async () => {
    await browser?.close();
    await deleteNotebook(path);
  });

  it("Esc leaves the editor for command mode, Enter goes back", STEP, async () => {
    await nb.cell("one").locator(".cm-content").click();
    assert.equal(await focus(), "editor");
    assert.ok(await nb.cell("one").evaluate((c) => c.classList.contains("editing")));
    await page.keyboard.press("Escape");
    assert.equal(await focus(), "cell");
    assert.ok(await nb.cell("one").evaluate((c) => c.classList.contains("selected") && !c.classList.contains("editing")));
    await page.keyboard.press("Enter");
    assert.equal(await focus(), "editor");
    await page.keyboard.press("Escape");
  });

  it("B and A insert below and above, D D deletes, Z brings it back", STEP, async () => {
    await page.keyboard.press("b");
    assert.equal((await ids()).length, 2);
    assert.equal(await selectedIndex(), 1);
    await page.keyboard.press("a");
    assert.equal((await ids()).length, 3);
    assert.equal(await selectedIndex(), 1);
    const inserted = (await ids())[1];
    await page.keyboard.press("d");
    await page.keyboard.press("d");
    assert.deepEqual((await ids()).includes(inserted), false);
    assert.equal((await ids()).length, 2);
    await page.keyboard.press("z");
    assert.equal((await ids())[1], inserted);
    assert.equal(await focus(), "cell");
  });

  it("M and Y switch between markdown and code; arrows move the selection", STEP, async () => {
    await page.keyboard.press("m");
    const cell = nb.cells().nth(1);
    assert.ok(await cell.evaluate((c) => c.classList.contains("markdown-cell")));
    assert.equal(await page.locator(".toolbar select.cell-type").inputValue(), "markdown");
    await page.keyboard.press("y");
    assert.ok(await cell.evaluate((c) => c.classList.contains("code-cell")));
    await page.keyboard.press("ArrowUp");
    assert.equal(await selectedIndex(), 0);
    await page.keyboard.press("ArrowUp");
    assert.equal(await selectedIndex(), 0, "stays on the first cell");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    assert.equal(await selectedIndex(), 2);
    assert.equal(await focus(), "cell");
  });

  it("Shift+Enter renders a markdown cell; double-click edits it again", STEP, async () => {
    await page.keyboard.press("m");
    await page.keyboard.press("Enter");
    await page.keyboard.insertText("## A *heading*");
    await page.keyboard.press("Shift+Enter");
    const md = nb.cells().nth(2);
    await md.locator(".rendered h2").waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await md.locator(".rendered h2").innerText(), "A heading");
    assert.equal((await ids()).length, 4, "Shift+Enter on the last cell adds one");
    await md.locator(".rendered").dblclick();
    assert.ok(await md.locator(".cm-editor").isVisible());
    assert.equal(await focus(), "editor");
    await page.keyboard.press("Shift+Enter");
    await md.locator(".rendered h2").waitFor({ timeout: UI_TIMEOUT });
  });

  it("moves cells with the toolbar and saves with Ctrl+S", STEP, async () => {
    await nb.cell("one").click({ position: { x: 20, y: 10 } });
    await page.locator('.toolbar [data-action="move-down"]').click();
    assert.equal((await ids())[1], "one");
    assert.equal(await focus(), "cell", "the focus returns to the cell");
    await page.keyboard.press("Enter");
    await page.keyboard.press("End");
    await page.keyboard.type(" and more");
    await page.keyboard.press("Control+s");
    await nb.waitForSaved();
    const saved = (await api("GET", `/api/contents/${path}`)).json.content;
    assert.equal(saved.cells[1].id, "one");
    assert.equal(saved.cells[1].source, "// one and more");
    assert.equal(saved.cells[2].cell_type, "markdown");
    assert.equal(saved.cells[2].source, "## A *heading*");
  });

  it("reported no script errors", () => {
    assert.deepEqual(browser.problems, []);
  });
});
