// The Kafka panel of the notebook page against a real server, kernel and broker: a cell produces events, the panel
// lists the topic with its records, tails it with decoded events, shows poison records as hex with the reason,
// refreshes by itself, and shows a failed request as a banner.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { BASE_URL, UI_TIMEOUT, deleteNotebook, openBrowser, uniqueName, createNotebook } from "../test-support/browser.mjs";
import { NotebookDriver } from "../test-support/notebook-driver.mjs";

const STEP = { timeout: 180_000 };
const EVENT_TYPES = ["user_login", "page_view", "item_click", "search", "cart_add", "purchase"];

describe("Kafka panel", { timeout: 900_000 }, () => {
  const path = uniqueName("browser-test-kafka");
  const topic = `browser-kafka-${Date.now().toString(36)}`;
  let browser;
  let page;
  let nb;

  const panel = () => page.locator(".kafka-panel");
  const topicRow = () => panel().locator(`.kafka-topic[data-topic="${topic}"]`);
  const count = async (locator) => Number((await locator.innerText()).replace(/[^0-9]/g, ""));

  /** Runs a cell that produces `events` events (poison ones when `poison`) into the topic and prints how many were acked. */
  async function produce(events, { poison = false, seed = 11 } = {}) {
    const faults = poison ? ".faults(Faults.NONE.withPoison(1.0))" : "";
    const cell = await nb.run(`var p = events.start(ProducerSettings.defaults().topic("${topic}").partitions(2).rate(0)`
      + `.maxEvents(${events}).v2Share(0.5).seed(${seed})${faults});\np.awaitDone(java.time.Duration.ofSeconds(60));\n`
      + "p.flush();\nSystem.out.println(\"acked \" + p.stats().acked());");
    assert.match(await nb.waitForOutput(cell, "acked"), new RegExp(`acked ${events}`));
  }

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

  it("produces events from a notebook cell", STEP, async () => {
    await page.goto(`${BASE_URL}/notebooks/${path}`);
    await nb.waitForKernel("idle");
    await produce(300);
  });

  it("opens the panel from the toolbar and lists the topic with its records", STEP, async () => {
    const toggle = page.locator('.toolbar [data-action="kafka"]');
    await toggle.click();
    await topicRow().waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await toggle.getAttribute("aria-pressed"), "true");
    assert.equal(await count(topicRow().locator("td").nth(1)), 2, "partitions");
    assert.equal(await count(topicRow().locator(".kafka-records")), 300);
    assert.match(await topicRow().locator(".kafka-replication").innerText(), /^1$/, "one replica on the test broker");
    assert.equal(await topicRow().locator(".kafka-under-replicated").count(), 0);
    assert.match(await panel().locator(".kafka-bootstrap").innerText(), /Topics at 127\.0\.0\.1:\d+/);
    assert.equal(await nb.cells().count() > 0, true, "the cells stay beside the panel");
  });

  it("tails the topic with decoded events, newest first", STEP, async () => {
    await topicRow().locator(".kafka-topic-name").click();
    const rows = panel().locator(".kafka-record");
    await rows.first().waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await panel().locator(".kafka-tail-title").innerText(), topic);
    assert.equal(await rows.count(), 50, "the default limit");
    assert.equal(await panel().locator('.kafka-record[data-decoded="false"]').count(), 0);
    const types = await panel().locator('.kafka-field[data-field="event_type"] dd').allInnerTexts();
    assert.equal(types.length, 50);
    for (const t of types) assert.ok(EVENT_TYPES.includes(t), `${t} is an event type`);
    const users = await panel().locator('.kafka-field[data-field="user_id"] dd').allInnerTexts();
    const keys = await panel().locator(".kafka-record .kafka-key").allInnerTexts();
    assert.deepEqual(keys, users, "events are keyed by user");
    await panel().locator("select.kafka-partition").selectOption("1");
    await page.waitForFunction(() => [...document.querySelectorAll(".kafka-record")].every((r) => r.dataset.partition === "1"),
      null, { timeout: UI_TIMEOUT });
  });

  it("shows undecodable records as hex with the reason, in a warning style", STEP, async () => {
    await panel().locator("select.kafka-partition").selectOption("");
    await produce(8, { poison: true, seed: 12 });
    await panel().locator('[data-action="kafka-refresh"]').click();
    const bad = panel().locator('.kafka-record[data-decoded="false"]');
    await bad.first().waitFor({ timeout: UI_TIMEOUT });
    // The poison kinds rotate: not Avro, truncated Avro, then two that are valid Avro with odd values.
    assert.equal(await bad.count(), 4);
    const reasons = await bad.locator(".kafka-decode-error").allInnerTexts();
    assert.ok(reasons.some((r) => /not Avro/.test(r)), reasons.join("\n"));
    assert.ok(reasons.some((r) => /truncated/.test(r)), reasons.join("\n"));
    assert.match(await bad.first().locator(".kafka-hex").innerText(), /^([0-9a-f]{2} )+/);
    assert.notEqual(await bad.first().evaluate((r) => getComputedStyle(r).backgroundColor), "rgba(0, 0, 0, 0)");
    assert.match(await panel().locator(".kafka-warning").innerText(), /4 of 50 records could not be decoded/);
  });

  it("refreshes by itself when auto-refresh is on", STEP, async () => {
    await panel().locator('[data-action="kafka-back"]').click();
    await topicRow().waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await count(topicRow().locator(".kafka-records")), 308);
    await panel().locator("input.kafka-auto").check();
    await produce(20, { seed: 13 });
    await page.waitForFunction((name) => document.querySelector(`.kafka-topic[data-topic="${name}"] .kafka-records`)
      ?.textContent.replace(/\D/g, "") === "328", topic, { timeout: UI_TIMEOUT });
    await panel().locator("input.kafka-auto").uncheck();
  });

  it("shows a failed request as a banner above the last good list", STEP, async () => {
    await page.route("**/api/workbench/kafka/topics", (route) => route.fulfill({ status: 503, contentType: "application/json",
      body: JSON.stringify({ message: "The Kafka broker at 127.0.0.1:1 is unreachable. Start the embedded broker with"
        + " './workbench start'.", reason: "Service Unavailable" }) }));
    await panel().locator('[data-action="kafka-refresh"]').click();
    const banner = panel().locator(".kafka-error .banner-error");
    await banner.waitFor({ timeout: UI_TIMEOUT });
    assert.match(await banner.innerText(), /Kafka is unreachable\. The Kafka broker at 127\.0\.0\.1:1 is unreachable/);
    assert.ok(await topicRow().isVisible(), "the last list stays");
    await page.unroute("**/api/workbench/kafka/topics");
    await banner.getByRole("button", { name: "Retry" }).click();
    await banner.waitFor({ state: "detached", timeout: UI_TIMEOUT });
    await page.locator('.toolbar [data-action="kafka"]').click();
    assert.equal(await panel().isHidden(), true);
    assert.deepEqual(browser.problems, []);
  });
});
