// Drives the notebook page the way a user does (clicks, keys, typing) and waits for specific DOM states.
import { KERNEL_TIMEOUT, UI_TIMEOUT } from "./browser.mjs";

/** The line a cell shows while it waits for Spark to start, and then when Spark started (SparkStartNotice). */
const SPARK_START_LINE = /^(Waiting for Spark to start[^\n]*|Spark started [^\n]*|Spark did not start[^\n]*|Spark is still starting[^\n]*)\n*/;

export class NotebookDriver {
  constructor(page) {
    this.page = page;
  }

  cells() {
    return this.page.locator(".cells > .cell");
  }

  cell(id) {
    return this.page.locator(`.cell[data-cell-id="${id}"]`);
  }

  /** Replaces the text of a cell's editor: click into it, select all, insert (no auto-closing brackets). */
  async setText(cell, text) {
    await cell.locator(".cm-content").click();
    await this.page.keyboard.press("Control+A");
    await this.page.keyboard.insertText(text);
  }

  /** Types code into the last cell and runs it with a key (Shift+Enter by default); returns that cell. */
  async run(code, key = "Shift+Enter") {
    const last = this.cells().last();
    const id = await last.getAttribute("data-cell-id");
    await this.setText(last, code);
    await this.page.keyboard.press(key);
    return this.cell(id);
  }

  async editorText(cell) {
    return (await cell.locator(".cm-content .cm-line").allInnerTexts()).join("\n");
  }

  /**
   * Waits until the cell's output shows `text` (a string or a RegExp) and returns that output's text. The first cell
   * of a kernel still starting Spark first says so ("Waiting for Spark to start (3 s)…", then "Spark started …; this
   * cell waited …") above its own output: that line is left out, of the wait and of what is returned.
   */
  async waitForOutput(cell, text, timeout = KERNEL_TIMEOUT) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const shown = (await cell.locator(".output-area").innerText()).replace(SPARK_START_LINE, "");
      if (typeof text === "string" ? shown.includes(text) : text.test(shown)) return shown;
      if (Date.now() > deadline) throw new Error(`no ${text} in the cell's output within ${timeout} ms: ${shown}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Waits until the cell shows an execution count ([n]:, not [*]:) and returns n. */
  async waitForCount(cell, timeout = KERNEL_TIMEOUT) {
    const prompt = cell.locator(".prompt").filter({ hasText: /^\[\d+\]:$/ });
    await prompt.waitFor({ timeout });
    return Number((await prompt.innerText()).match(/\d+/)[0]);
  }

  async waitForKernel(state, timeout = KERNEL_TIMEOUT) {
    await this.page.locator(`.kernel-indicator[data-state="${state}"]`).waitFor({ timeout });
  }

  async kernelState() {
    return this.page.locator(".kernel-indicator").getAttribute("data-state");
  }

  async waitForSaved(timeout = UI_TIMEOUT) {
    await this.page.locator('.save-status[data-state="saved"]').waitFor({ timeout });
  }

  /** Output text and prompt of every cell, by cell id: what a reload must show again. */
  async snapshot() {
    return this.page.locator(".cells > .cell").evaluateAll((cells) => cells.map((c) => ({
      id: c.dataset.cellId,
      prompt: c.querySelector(".prompt")?.textContent,
      output: c.querySelector(".output-area")?.innerText ?? "",
      rendered: c.querySelector(".rendered:not([hidden])")?.innerHTML ?? null,
    })));
  }
}
