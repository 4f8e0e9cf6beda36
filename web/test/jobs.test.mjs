// Jobs against a real server, exporter, job JVM, Spark and Kafka: a notebook exported as a continuous job from its
// dialog (a refused cron expression shown in place first), the job on the Jobs page, its run's query progress and
// log tail, Stop, and the job with its run history after the server restarts; then Edit's refusal and Delete.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  BASE_URL, KERNEL_TIMEOUT, UI_TIMEOUT, api, createNotebook, deleteNotebook, openBrowser, restartServer, uniqueName,
} from "../test-support/browser.mjs";
import { NotebookDriver } from "../test-support/notebook-driver.mjs";

const STEP = { timeout: 360_000 };
// An export starts a JVM that compiles the notebook with JShell and javac; a run starts Spark: minutes when busy.
const EXPORT_TIMEOUT = 300_000;
const RUN_TIMEOUT = 300_000;

const code = (id, source, tags = []) => ({ id, cell_type: "code", source, metadata: { tags }, outputs: [],
  execution_count: null });

describe("jobs", { timeout: 2_400_000 }, () => {
  const path = uniqueName("browser-test-jobs");
  const suffix = Math.random().toString(36).slice(2, 8);
  const topic = `jobs-events-${suffix}`;
  const job = `browser-job-${suffix}`;
  let browser;
  let page;
  let nb;
  let created = false;

  /** The steps after the export need its job: without one they fail at once, not after their timeouts. */
  function needJob() {
    if (!created) throw new Error("there is no job: its export failed (see the step that exports it)");
  }

  before(async () => {
    await createNotebook(path, [
      { id: "title", cell_type: "markdown", source: "# Events per type", metadata: {} },
      code("params", `String topic = "${topic}";`, ["parameters"]),
      code("produce", "var producer = events.start(ProducerSettings.defaults().topic(topic).rate(40).seed(5));\n"
        + "producer.stats().topic()", ["exploration"]),
      code("counts", 'display(kafka.events(topic).groupBy("event_type").count(), "counts");'),
    ]);
    browser = await openBrowser();
    page = browser.page;
    nb = new NotebookDriver(page);
  });

  after(async () => {
    await browser?.close();
    if ((await api("GET", `/api/workbench/jobs/${job}`)).status === 200) await api("DELETE", `/api/workbench/jobs/${job}`);
    await deleteNotebook(path);
  });

  const dialog = () => page.locator("dialog[open]");
  const jobRow = () => page.locator(`.job-row[data-name="${job}"]`);
  const actions = () => page.getByRole("toolbar", { name: "Job actions" });
  const runRows = () => page.locator(".runs-table .run-row");
  const logText = () => page.locator(".run-detail .log-text");
  const queryRow = () => page.locator('.run-detail .query-row[data-query="counts"]');

  /** Shuts the notebook's kernel down, and the producer it runs with it. */
  async function stopNotebookKernel() {
    const { json: list } = await api("GET", "/api/sessions");
    for (const s of list || []) {
      if (s.path === path) await api("DELETE", `/api/sessions/${s.id}`);
    }
  }

  async function openExportDialog() {
    await page.getByRole("button", { name: "Export as job" }).click();
    await dialog().waitFor({ timeout: UI_TIMEOUT });
    return dialog();
  }

  it("offers the notebook's parameters and shows a refused cron expression in the dialog, keeping the input", STEP,
    async () => {
      await page.goto(`${BASE_URL}/notebooks/${path}`);
      await nb.cell("counts").waitFor({ timeout: UI_TIMEOUT });
      const d = await openExportDialog();
      assert.equal(await d.locator(".job-name-input").inputValue(), path.replace(/\.ipynb$/, ""),
        "the job is named after the notebook");
      const param = d.locator('.param-row[data-param="topic"]');
      assert.equal(await param.locator(".param-name").inputValue(), "topic");
      assert.equal(await param.locator(".param-value").getAttribute("placeholder"), `default: ${topic}`);
      assert.equal(await d.locator(".job-cron").isVisible(), false, "no cron expression for a continuous job");

      await d.locator(".job-name-input").fill(job);
      await d.locator(".job-mode").selectOption("scheduled");
      await d.locator(".job-cron").fill("61 * * * *");
      await d.locator(".job-zone").fill("Europe/Paris");
      await d.getByRole("button", { name: "Create job" }).click();
      const error = d.locator(".dialog-error");
      await error.waitFor({ timeout: 60_000 });
      assert.match(await error.innerText(), /'61 \* \* \* \*' is not a valid cron expression/);
      assert.equal(await d.getByRole("alert").count(), 1, "the message is announced");
      assert.equal(await d.locator(".job-name-input").inputValue(), job, "the name is kept");
      assert.equal(await d.locator(".job-mode").inputValue(), "scheduled");
      assert.equal(await d.locator(".job-cron").inputValue(), "61 * * * *");
      assert.equal(await d.locator(".job-zone").inputValue(), "Europe/Paris");
      assert.equal((await api("GET", `/api/workbench/jobs/${job}`)).status, 404, "no job was made");
      await d.getByRole("button", { name: "Cancel" }).click();
      await dialog().waitFor({ state: "detached", timeout: UI_TIMEOUT });
    });

  it("runs the notebook's producer, so that the job has data", STEP, async () => {
    await nb.waitForKernel("idle");
    await nb.cell("params").locator(".cell-run").click();
    await nb.waitForCount(nb.cell("params"));
    await nb.cell("produce").locator(".cell-run").click();
    assert.match(await nb.waitForOutput(nb.cell("produce"), topic, KERNEL_TIMEOUT), new RegExp(topic));
  });

  it("exports the notebook as a continuous job and links to it", { timeout: EXPORT_TIMEOUT + 60_000 }, async () => {
    const d = await openExportDialog();
    await d.locator(".job-name-input").fill(job);
    assert.equal(await d.locator(".job-mode").inputValue(), "continuous");
    await d.getByRole("button", { name: "Create job" }).click();
    const createdDialog = page.locator(`dialog[open][aria-label="Job ${job} created"]`);
    await createdDialog.or(d.locator(".dialog-error:not([hidden])")).waitFor({ timeout: EXPORT_TIMEOUT });
    if (await d.locator(".dialog-error").isVisible()) {
      throw new Error(`the export was refused: ${await d.locator(".dialog-error").innerText()}`);
    }
    created = true;
    await createdDialog.getByRole("link", { name: `Open the job ${job}` }).click();
    await page.waitForURL(`${BASE_URL}/jobs/${job}`, { timeout: UI_TIMEOUT });
    await page.locator(".job-page[data-updated]").waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await page.locator(".job-title").innerText(), job);
  });

  it("lists the job on the Jobs page, reached from the header", STEP, async () => {
    needJob();
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Jobs" }).click();
    await page.waitForURL(`${BASE_URL}/jobs`, { timeout: UI_TIMEOUT });
    await jobRow().waitFor({ timeout: UI_TIMEOUT });
    const cells = await jobRow().locator("td").allInnerTexts();
    assert.equal(cells[0], job);
    assert.match(cells[1], new RegExp(path.replace(/\./g, "\\.")));
    assert.doesNotMatch(cells[1], /changed since export/);
    assert.equal(cells[2], "continuous");
    assert.match(cells[6], /^(–|restart .+)$/, "a continuous job's next run is a pending restart or none");
    assert.ok(["running", "restarting"].includes(await jobRow().getAttribute("data-state")), await jobRow().innerText());
    assert.ok(await jobRow().locator(".last-run .job-state").count() === 1, "the last run's status is shown");
    // The list keeps asking: its timestamp moves on.
    const first = await page.locator(".jobs-page").getAttribute("data-updated");
    await page.waitForFunction((t) => document.querySelector(".jobs-page")?.dataset.updated !== t, first,
      { timeout: UI_TIMEOUT });
    await jobRow().getByRole("link", { name: job }).click();
    await page.waitForURL(`${BASE_URL}/jobs/${job}`, { timeout: UI_TIMEOUT });
  });

  it("shows the running run with its query's progress and its log as lines arrive", { timeout: RUN_TIMEOUT + 60_000 },
    async () => {
      needJob();
      await page.locator('.job-page-state [data-state="running"]').waitFor({ timeout: RUN_TIMEOUT });
      const run = runRows().first();
      await run.and(page.locator('[data-status="running"]')).waitFor({ timeout: UI_TIMEOUT });
      assert.equal(await run.getAttribute("data-trigger"), "manual");
      // A running continuous job has no next run (only a job waiting to be restarted shows when).
      assert.equal(await page.locator('.job-fact[data-fact="next"]').count(), 0, "no next run for a running continuous job");
      assert.equal(await run.locator("td").nth(2).innerText(), "1", "the first attempt");
      assert.equal(await page.locator(".run-detail").getAttribute("data-run-id"), await run.getAttribute("data-run-id"),
        "the running run is the one shown");
      assert.ok(await actions().getByRole("button", { name: "Stop" }).isVisible());
      assert.equal(await actions().getByRole("button", { name: "Run now" }).isVisible(), false);

      // The log tail shows the job's lines as they are written: Spark starts first, the query's line comes later.
      await logText().filter({ hasText: /Started query counts/ }).waitFor({ timeout: RUN_TIMEOUT });
      const started = await logText().innerText();
      // The query reports progress: batches go on while the notebook's producer keeps producing.
      await page.waitForFunction(() => Number(document.querySelector('.query-row[data-query="counts"]')?.dataset.batch) >= 1,
        null, { timeout: RUN_TIMEOUT, polling: 250 });
      const cells = await queryRow().locator("td").allInnerTexts();
      assert.equal(cells[0], "counts");
      assert.match(cells[2], /^\d[\d,.\s]*$/, `batch: ${cells}`);
      assert.match(cells[3], /^\d[\d,.\s]*$/, `input rows: ${cells}`);
      assert.ok((await logText().innerText()).startsWith(started.slice(0, 200)), "the log is appended to, not replaced");
    });

  it("stops the job, and the log gets the run's last lines", STEP, async () => {
    needJob();
    // Without new events the query is between batches, so the run can stop gracefully on a busy machine too.
    await stopNotebookKernel();
    await actions().getByRole("button", { name: "Stop" }).click();
    await page.locator(".job-action-status").filter({ hasText: /Stopped\.|Still stopping/ }).waitFor({ timeout: 120_000 });
    await page.locator('.job-page-state [data-state="stopped"]').waitFor({ timeout: 120_000 });
    const run = runRows().first();
    await run.and(page.locator('[data-status="stopped"]')).waitFor({ timeout: UI_TIMEOUT });
    const runId = await run.getAttribute("data-run-id");
    const { json: stopped } = await api("GET", `/api/workbench/jobs/${job}/runs/${runId}`);
    assert.equal(await run.locator(".run-exit").innerText(), String(stopped.exitCode), "the exit code shown is the run's");
    if (stopped.exitCode === 0) {
      await logText().filter({ hasText: /Stopped query counts/ }).waitFor({ timeout: 30_000 });
      assert.match(await logText().innerText(), /Started query counts[\s\S]*Stopped query counts/);
    } else {
      // Killed after the server's stop timeout (a batch that would not end): the row says so.
      assert.match(await run.locator(".run-error-cell").innerText(), /did not stop within the stop timeout/);
    }
    // The tail read the log to its end once the run had ended.
    await page.waitForFunction(async ([name, id]) => {
      const end = document.querySelector(".run-detail .log-text")?.dataset.end;
      const res = await fetch(`/api/workbench/jobs/${name}/runs/${id}/log?offset=${end}`);
      const chunk = await res.json();
      return end !== undefined && chunk.text === "" && !chunk.running;
    }, [job, runId], { timeout: 30_000, polling: 1000 });
    assert.ok(await actions().getByRole("button", { name: "Run now" }).isVisible());
    assert.equal(await actions().getByRole("button", { name: "Stop" }).isVisible(), false);
  });

  it("still shows the job and its run history after the server restarts", STEP, async (t) => {
    needJob();
    const runId = await runRows().first().getAttribute("data-run-id");
    const log = await logText().innerText();
    assert.ok(log.includes("Started query counts"), "the stopped run's log is shown");
    if (!await restartServer()) {
      t.skip("no restart hook (WORKBENCH_RESTART_URL): run through BrowserIT");
      return;
    }
    await page.goto(`${BASE_URL}/jobs`);
    await jobRow().and(page.locator('[data-state="stopped"]')).waitFor({ timeout: UI_TIMEOUT });
    await jobRow().getByRole("link", { name: job }).click();
    const run = page.locator(`.run-row[data-run-id="${runId}"]`);
    await run.and(page.locator('[data-status="stopped"]')).waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await runRows().count(), 1, "one run, and no new one: a stopped job stays stopped");
    await queryRow().waitFor({ timeout: UI_TIMEOUT });
    assert.ok(Number(await queryRow().getAttribute("data-batch")) >= 1, "the query's last progress is kept");
    await page.locator(`.run-detail[data-run-id="${runId}"] .log-text[data-end]`).waitFor({ timeout: UI_TIMEOUT });
    const after = await logText().innerText();
    // A page opened now reads the log's last 64 KiB: what it shows is the end of what was shown before.
    assert.ok(after.length > 0 && log.endsWith(after), "the same log as before the restart");
  });

  it("marks a notebook that changed since the export", STEP, async () => {
    needJob();
    const { json: model } = await api("GET", `/api/contents/${path}`);
    model.content.cells.find((c) => c.id === "counts").source += "\n// per type";
    await api("PUT", `/api/contents/${path}`, { type: "notebook", format: "json", content: model.content });
    await page.goto(`${BASE_URL}/jobs`);
    await jobRow().locator(".notebook-changed").waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await jobRow().locator(".notebook-changed").innerText(), "changed since export");
  });

  it("shows Edit's refusal in its dialog, then deletes the job", STEP, async () => {
    needJob();
    await jobRow().getByRole("link", { name: job }).click();
    await page.locator(".job-page[data-updated]").waitFor({ timeout: UI_TIMEOUT });
    assert.ok(await actions().getByRole("button", { name: "Re-export from the notebook" }).evaluate(
      (b) => b.classList.contains("btn-primary")), "re-export is offered first when the notebook changed");
    await actions().getByRole("button", { name: "Edit" }).click();
    const d = dialog();
    await d.locator(".job-mode").selectOption("scheduled");
    await d.locator(".job-cron").fill("61 * * * *");
    await d.getByRole("button", { name: "Save" }).click();
    await d.locator(".dialog-error").filter({ hasText: /is not a valid cron expression/ }).waitFor({ timeout: 60_000 });
    assert.equal(await d.locator(".job-cron").inputValue(), "61 * * * *");
    await d.getByRole("button", { name: "Cancel" }).click();
    await dialog().waitFor({ state: "detached", timeout: UI_TIMEOUT });

    await actions().getByRole("button", { name: "Delete" }).click();
    await dialog().getByRole("button", { name: "Delete" }).click();
    await page.waitForURL(`${BASE_URL}/jobs`, { timeout: 60_000 });
    await page.locator(".jobs-page[data-updated]").waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await jobRow().count(), 0);
    assert.equal((await api("GET", `/api/workbench/jobs/${job}`)).status, 404);
    assert.deepEqual(browser.problems, []);
  });
});
