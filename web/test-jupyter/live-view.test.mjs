// A live view in stock Jupyter Notebook's own page (Debian's classic Notebook 6) in a real Chromium. Run by
// JupyterLiveViewIT with JUPYTER_URL, JUPYTER_TOKEN and NOTEBOOK, a notebook whose cells are: 0 starts a producer,
// 1 displays a windowed count of its topic (the live view), 2 sleeps for 30 s. The display cell returns at once;
// its table must keep growing afterwards through update_display_data, which Jupyter routes by display id: while
// the kernel is idle (the kernel sends updates under the request that showed the view) and while another cell
// runs (it sends them under that cell's request), without the other cell ever showing the view.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { launchBrowser } from "../test-support/browser.mjs";

const URL = (process.env.JUPYTER_URL || "").replace(/\/+$/, "");
const TOKEN = process.env.JUPYTER_TOKEN || "";
const NOTEBOOK = process.env.NOTEBOOK || "";
const PRODUCER = 0;
const LIVE = 1;
const SLEEPER = 2;
/** Jupyter starts a fresh kernel JVM, whose first query starts Spark: minutes on a busy 2-core machine. */
const KERNEL_TIMEOUT = 180_000;
/** How long a live view may go without growing before the test gives up. */
const GROWTH_TIMEOUT = 90_000;
/**
 * Notebook 6 always tries to load ipywidgets' nbextension (its main.js, "HARDCODED WIDGETS HACK"); without
 * ipywidgets the server answers 404 in HTML, and Chromium refuses it as a script. Not ours, not about outputs.
 */
const JUPYTER_OWN_NOISE = /nbextensions\/widgets\/notebook\/js\/extension\.js/;

/** What one code cell shows: its prompt, its outputs, and the live view's table, status line and chart if any. */
function cellState(index) {
  const cell = Jupyter.notebook.get_cell(index);
  const el = cell.element[0];
  const table = el.querySelector(".output_area .workbench-live table");
  const headers = table ? [...table.querySelectorAll("thead th")].map((th) => th.textContent) : [];
  const countAt = headers.indexOf("count");
  const rows = table ? [...table.querySelectorAll("tbody tr")] : [];
  const status = el.querySelector(".output_area .workbench-live > div")?.textContent || "";
  const batch = /batch (\d+)/.exec(status);
  return {
    msgId: cell.last_msg_id,
    prompt: cell.input_prompt_number ?? null,
    running: el.classList.contains("running"),
    outputs: cell.output_area.outputs.map((o) => o.output_type),
    errors: cell.output_area.outputs.filter((o) => o.output_type === "error").map((o) => `${o.ename}: ${o.evalue}`),
    views: el.querySelectorAll(".workbench-live").length,
    headers,
    rows: rows.length,
    total: countAt < 0 ? -1
      : rows.reduce((sum, tr) => sum + Number(tr.children[countAt].textContent.replace(/[^0-9]/g, "")), 0),
    status,
    batch: batch ? Number(batch[1]) : -1,
    lines: el.querySelectorAll(".output_area .workbench-live svg polyline").length,
  };
}

