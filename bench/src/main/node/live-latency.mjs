// P5: event produced → visible in the browser's live table. A real Chromium opens a notebook on a running
// workbench server; one cell starts the built-in producer at a steady rate (event time = the wall clock when the
// event is made, just before it is sent), another displays the raw stream (event_id and that time in ms). A
// MutationObserver in the page notes when each event id first appears in the table; latency = that moment minus
// the event's time. Same machine, same clock. Prints one JSON line. Never fails on a figure.
//
// Usage: WORKBENCH_URL=… WORKBENCH_TOKEN=… node live-latency.mjs [seconds] [rate]
import { BASE_URL, createNotebook, deleteNotebook, openBrowser } from "../../../../web/test-support/browser.mjs";
import { NotebookDriver } from "../../../../web/test-support/notebook-driver.mjs";

const seconds = Number(process.argv[2] || 60);
const rate = Number(process.argv[3] || 20);
const topic = `p5-${Date.now().toString(36)}`;
const path = `${topic}.ipynb`;
const cell = (id, source) => ({ id, cell_type: "code", source, metadata: {}, outputs: [], execution_count: null });

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const cells = [
    cell("view", `kafka.createTopic("${topic}", 1);
display(kafka.events("${topic}").select(col("event_id"), expr("unix_millis(timestamp)").as("made_ms")), "p5_view");`),
    cell("producer", `var p = events.start(ProducerSettings.defaults().topic("${topic}").partitions(1).rate(${rate}).seed(5));
p.stats().topic()`),
];

await createNotebook(path, cells);
const browser = await openBrowser();
const { page } = browser;
const nb = new NotebookDriver(page);
try {
  await page.goto(`${BASE_URL}/notebooks/${path}`);
  await nb.waitForKernel("idle");
  // Run the view first, so that the query is waiting when the first event is made.
  await nb.cell("view").locator(".cm-content").click();
  await page.keyboard.press("Shift+Enter");
  await nb.cell("view").locator(".live-view").waitFor({ timeout: 120_000 });
  await page.evaluate(() => {
    window.__seen = new Map();
    const table = () => document.querySelector('.cell[data-cell-id="view"] .live-view');
    const scan = () => {
      const now = Date.now();
      for (const tr of table()?.querySelectorAll(".live-table tbody tr") ?? []) {
        const [id, made] = [...tr.children].map((td) => td.textContent);
        if (id && !window.__seen.has(id)) window.__seen.set(id, [Number(made), now]);
      }
    };
    new MutationObserver(scan).observe(table(), { subtree: true, childList: true, characterData: true });
  });
  await page.keyboard.press("Shift+Enter");
  await nb.waitForOutput(nb.cell("producer"), topic, 60_000);
  // The first seconds include the query's first batch and Spark warming up: measure after them.
  await page.waitForTimeout(10_000);
  const from = Date.now();
  await page.waitForTimeout(seconds * 1000);
  // Events made in the window and seen by its end (plus 5 s for the last ones to arrive).
  await page.waitForTimeout(5_000);
  const to = from + seconds * 1000;
  const latencies = (await page.evaluate(() => [...window.__seen.values()]))
    .filter(([made]) => made >= from && made < to).map(([made, seen]) => seen - made).sort((a, b) => a - b);
  const trigger = 1000;
  console.log(JSON.stringify({
    benchmark: "P5 event produced → visible in the browser's live table", rate, seconds, samples: latencies.length,
    expected: Math.round(seconds * rate), trigger_ms: trigger, p50_ms: percentile(latencies, 50), p90_ms: percentile(latencies, 90),
    p99_ms: percentile(latencies, 99), max_ms: latencies[latencies.length - 1], goal_ms: trigger + 300,
  }));
} finally {
  await browser.close();
  await deleteNotebook(path);
}
