// Drives the notebook page the way a user does (clicks, keys, typing) and waits for specific DOM states.
import { KERNEL_TIMEOUT, UI_TIMEOUT } from "./browser.mjs";

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

  async waitForOutput(cell, text, timeout = KERNEL_TIMEOUT) {
    await cell.locator(".output-area").filter({ hasText: text }).waitFor({ timeout });
    return cell.locator(".output-area").innerText();
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
