// Streaming in the notebook page against a real server, kernel JVM, Spark and Kafka: a producer and a live windowed
// aggregation started from cells, the live view updated in place by key with its progress and chart, the Streams
// panel listing both, and Stop (in the view) and Pause/Stop (in the panel) reaching the kernel.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { BASE_URL, KERNEL_TIMEOUT, UI_TIMEOUT, api, deleteNotebook, openBrowser, uniqueName, createNotebook } from "../test-support/browser.mjs";
import { NotebookDriver } from "../test-support/notebook-driver.mjs";

const STEP = { timeout: 240_000 };
const LIVE_TIMEOUT = 150_000;

describe("streams", { timeout: 900_000 }, () => {
  const path = uniqueName("browser-test-streams");
  const suffix = Math.random().toString(36).slice(2, 8);
  const topic = `browser-events-${suffix}`;
  const query = `sales_${suffix}`;
  let browser;
  let page;
  let nb;
  let liveCell;

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

  const liveView = () => liveCell.locator(".live-view");
  const panel = () => page.locator("aside.streams-panel");
  const panelRow = (kind, name) => panel().locator(`.stream-row[data-kind="${kind}"][data-name="${name}"]`);

  /** The live table's rows: their key attributes and the text of their key cells. */
  const tableRows = () => liveView().locator(".live-table tbody tr").evaluateAll((trs) => trs.map((tr) => ({
    key: tr.dataset.key,
    cells: [...tr.children].map((td) => td.textContent),
  })));

  it("starts the producer from a cell", STEP, async () => {
    await page.goto(`${BASE_URL}/notebooks/${path}`);
    await nb.waitForKernel("idle");
    const cell = await nb.run(`var p = events.start(ProducerSettings.defaults().topic("${topic}").rate(400).seed(11));\n`
      + "p.stats().topic()");
    assert.match(await nb.waitForOutput(cell, topic), new RegExp(topic));
  });

  it("shows a live windowed aggregation that fills its table, progress and chart", STEP, async () => {
    liveCell = await nb.run(`display(kafka.events("${topic}")
        .withWatermark("timestamp", "5 minutes")
        .groupBy(window(col("timestamp"), "1 minute"), col("product_category"))
        .agg(sum("amount").as("sales"), count("*").as("orders")), "${query}")`);
    await liveView().waitFor({ timeout: KERNEL_TIMEOUT });
    assert.equal(await liveCell.locator(".html-output").count(), 0, "the live view is preferred over the bundle's HTML");
    // Mark the element: an update that re-rendered the view instead of updating it would lose the mark.
    await liveView().evaluate((el) => { el.dataset.testMark = "first"; });
    await liveView().locator(".live-table tbody tr").first().waitFor({ timeout: LIVE_TIMEOUT });
    await page.waitForFunction((sel) => {
      const fact = document.querySelector(sel);
      return fact && Number(fact.dataset.value) > 0;
    }, `.cell[data-cell-id="${await liveCell.getAttribute("data-cell-id")}"] .live-progress [data-fact="processedRowsPerSecond"]`,
    { timeout: LIVE_TIMEOUT, polling: 250 });

    assert.equal(await liveView().getAttribute("data-status"), "running");
    assert.equal((await liveView().locator(".live-name").innerText()).trim(), query);
    assert.equal((await liveView().locator(".live-state").innerText()).trim(), "running");
    assert.deepEqual(await liveView().locator(".live-table th .col-name").allInnerTexts(),
      ["window", "product_category", "sales", "orders"]);
    const progress = await liveView().locator(".live-progress").innerText();
    for (const label of ["Input", "Processed", "Batch", "Watermark", "Max event", "Late dropped", "State rows", "Offsets behind"]) {
      assert.match(progress, new RegExp(label), `the progress strip shows ${label}`);
    }
    assert.ok(await liveView().locator(".live-chart svg .series").count() >= 1, "a chart with at least one series");
  });

  it("updates the live view in place by key, never showing a window twice", STEP, async () => {
    const firstBatch = Number(await liveView().locator(".live-progress").getAttribute("data-batch"));
    // Wait for several more micro-batches so that windows receive updates.
    await page.waitForFunction(([sel, batch]) => Number(document.querySelector(sel)?.dataset.batch) >= batch + 2,
      [`.cell[data-cell-id="${await liveCell.getAttribute("data-cell-id")}"] .live-progress`, firstBatch],
      { timeout: LIVE_TIMEOUT, polling: 250 });
    assert.equal(await liveView().getAttribute("data-test-mark"), "first", "the same element, updated in place");
    assert.equal(await liveCell.locator(".live-view").count(), 1, "one live view");
    for (let i = 0; i < 4; i++) {
      const rows = await tableRows();
      assert.ok(rows.length > 0);
      const keys = rows.map((r) => r.key);
      assert.equal(new Set(keys).size, keys.length, `duplicate keys: ${keys}`);
      const shown = rows.map((r) => `${r.cells[0]}|${r.cells[1]}`);
      assert.equal(new Set(shown).size, shown.length, `a window and category shown twice: ${shown}`);
      assert.ok(rows.every((r) => /^\d\d:\d\d:\d\d–\d\d:\d\d:\d\d$/.test(r.cells[0])), `window cells: ${shown}`);
      assert.ok(rows.every((r) => Number(r.cells[3]) >= 1), "every row counts at least one order");
      await page.waitForTimeout(700);
    }
  });

  it("lists the query and the producer in the Streams panel", STEP, async () => {
    const toggle = page.getByRole("button", { name: "Show or hide the streams panel" });
    assert.equal(await toggle.getAttribute("aria-pressed"), "false");
    await toggle.click();
    assert.equal(await toggle.getAttribute("aria-pressed"), "true");
    await panel().waitFor({ timeout: UI_TIMEOUT });
    await panelRow("query", query).and(page.locator('[data-status="running"]')).waitFor({ timeout: UI_TIMEOUT });
    await panelRow("producer", topic).and(page.locator('[data-status="running"]')).waitFor({ timeout: UI_TIMEOUT });
    const row = panelRow("query", query);
    assert.match(await row.innerText(), new RegExp(await liveCell.getAttribute("data-cell-id")), "the query's cell");
    assert.ok(await row.getByRole("button", { name: `Stop query ${query}` }).isVisible());
    assert.equal(await row.getByRole("button", { name: `Restart query ${query}` }).isVisible(), false,
      "a running query offers no restart");
    // The panel keeps asking: its timestamp moves on.
    const first = await panel().getAttribute("data-updated");
    await page.waitForFunction((t) => document.querySelector("aside.streams-panel")?.dataset.updated !== t, first,
      { timeout: UI_TIMEOUT });
  });

  it("stops the query from the live view and shows it stopped in both places", STEP, async () => {
    await liveView().getByRole("button", { name: `Stop the query ${query}` }).click();
    await liveCell.locator('.live-view[data-status="stopped"]').waitFor({ timeout: 30_000 });
    assert.equal((await liveView().locator(".live-state").innerText()).trim(), "stopped");
    assert.equal(await liveView().locator(".live-stop").isVisible(), false, "no Stop button on a stopped query");
    assert.ok((await tableRows()).length > 0, "a stopped view keeps its last rows");
    await panelRow("query", query).and(page.locator('[data-status="stopped"]')).waitFor({ timeout: 15_000 });
    assert.ok(await panelRow("query", query).getByRole("button", { name: `Restart query ${query}` }).isVisible(),
      "a stopped live query can be restarted from the panel");
    const state = await api("GET", `/api/workbench/kernels/${await kernelId()}/streams`);
    assert.equal(state.json.queries.find((q) => q.name === query)?.status, "stopped", "the kernel agrees");
  });

  it("changes the producer's rate, pauses and stops it from the panel", STEP, async () => {
    const row = panelRow("producer", topic);
    await row.getByRole("spinbutton", { name: `New rate of the producer on ${topic}, events per second` }).fill("150");
    await row.getByRole("button", { name: `Set the rate of the producer on ${topic}` }).click();
    await row.locator('[data-fact="rate"]').filter({ hasText: "of 150/s" }).waitFor({ timeout: 15_000 });
    const state = await api("GET", `/api/workbench/kernels/${await kernelId()}/streams`);
    assert.equal(state.json.producers.find((p) => p.topic === topic)?.targetRate, 150, "the kernel has the new rate");
    await row.getByRole("button", { name: `Pause producer ${topic}` }).click();
    await panelRow("producer", topic).and(page.locator('[data-status="paused"]')).waitFor({ timeout: 15_000 });
    assert.ok(await row.getByRole("button", { name: `Resume producer ${topic}` }).isVisible());
    await row.getByRole("button", { name: `Stop producer ${topic}` }).click();
    await panelRow("producer", topic).and(page.locator('[data-status="stopped"]')).waitFor({ timeout: 15_000 });
    assert.equal(await row.locator(".stream-actions button:visible").count(), 0, "a stopped producer offers no actions");
    assert.equal(await row.locator(".stream-rate").isVisible(), false, "nor a rate");
  });

  it("shows a failed query with its error in its cell and in the panel", STEP, async () => {
    const doomed = `doomed_${suffix}`;
    const cell = await nb.run(`spark.readStream().format("rate").option("rowsPerSecond", 5).load()
        .writeStream().queryName("${doomed}")
        .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> {
            if (batch.count() > 0) throw new IllegalStateException("bad batch " + id);
        }).start();`);
    const view = cell.locator('.live-view[data-status="failed"]');
    await view.waitFor({ timeout: LIVE_TIMEOUT });
    assert.match(await view.locator(".live-error").innerText(), /bad batch/);
    assert.equal(await view.locator(".live-table").count(), 0, "a writeStream() query gets a status line, no table");
    const row = panelRow("query", doomed).and(page.locator('[data-status="failed"]'));
    await row.waitFor({ timeout: 15_000 });
    assert.match(await row.locator(".stream-error").innerText(), /bad batch/);
    assert.equal(await row.locator('.stream-error[role="alert"]').count(), 1);
    assert.equal(await panelRow("query", query).count(), 1, "the stopped query is still listed next to the failed one");
    assert.match(await panel().locator(".streams-summary").innerText(), /2 queries \(1 failed\)/);
    assert.deepEqual(browser.problems, []);
  });

  it("shows a long Spark job's progress in its cell while it runs, then a summary", STEP, async () => {
    const cell = await nb.run("spark.range(0, 8, 1, 8).foreach((ForeachFunction<Long>) x -> Thread.sleep(900));");
    const bar = cell.locator(".html-output progress");
    await bar.waitFor({ timeout: 60_000 });
    assert.equal(await bar.getAttribute("max"), "8", "eight tasks");
    assert.match(await cell.locator(".output-area").innerText(), /Spark: 1 of 1 job running · stages 0\/1 · tasks \d\/8/);
    await cell.locator(".output-area").filter({ hasText: /Spark: 1 job, 1 stage, 8 tasks in \d/ }).waitFor({ timeout: 60_000 });
    assert.equal(await cell.locator(".html-output progress").count(), 0, "the bar became a summary line");
    assert.equal(await cell.locator(".output-area .output").count(), 1, "updated in place: one output, not one per update");
    assert.deepEqual(browser.problems, []);
  });

  async function kernelId() {
    const { json } = await api("GET", "/api/sessions");
    return json.find((s) => s.path === path).kernel.id;
  }
});
