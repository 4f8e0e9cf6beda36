// A live view in stock Jupyter Notebook's own front end (Debian's classic Notebook 6) in a real Chromium: the
// cell that displays a streaming query returns at once, and its table keeps growing afterwards, through
// update_display_data routed by display id. Run by JupyterLiveViewIT with JUPYTER_URL, JUPYTER_TOKEN and
// NOTEBOOK (a notebook whose second cell shows `display(...)` of a windowed count over a running producer).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { chromium } from "playwright-core";

const URL = process.env.JUPYTER_URL;
const TOKEN = process.env.JUPYTER_TOKEN;
const NOTEBOOK = process.env.NOTEBOOK;

describe("a live view in Jupyter Notebook", { timeout: 600_000 }, () => {
  let context;
  let page;
  let profile;
  const problems = [];

  before(async () => {
    profile = mkdtempSync(join(tmpdir(), "jupyter-chromium-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    });
    page = context.pages()[0] || await context.newPage();
    page.on("pageerror", (e) => problems.push(e.message));
  });

  after(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /** Sum of the last column of the live cell's HTML table (the counts), and whether the chart is there. */
  const liveTable = () => page.evaluate(() => {
    const cell = Jupyter.notebook.get_cell(1);
    const rows = [...cell.element[0].querySelectorAll(".output_html table tbody tr")];
    return {
      prompt: cell.input_prompt_number,
      rows: rows.length,
      total: rows.reduce((sum, tr) => sum + Number(tr.lastElementChild.textContent.replace(/[^0-9]/g, "")), 0),
      chart: !!cell.element[0].querySelector(".output_html svg"),
      outputs: cell.output_area.outputs.length,
    };
  });

  it("runs the notebook in Jupyter's own page", async () => {
    await page.goto(`${URL}/notebooks/${NOTEBOOK}?token=${TOKEN}`);
    await page.waitForFunction(() => window.Jupyter?.notebook?.kernel?.is_connected?.(), null, { timeout: 120_000 });
    await page.evaluate(() => Jupyter.notebook.execute_all_cells());
    await page.waitForFunction(() => {
      const cells = Jupyter.notebook.get_cells();
      return cells.every((c) => c.cell_type !== "code" || typeof c.input_prompt_number === "number");
    }, null, { timeout: 240_000, polling: 500 });
    const errors = await page.evaluate(() => Jupyter.notebook.get_cells()
      .flatMap((c) => (c.output_area?.outputs || []).filter((o) => o.output_type === "error").map((o) => o.evalue)));
    assert.deepEqual(errors, []);
  });

  it("keeps updating the live table after its cell has finished", async () => {
    await page.waitForFunction(() => {
      const cell = Jupyter.notebook.get_cell(1);
      return cell.element[0].querySelectorAll(".output_html table tbody tr").length > 0;
    }, null, { timeout: 120_000, polling: 500 });
    const first = await liveTable();
    assert.equal(typeof first.prompt, "number", "the display cell has finished");
    assert.equal(first.outputs, 1, "one output, updated in place");
    assert.ok(first.chart, "the windowed count is charted (inline SVG)");
    let later = first;
    for (let i = 0; i < 30 && later.total <= first.total; i++) {
      await page.waitForTimeout(1000);
      later = await liveTable();
    }
    assert.ok(later.total > first.total, `the counts grew after the cell finished: ${first.total} → ${later.total}`);
    await page.waitForTimeout(3000);
    const third = await liveTable();
    assert.ok(third.total > later.total, `and kept growing: ${later.total} → ${third.total}`);
    assert.equal(third.outputs, 1, "still one output");
    assert.deepEqual(problems, []);
  });
});
