// The notebook page against a real server, kernel JVM and Spark: editing, running, streaming output, completion,
// tables, interrupt, restart, error marks, XSS, reload persistence and a dead kernel.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { BASE_URL, KERNEL_TIMEOUT, NOTEBOOKS_DIR, UI_TIMEOUT, api, deleteNotebook, openBrowser, uniqueName, createNotebook } from "../test-support/browser.mjs";
import { NotebookDriver } from "../test-support/notebook-driver.mjs";

const STEP = { timeout: 180_000 };

describe("notebook page", { timeout: 900_000 }, () => {
  const path = uniqueName("browser-test-notebook");
  let browser;
  let page;
  let nb;
  const ran = {};

  before(async () => {
    await createNotebook(path);
    browser = await openBrowser();
    page = browser.page;
    nb = new NotebookDriver(page);
  });

  after(async () => {
    await browser?.close();
    await deleteNotebook(path);
  });

  it("opens the notebook and connects to an idle kernel", STEP, async () => {
    await page.goto(`${BASE_URL}/notebooks/${path}`);
    await nb.cells().first().waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await page.locator(".notebook-name").innerText(), path);
    await nb.waitForKernel("idle");
    assert.match(await page.locator(".kernel-indicator").innerText(), /Idle/);
  });

  it("runs 1 + 1 with Shift+Enter, shows 2 and moves to a new cell", STEP, async () => {
    const cell = await nb.run("1 + 1");
    ran.sum = cell;
    assert.equal((await nb.waitForOutput(cell, "2")).trim(), "2");
    assert.ok(await nb.waitForCount(cell) >= 1);
    assert.equal(await nb.cells().count(), 2);
    assert.ok(await page.locator(".cells > .cell").last().evaluate((c) => c.classList.contains("editing")
      && c.contains(document.activeElement)), "the new cell is being edited");
  });

  it("says where Spark runs: local, in the kernel's JVM", STEP, async () => {
    const where = page.locator(".spark-where");
    await where.waitFor({ state: "visible", timeout: KERNEL_TIMEOUT });
    assert.match(await where.locator(".spark-where-text").innerText(), /^Spark: local\[/);
    assert.equal(await where.getAttribute("data-cluster"), "false");
    assert.match(await where.getAttribute("title"), /kernel's own JVM/);
  });

  it("shows printed output", STEP, async () => {
    const cell = await nb.run('System.out.println("hello")');
    ran.hello = cell;
    assert.equal((await nb.waitForOutput(cell, "hello")).trim(), "hello");
  });

  it("streams output while the cell runs, with the kernel busy, then idle", STEP, async () => {
    const cell = await nb.run('System.out.println("first line");\nThread.sleep(1000);\nSystem.out.println("second line");');
    ran.stream = cell;
    await nb.waitForOutput(cell, "first line");
    const during = {
      output: await cell.locator(".output-area").innerText(),
      prompt: await cell.locator(".prompt").innerText(),
      kernel: await nb.kernelState(),
    };
    assert.doesNotMatch(during.output, /second line/, "the first line shows before the cell finishes");
    assert.equal(during.prompt, "[*]:");
    assert.equal(during.kernel, "busy");
    assert.equal((await nb.waitForOutput(cell, "second line")).trim(), "first line\nsecond line");
    await nb.waitForCount(cell);
    await nb.waitForKernel("idle", UI_TIMEOUT);
  });

  it("completes from the kernel: \"abc\".toUpp → toUpperCase(", STEP, async () => {
    const last = nb.cells().last();
    const id = await last.getAttribute("data-cell-id");
    await last.locator(".cm-content").click();
    await page.keyboard.type('"abc".toUpp', { delay: 30 });
    await page.keyboard.press("Control+Space");
    const option = page.locator(".cm-tooltip-autocomplete li").filter({ hasText: /^toUpperCase\($/ });
    await option.first().waitFor({ timeout: KERNEL_TIMEOUT });
    // Clicked rather than Enter: CodeMirror ignores Enter for 75 ms after the list (re)opens, against accidents.
    await option.first().click();
    await page.keyboard.type(")");
    const cell = nb.cell(id);
    assert.equal(await nb.editorText(cell), '"abc".toUpperCase()');
    await page.keyboard.press("Alt+Enter");
    assert.match(await nb.waitForOutput(cell, "ABC"), /^"?ABC"?$/m);
    ran.completion = cell;
    const below = nb.cells().nth((await nb.cells().count()) - 1);
    assert.ok(await below.evaluate((c) => c.classList.contains("editing")), "Alt+Enter inserted a cell to edit below");
  });

  it("shows the kernel's documentation on Shift+Tab", STEP, async () => {
    await page.keyboard.insertText('"abc".toUpperCase');
    await page.keyboard.press("Shift+Tab");
    const tooltip = page.locator(".cm-tooltip.cm-inspect");
    await tooltip.waitFor({ timeout: KERNEL_TIMEOUT });
    assert.match(await tooltip.innerText(), /toUpperCase/);
    await page.keyboard.press("Escape");
    await tooltip.waitFor({ state: "detached", timeout: UI_TIMEOUT });
    assert.equal(await page.evaluate(() => Boolean(document.activeElement.closest(".cm-editor"))), true,
      "the first Escape only closes the tooltip");
  });

  it("shows display(spark.range(3)) as a table with its schema", STEP, async () => {
    const cell = await nb.run("display(spark.range(3))");
    ran.table = cell;
    const table = cell.locator(".wb-table");
    await table.waitFor({ timeout: KERNEL_TIMEOUT });
    assert.deepEqual(await table.locator("th .col-name").allInnerTexts(), ["id"]);
    assert.deepEqual(await table.locator("tbody td").allInnerTexts(), ["0", "1", "2"]);
  });

  it("replaces a display in place (update_display_data), also from another cell, and honours clear_output", STEP, async () => {
    const live = await nb.run('var live = display("version 1");\nThread.sleep(300);\nlive.update("version 2");');
    await nb.waitForCount(live);
    assert.match((await live.locator(".output-area").innerText()).trim(), /^"?version 2"?$/);
    const other = await nb.run('live.update("version 3 from another cell");');
    await nb.waitForCount(other);
    await live.locator(".output-area").filter({ hasText: "version 3 from another cell" }).waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await live.locator(".output").count(), 1);
    assert.equal((await other.locator(".output-area").innerText()).trim(), "");
    const cleared = await nb.run('System.out.println("old");\nclearOutput(true);\nThread.sleep(200);\nSystem.out.println("new");');
    await nb.waitForCount(cleared);
    assert.equal((await cleared.locator(".output-area").innerText()).trim(), "new");
  });

  it("interrupts an endless loop from the toolbar", STEP, async () => {
    const cell = await nb.run("while (true) {}");
    ran.loop = cell;
    await nb.waitForKernel("busy", UI_TIMEOUT);
    assert.equal(await cell.locator(".prompt").innerText(), "[*]:");
    const clicked = Date.now();
    await page.locator('.toolbar [data-action="interrupt"]').click();
    await cell.locator(".output-error").filter({ hasText: "Interrupted" }).waitFor({ timeout: 10_000 });
    assert.ok(Date.now() - clicked < 10_000);
    await nb.waitForKernel("idle", 10_000);
    await nb.waitForCount(cell, UI_TIMEOUT);
  });

  it("restarts the kernel: variables defined before are gone", STEP, async () => {
    const define = await nb.run("int x = 42;\nx");
    assert.equal((await nb.waitForOutput(define, "42")).trim(), "42");
    await page.locator('.toolbar [data-action="restart"]').click();
    await page.locator("dialog[open]").getByRole("button", { name: "Restart" }).click();
    await nb.waitForKernel("restarting", UI_TIMEOUT).catch(() => {});
    await nb.waitForKernel("idle");
    const use = await nb.run("x");
    ran.restart = use;
    await use.locator(".output-error").waitFor({ timeout: KERNEL_TIMEOUT });
    assert.match(await use.locator(".output-error").innerText(), /Compile error|cannot find symbol/);
    assert.equal(await nb.waitForCount(use), 1, "counting starts again after a restart");
  });

  it("marks the line of a compile error in the cell's editor, until the cell is edited", STEP, async () => {
    const cell = await nb.run('int a = 1;\nint b = "text";\nint c = 3;');
    ran.compile = cell;
    await cell.locator(".output-error").waitFor({ timeout: KERNEL_TIMEOUT });
    assert.match(await cell.locator(".output-error").innerText(), /line 2/);
    assert.doesNotMatch(await cell.locator(".output-error").innerText(), /\x1b|\[0;31m/, "no raw ANSI codes");
    assert.equal(await cell.locator(".output-error .ansi-red-fg").first().innerText(), "Compile error");
    const lines = cell.locator(".cm-content .cm-line");
    await lines.nth(1).and(page.locator(".cm-error-line")).waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await lines.nth(0).evaluate((l) => l.classList.contains("cm-error-line")), false);
    assert.equal(await lines.nth(2).evaluate((l) => l.classList.contains("cm-error-line")), false);
    assert.equal(await cell.locator(".cm-error-gutter .cm-error-marker").count(), 1);
    // Editing the cell clears the mark; running it again brings it back.
    await lines.nth(2).click();
    await page.keyboard.press("End");
    await page.keyboard.type(" ");
    await cell.locator(".cm-error-line").waitFor({ state: "detached", timeout: UI_TIMEOUT });
    await page.keyboard.press("Control+Enter");
    await lines.nth(1).and(page.locator(".cm-error-line")).waitFor({ timeout: KERNEL_TIMEOUT });
  });

  it("renders kernel HTML without running its scripts or handlers", STEP, async () => {
    const cell = await nb.run("display(new io.workbench.ext.display.Renderable(){ public io.workbench.ext.display.MimeBundle"
      + " toMimeBundle(){ return io.workbench.ext.display.MimeBundle.builder().put(\"text/html\",\"<img src=x"
      + " onerror=\\\"window.__xss=1\\\"><script>window.__xss=2</script><b>bold</b>\").build(); }});");
    ran.xss = cell;
    const bold = cell.locator(".html-output b");
    await bold.waitFor({ timeout: KERNEL_TIMEOUT });
    assert.equal(await bold.innerText(), "bold");
    assert.equal(await cell.locator(".html-output script, .html-output [onerror]").count(), 0);
    await page.waitForLoadState("networkidle");
    assert.equal(await page.evaluate(() => window.__xss), undefined);
  });

  it("renders markdown without running handlers", STEP, async () => {
    const last = nb.cells().last();
    const id = await last.getAttribute("data-cell-id");
    await nb.setText(last, 'Markdown <img src=x onerror="window.__xss=3"> **rendered**');
    await page.keyboard.press("Escape");
    await page.keyboard.press("m");
    const cell = nb.cell(id);
    await cell.locator(".rendered").waitFor({ state: "hidden", timeout: UI_TIMEOUT }).catch(() => {});
    await page.keyboard.press("Enter");
    await page.keyboard.press("Shift+Enter");
    const strong = cell.locator(".rendered strong");
    await strong.waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await strong.innerText(), "rendered");
    assert.ok(await cell.evaluate((c) => c.classList.contains("markdown-cell")));
    assert.equal(await cell.locator(".rendered [onerror]").count(), 0);
    await page.waitForLoadState("networkidle");
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    ran.markdown = cell;
  });

  it("saves outputs: a reload shows them exactly, and the file on disk holds them", STEP, async () => {
    await nb.waitForKernel("idle");
    await nb.waitForSaved();
    const before = await nb.snapshot();
    await page.reload();
    await nb.cells().first().waitFor({ timeout: UI_TIMEOUT });
    await nb.waitForKernel("idle");
    const afterReload = await nb.snapshot();
    assert.deepEqual(afterReload, before);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.equal(await nb.cell(await ran.table.getAttribute("data-cell-id")).locator(".wb-table th .col-name").innerText(), "id");

    if (!NOTEBOOKS_DIR) return;
    const file = JSON.parse(readFileSync(join(NOTEBOOKS_DIR, path), "utf8"));
    const byId = Object.fromEntries(file.cells.map((c) => [c.id, c]));
    const outputText = (id) => JSON.stringify(byId[id].outputs);
    const idOf = (cell) => cell.getAttribute("data-cell-id");
    assert.match(outputText(await idOf(ran.sum)), /"text\/plain":\s*\[?"2"/);
    assert.equal(byId[await idOf(ran.hello)].outputs[0].output_type, "stream");
    assert.equal([].concat(byId[await idOf(ran.hello)].outputs[0].text).join(""), "hello\n");
    assert.equal([].concat(byId[await idOf(ran.stream)].outputs[0].text).join(""), "first line\nsecond line\n");
    assert.match(outputText(await idOf(ran.completion)), /ABC/);
    assert.match(outputText(await idOf(ran.table)), /application\/vnd\.workbench\.table\+json/);
    assert.equal(byId[await idOf(ran.loop)].outputs.at(-1).ename, "Interrupted");
    assert.equal(byId[await idOf(ran.compile)].outputs[0].ename, "CompileError");
    assert.match(outputText(await idOf(ran.xss)), /<b>bold<\/b>/);
    assert.equal(byId[await idOf(ran.markdown)].cell_type, "markdown");
    for (const snap of before) {
      const cell = byId[snap.id];
      assert.ok(cell, `cell ${snap.id} is in the file`);
      if (cell.cell_type === "code") {
        assert.equal(`[${cell.execution_count ?? " "}]:`, snap.prompt, `execution count of ${snap.id}`);
      }
    }
  });

  it("reloaded while a cell runs, shows its output so far and follows it to the end", STEP, async () => {
    const cell = await nb.run('System.out.println("before reload");\nThread.sleep(5000);\nSystem.out.println("after reload");');
    const id = await cell.getAttribute("data-cell-id");
    await nb.waitForOutput(cell, "before reload");
    await page.reload();
    const again = nb.cell(id);
    await nb.waitForOutput(again, "before reload", UI_TIMEOUT);
    await again.locator(".prompt").filter({ hasText: "[*]:" }).waitFor({ timeout: UI_TIMEOUT });
    assert.doesNotMatch(await again.locator(".output-area").innerText(), /after reload/, "shown as running before it ends");
    assert.equal((await nb.waitForOutput(again, "after reload")).trim(), "before reload\nafter reload");
    const count = await nb.waitForCount(again);
    await nb.waitForKernel("idle", UI_TIMEOUT);
    await nb.waitForSaved();
    const saved = (await api("GET", `/api/contents/${path}`)).json.content.cells.find((c) => c.id === id);
    assert.equal(saved.execution_count, count);
    assert.equal(saved.outputs.map((o) => o.text).join(""), "before reload\nafter reload\n");
  });

  it("closed while a cell runs, finds the cell's whole output when opened again", STEP, async () => {
    const cell = await nb.run('System.out.println("started");\nThread.sleep(2000);\nSystem.out.println("finished while away");');
    const id = await cell.getAttribute("data-cell-id");
    await nb.waitForOutput(cell, "started");
    await page.goto(`${BASE_URL}/`);
    await page.locator(".tree-row").first().waitFor({ timeout: UI_TIMEOUT });
    // The server writes the outputs into the file when the cell ends with no page connected.
    const deadline = Date.now() + KERNEL_TIMEOUT;
    let saved;
    do {
      saved = (await api("GET", `/api/contents/${path}`)).json.content.cells.find((c) => c.id === id);
      if (JSON.stringify(saved.outputs).includes("finished while away")) break;
      await new Promise((r) => setTimeout(r, 250));
    } while (Date.now() < deadline);
    assert.match(JSON.stringify(saved.outputs), /finished while away/);
    await page.goto(`${BASE_URL}/notebooks/${path}`);
    assert.equal((await nb.waitForOutput(nb.cell(id), "finished while away", UI_TIMEOUT)).trim(),
      "started\nfinished while away");
    assert.equal(await nb.waitForCount(nb.cell(id), UI_TIMEOUT), saved.execution_count);
    await nb.waitForKernel("idle");
  });

  it("shows a dead kernel with a restart button and keeps the notebook editable", STEP, async () => {
    const kill = await nb.run('new ProcessBuilder("kill", "-9", String.valueOf(ProcessHandle.current().pid()))'
      + ".start().waitFor();");
    const banner = page.locator('.banner[data-banner="kernel"]');
    await banner.waitFor({ timeout: KERNEL_TIMEOUT });
    assert.match(await banner.innerText(), /^The kernel died: .+\./);
    await nb.waitForKernel("dead", UI_TIMEOUT);
    assert.notEqual(await kill.locator(".prompt").innerText(), "[*]:");
    const last = nb.cells().last();
    await nb.setText(last, "// still editable\n6 * 7");
    assert.equal(await nb.editorText(last), "// still editable\n6 * 7");
    await banner.getByRole("button", { name: "Restart" }).click();
    await nb.waitForKernel("idle");
    await banner.waitFor({ state: "detached", timeout: UI_TIMEOUT });
    await last.locator(".cm-content").click();
    await page.keyboard.press("Control+Enter");
    assert.equal((await nb.waitForOutput(last, "42")).trim(), "42");
  });

  it("reported no script errors", () => {
    assert.deepEqual(browser.problems, []);
  });
});
