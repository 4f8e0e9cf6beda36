// The Pipeline page against a real server, kernel JVM, Spark and Kafka: a producer and a windowed query started
// from a notebook appear with live charts whose figures agree with what was asked for (the producer's rate) and with
// the server's data; a stopped query turns "stopped" and keeps its history; without Prometheus the alerts section
// says how to get one.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { BASE_URL, KERNEL_TIMEOUT, UI_TIMEOUT, api, createNotebook, deleteNotebook, openBrowser, uniqueName } from "../test-support/browser.mjs";
import { NotebookDriver } from "../test-support/notebook-driver.mjs";

const STEP = { timeout: 240_000 };
const RATE = 200;

describe("pipeline page", { timeout: 900_000 }, () => {
  const path = uniqueName("browser-test-pipeline");
  const suffix = Math.random().toString(36).slice(2, 8);
  const topic = `pipeline-events-${suffix}`;
  const query = `per_type_${suffix}`;
  let browser;
  let page;
  let nb;

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

  const source = () => page.locator(`.pipeline-source[data-kind="kernel"][data-name="${path}"]`);
  const queryCard = () => source().locator(`.pipeline-query[data-name="${query}"]`);
  const producerCard = () => source().locator(".pipeline-producer");
  const chart = (card, metric) => card.locator(`.pipeline-chart[data-metric="${metric}"]`);

  async function kernelId() {
    const { json } = await api("GET", "/api/sessions");
    return json.find((s) => s.path === path).kernel.id;
  }

  /** The server's data for this notebook's source, as the page gets it. */
  async function serverSource() {
    const { json } = await api("GET", "/api/workbench/pipeline");
    return json.sources.find((s) => s.kind === "kernel" && s.name === path);
  }

  it("starts a producer and a windowed query in a notebook", STEP, async () => {
    await page.goto(`${BASE_URL}/notebooks/${path}`);
    await nb.waitForKernel("idle");
    const producer = await nb.run(`var p = events.start(ProducerSettings.defaults().topic("${topic}").rate(${RATE}).seed(5));\n`
      + "p.stats().topic()");
    assert.match(await nb.waitForOutput(producer, topic), new RegExp(topic));
    const live = await nb.run(`display(kafka.events("${topic}")
        .withWatermark("timestamp", "2 minutes")
        .groupBy(window(col("timestamp"), "1 minute"), col("event_type"))
        .count(), "${query}")`);
    await live.locator(".live-view").waitFor({ timeout: KERNEL_TIMEOUT });
  });

  it("charts the query and the producer over time, with the figures the server sampled", STEP, async () => {
    await page.goto(`${BASE_URL}/pipeline`);
    assert.equal(await page.locator('.app-nav-link[data-section="pipeline"]').getAttribute("aria-current"), "page");
    await queryCard().and(page.locator('[data-up="true"]')).waitFor({ timeout: 120_000 });
    // A few scrapes (5 s apart) with batches in them, so the charts are lines, not a dot: three points with rows.
    const deadline = Date.now() + 150_000;
    let server;
    for (;;) {
      server = await serverSource();
      const q = server?.queries.find((x) => x.name === query);
      const p = server?.producers.find((x) => x.topic === topic);
      const withRows = (q?.series.inputRowsPerSecond || []).filter((v) => v > 0).length;
      if (withRows >= 3 && (p?.series.acknowledgedPerSecond || []).filter((v) => v !== null).length >= 4) break;
      assert.ok(Date.now() < deadline, `no three scrapes with rows: ${JSON.stringify(server)}`);
      await new Promise((r) => setTimeout(r, 2000));
    }
    const points = server.queries.find((x) => x.name === query).series.t.length;
    await page.waitForFunction((n) => {
      const el = document.querySelector('.pipeline-query .pipeline-chart[data-metric="rows"]');
      return el && Number(el.dataset.points) >= n;
    }, points, { timeout: 30_000 });
    for (const metric of ["rows", "batch-duration", "source-lag", "watermark-lag"]) {
      const c = chart(queryCard(), metric);
      assert.equal(await c.locator("canvas").count(), 1, `${metric} is drawn`);
      assert.ok((await c.locator("canvas").boundingBox()).width > 100, `${metric} has a size`);
    }
    // The event-time lag is a real duration: the watermark trails now by at least the 2-minute delay, not by hours.
    const lag = Number(await chart(queryCard(), "watermark-lag").getAttribute("data-last"));
    assert.ok(lag >= 100 && lag < 3600, `event-time lag ${lag} s`);

    // The producer's acknowledged rate is what was asked for (measured over 5 s scrapes), the target line is RATE.
    const producer = server.producers.find((p) => p.topic === topic);
    assert.ok(producer?.up, JSON.stringify(server.producers));
    const acked = producer.series.acknowledgedPerSecond.filter((v) => v !== null).slice(-4);
    const mean = acked.reduce((a, b) => a + b, 0) / acked.length;
    assert.ok(Math.abs(mean - RATE) <= RATE * 0.25, `acknowledged ${acked} per second, asked for ${RATE}`);
    assert.deepEqual(producer.series.targetRecordsPerSecond.filter((v) => v !== null).slice(-1), [RATE]);
    assert.match(await chart(producerCard(), "producer-rate").locator(".pipeline-chart-value").innerText(),
      new RegExp(`target ${RATE}`));
    // The query reads what the producer writes: over the same minutes its input rate is of the same size.
    const q = server.queries.find((x) => x.name === query);
    const input = q.series.inputRowsPerSecond.filter((v) => v !== null && v > 0);
    assert.ok(input.length >= 2, JSON.stringify(q.series));
    const inputMean = input.slice(-4).reduce((a, b) => a + b, 0) / Math.min(4, input.length);
    assert.ok(inputMean > RATE * 0.3 && inputMean < RATE * 3, `input ${inputMean} rows/s for a ${RATE}/s producer`);
    assert.equal(await source().locator("h2 a").getAttribute("href"), `/notebooks/${path}`);
    // For a look by eye while working on the page: WORKBENCH_SCREENSHOT_DIR=/some/dir keeps a picture of it.
    if (process.env.WORKBENCH_SCREENSHOT_DIR) {
      await page.screenshot({ path: `${process.env.WORKBENCH_SCREENSHOT_DIR}/pipeline.png`, fullPage: true });
    }
  });

  it("says where alerts come from when no Prometheus runs", STEP, async () => {
    const alerts = page.locator('.pipeline-alerts[data-state="unavailable"]');
    await alerts.waitFor({ timeout: UI_TIMEOUT });
    assert.match(await alerts.innerText(), /--monitoring/);
  });

  it("shows a stopped query as stopped, with its history kept", STEP, async () => {
    const kernel = await kernelId();
    const { json: state } = await api("GET", `/api/workbench/kernels/${kernel}/streams`);
    const id = state.queries.find((x) => x.name === query).id;
    const stopped = await api("POST", `/api/workbench/kernels/${kernel}/streams/query/${encodeURIComponent(id)}/stop`);
    assert.ok(stopped.status < 300, JSON.stringify(stopped));
    await queryCard().and(page.locator('[data-up="false"]')).waitFor({ timeout: 30_000 });
    assert.equal((await queryCard().locator("h3 .badge").innerText()).trim(), "stopped");
    assert.ok(Number(await chart(queryCard(), "rows").getAttribute("data-points")) >= 4, "its points stay");
    assert.deepEqual(browser.problems, []);
  });
});
