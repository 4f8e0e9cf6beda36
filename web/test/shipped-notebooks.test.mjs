// Every notebook the repo ships, run top to bottom in the browser notebook ("Run all") against a real server,
// kernel JVM, Spark and broker: each cell carries its own checks against an oracle, so an error output is a
// failed check. The live views must be there, none failed, and the first notebook's counts must be shown.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { BASE_URL, api, openBrowser } from "../test-support/browser.mjs";
import { NotebookDriver } from "../test-support/notebook-driver.mjs";

const SHIPPED = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "notebooks");
const notebooks = readdirSync(SHIPPED).filter((f) => f.endsWith(".ipynb")).sort();
const RUN_TIMEOUT = 360_000;

describe("the shipped notebooks in the browser", { timeout: notebooks.length * RUN_TIMEOUT + 60_000 }, () => {
  let browser;
  let page;
  let nb;

  before(async () => {
    browser = await openBrowser();
    page = browser.page;
    nb = new NotebookDriver(page);
  });

  after(async () => {
    await browser?.close();
  });

  it("ships notebooks", () => {
    assert.ok(notebooks.length >= 6, `notebooks: ${notebooks}`);
  });

  for (const name of notebooks) {
    it(`runs ${name} top to bottom with every check passing`, { timeout: RUN_TIMEOUT }, async () => {
      await page.goto(`${BASE_URL}/notebooks/${name}`);
      await nb.waitForKernel("idle");
      const codeCells = await page.locator(".cells > .cell .prompt").evaluateAll((ps) => ps.filter((p) => p.textContent).length);
      await page.locator('[data-action="run-all"]').click();
      // Done when every code cell has its execution count and nothing is queued or running, or a cell failed.
      await page.waitForFunction(() => {
        if (document.querySelector(".output-error")) return true;
        const prompts = [...document.querySelectorAll(".cells > .cell .prompt")].filter((p) => p.textContent);
        return prompts.every((p) => /^\[\d+\]:$/.test(p.textContent) && !p.title);
      }, null, { timeout: RUN_TIMEOUT - 30_000, polling: 500 });
      const errors = await page.locator(".output-error").allInnerTexts();
      assert.deepEqual(errors, [], `${name} has failing cells`);
      const counts = await page.locator(".cells > .cell .prompt").allInnerTexts();
      assert.equal(counts.filter((c) => /^\[\d+\]:$/.test(c)).length, codeCells, `every code cell of ${name} ran`);

      const views = page.locator(".live-view");
      assert.ok(await views.count() >= 1, `${name} shows at least one live view`);
      assert.equal(await page.locator('.live-view[data-status="failed"]').count(), 0, `no failed query in ${name}`);
      if (name === "getting-started.ipynb") {
        // The live counts reach the 20,000 events the producer sent (the notebook checks them against its oracle).
        const total = await page.locator(".cell[data-cell-id='gs-18'] .live-table tbody tr").evaluateAll((trs) =>
          trs.reduce((sum, tr) => sum + Number(tr.children[1].textContent), 0));
        assert.ok(total >= 20_000, `the live view shows ${total} events`);
      }
      // Free the kernel (and its Spark) before the next notebook.
      const { json: sessions } = await api("GET", "/api/sessions");
      for (const s of sessions || []) {
        if (s.path === name) await api("DELETE", `/api/sessions/${s.id}`);
      }
    });
  }
});