describe("a live view in Jupyter Notebook's own page", { timeout: 720_000 }, () => {
  let browser;
  let page;
  /** Every display message the page received from the kernel, in order: {type, displayId, parent}, but the notice of a
   *  cell waiting for Spark. */
  const displays = [];
  const state = (index) => page.evaluate(cellState, index);
  const log = (what, s) => console.log(`# ${what}: prompt ${s.prompt}, ${s.rows} rows, total ${s.total}, batch ${s.batch}`);
  const parentsSince = (from) => [...new Set(displays.slice(from).filter((d) => d.type === "update_display_data")
    .map((d) => d.parent))];

  /** Waits until the live cell's count total exceeds `than`, checking `still` on every look; returns that state. */
  async function grownBeyond(than, still) {
    const deadline = Date.now() + GROWTH_TIMEOUT;
    for (;;) {
      const s = await state(LIVE);
      await still(s);
      if (s.total > than.total) return s;
      assert.ok(Date.now() < deadline, `the live table stopped growing at total ${than.total} (batch ${than.batch})`);
      await page.waitForTimeout(1000);
    }
  }

  /** The live cell finished with its one output, updated in place; the kernel is not running it. */
  function assertFinishedWithOneView(s) {
    assert.equal(typeof s.prompt, "number", `the display cell shows an execution count, not [${s.prompt}]`);
    assert.equal(s.running, false, "the display cell is not running");
    assert.deepEqual(s.outputs, ["display_data"], "one output, updated in place");
    assert.equal(s.views, 1, "one live view in the cell");
  }

  before(async () => {
    assert.ok(URL && TOKEN && NOTEBOOK, "JUPYTER_URL, JUPYTER_TOKEN and NOTEBOOK are required");
    browser = await launchBrowser();
    page = browser.page;
    // Notebook 6 speaks JSON text frames on its kernel channels WebSocket: read what the kernel sent, untouched.
    page.on("websocket", (ws) => ws.on("framereceived", ({ payload }) => {
      if (typeof payload !== "string" || !payload.includes("display_data")) return;
      const msg = JSON.parse(payload);
      // The first cell's "Waiting for Spark to start" line is a display of its own, not the live view's.
      if (msg.content.data?.["application/vnd.workbench.spark-start+json"]) return;
      if (msg.msg_type === "display_data" || msg.msg_type === "update_display_data") {
        displays.push({ type: msg.msg_type, displayId: msg.content.transient?.display_id, parent: msg.parent_header.msg_id });
      }
    }));
  });

  after(async () => {
    await browser?.close();
  });

  it("opens the notebook on the workbench-java kernel and runs the producer and the display cells", async () => {
    await page.goto(`${URL}/notebooks/${NOTEBOOK.split("/").map(encodeURIComponent).join("/")}?token=${TOKEN}`);
    await page.waitForFunction(() => window.Jupyter?.notebook?.kernel?.is_connected?.()
        && document.querySelector("#kernel_indicator_icon")?.classList.contains("kernel_idle_icon"),
      null, { timeout: KERNEL_TIMEOUT, polling: 500 });
    assert.equal(await page.evaluate(() => Jupyter.notebook.kernel.name), "workbench-java");

    await page.evaluate(([a, b]) => Jupyter.notebook.execute_cells([a, b]), [PRODUCER, LIVE]);
    await page.waitForFunction((cells) => cells.every((i) => typeof Jupyter.notebook.get_cell(i).input_prompt_number === "number"),
      [PRODUCER, LIVE], { timeout: KERNEL_TIMEOUT, polling: 500 });
    for (const i of [PRODUCER, LIVE]) {
      assert.deepEqual((await state(i)).errors, [], `cell ${i} ran without error`);
    }
  });

  it("keeps updating the table of the finished display cell while the kernel is idle", async () => {
    await page.waitForFunction((i) => !!Jupyter.notebook.get_cell(i).element[0].querySelector(".workbench-live tbody tr"),
      LIVE, { timeout: KERNEL_TIMEOUT, polling: 500 });
    const first = await state(LIVE);
    const from = displays.length;
    log("first table", first);
    assertFinishedWithOneView(first);
    assert.deepEqual(first.headers, ["window (UTC)", "event_type", "count"], "a time column says its zone");
    assert.ok(first.total > 0, "the first table counts events");
    assert.match(first.status, /^jupyter_live \[running\]/);
    const shown = displays.filter((d) => d.type === "display_data");
    assert.equal(shown.length, 1, "one display_data");
    assert.equal(shown[0].parent, first.msgId, "shown under the display cell's request");
    assert.ok(displays.every((d) => d.displayId === shown[0].displayId), "every update is for that display id");

    const idle = async (s) => {
      assertFinishedWithOneView(s);
      assert.ok(await page.evaluate(() => document.querySelector("#kernel_indicator_icon").classList.contains("kernel_idle_icon")),
        "no request runs");
    };
    const second = await grownBeyond(first, idle);
    log("grown", second);
    await page.waitForTimeout(3000);
    const third = await grownBeyond(second, idle);
    log("grown again", third);
    assert.ok(third.batch > first.batch, `later micro-batches are shown: ${first.batch} → ${third.batch}`);
    assert.equal(third.prompt, first.prompt, "the display cell did not run again");
    assert.ok(third.lines > 0, "the windowed count is charted as inline SVG lines");
    assert.deepEqual(parentsSince(from), [first.msgId], "with no request running, updates come under the one that showed the view");
  });

  it("keeps updating it while another cell runs, and that cell never shows the view", async () => {
    const live = await state(LIVE);
    await page.evaluate((i) => Jupyter.notebook.execute_cells([i]), SLEEPER);
    const sleeperMsg = await page.evaluate((i) => Jupyter.notebook.get_cell(i).last_msg_id, SLEEPER);
    const sleeperRunsAlone = async (s) => {
      assertFinishedWithOneView(s);
      const other = await state(SLEEPER);
      assert.equal(other.views, 0, "the running cell does not show the live view");
      assert.equal(other.prompt, "*", "the other cell still runs (too short a sleep for this machine otherwise)");
    };
    // From the first update under the sleeping cell's request on, every update comes under it until it ends.
    const deadline = Date.now() + GROWTH_TIMEOUT;
    while (!displays.some((d) => d.parent === sleeperMsg)) {
      await sleeperRunsAlone(await state(LIVE));
      assert.ok(Date.now() < deadline, "no update came under the running cell's request");
      await page.waitForTimeout(250);
    }
    const from = displays.findIndex((d) => d.parent === sleeperMsg);
    const start = await state(LIVE);
    const during = await grownBeyond(start, sleeperRunsAlone);
    log("grown while another cell runs", during);
    assert.deepEqual(parentsSince(from), [sleeperMsg], "updates came under the running cell's request");
    assert.ok(during.total > live.total);

    await page.waitForFunction((i) => typeof Jupyter.notebook.get_cell(i).input_prompt_number === "number", SLEEPER,
      { timeout: 60_000, polling: 500 });
    const sleeper = await state(SLEEPER);
    assert.equal(sleeper.views, 0, "the other cell's output has no live view");
    assert.deepEqual(sleeper.errors, []);

    const settled = await state(LIVE);
    const idleAgain = displays.length;
    const afterwards = await grownBeyond(settled, assertFinishedWithOneView);
    log("grown after the other cell finished", afterwards);
    assert.ok(parentsSince(idleAgain).includes(live.msgId), "updates went back under the display cell's request");
    assert.deepEqual(browser.problems.filter((p) => !JUPYTER_OWN_NOISE.test(p)), [], "no errors in Jupyter's page");
  });
});
