// Runs asked for before the kernel is ready (a freshly opened notebook whose kernel still starts) wait and then run
// in order; a kernel that dies or cannot start, or an interrupt, releases them with a message on each cell. The
// page's request for its session is held back (page.route) so that the kernel is not ready while the test acts.
import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import { BASE_URL, KERNEL_TIMEOUT, UI_TIMEOUT, api, createNotebook, deleteNotebook, openBrowser, uniqueName }
  from "../test-support/browser.mjs";
import { NotebookDriver } from "../test-support/notebook-driver.mjs";

const STEP = { timeout: 240_000 };
const SESSIONS = "**/api/sessions";

function code(id, source) {
  return { id, cell_type: "code", source, metadata: {}, outputs: [], execution_count: null };
}

function markdown(id, source) {
  return { id, cell_type: "markdown", source, metadata: {} };
}

/** Holds the page's POST /api/sessions until release() is called; `requested` resolves once the page sent it. */
async function holdSessionRequest(page) {
  let requested;
  let release;
  const hold = { requested: new Promise((r) => { requested = r; }) };
  const released = new Promise((r) => { release = r; });
  hold.release = (handle = (route) => route.continue()) => release(handle);
  await page.route(SESSIONS, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    requested();
    return (await released)(route);
  });
  return hold;
}

/** The execute requests the page sends on its kernel sockets: their cell ids and notebook paths, in order. */
function recordExecuteRequests(page) {
  const sent = [];
  page.on("websocket", (ws) => ws.on("framesent", ({ payload }) => {
    const msg = JSON.parse(String(payload));
    if (msg.header?.msg_type === "execute_request") sent.push({ cellId: msg.metadata?.cellId, notebookPath: msg.metadata?.notebookPath });
  }));
  return sent;
}

async function cellStates(page) {
  return page.locator(".cells > .cell.code-cell").evaluateAll((cells) => cells.map((c) => {
    const status = c.querySelector(".run-status");
    return {
      id: c.dataset.cellId,
      prompt: c.querySelector(".prompt").textContent,
      waiting: c.classList.contains("run-waiting"),
      status: !status || status.hidden ? "" : status.textContent,
    };
  }));
}

describe("runs asked for before the kernel is ready", { timeout: 900_000 }, () => {
  let browser;
  let page;
  let nb;
  let sent;
  const paths = [];

  before(async () => {
    browser = await openBrowser();
    page = browser.page;
    nb = new NotebookDriver(page);
    sent = recordExecuteRequests(page);
  });

  afterEach(async () => {
    await page.unroute(SESSIONS);
  });

  after(async () => {
    await browser?.close();
    for (const path of paths) await deleteNotebook(path);
  });

  async function open(prefix, cells) {
    const path = uniqueName(prefix);
    paths.push(path);
    await createNotebook(path, cells);
    sent.length = 0;
    const hold = await holdSessionRequest(page);
    await page.goto(`${BASE_URL}/notebooks/${path}`);
    await nb.cells().first().waitFor({ timeout: UI_TIMEOUT });
    await hold.requested;
    assert.equal(await nb.kernelState(), "starting");
    return { path, hold };
  }

  async function assertNoRefusal() {
    const notices = await page.locator('.banner[data-banner="notice"]').allInnerTexts();
    assert.ok(notices.every((t) => !/not connected|Cannot run/i.test(t)), `notices: ${notices}`);
  }

  it("Run all while the kernel starts: the cells wait, then run in order with their outputs", STEP, async () => {
    const { path, hold } = await open("browser-test-waiting", [
      markdown("intro", "# Data quality"),
      code("w1", 'var order = new java.util.ArrayList<String>();\norder.add("first");\nSystem.out.println("first");'),
      code("w2", 'Thread.sleep(300);\norder.add("second");\nString.join(",", order)'),
      code("w3", 'order.add("third");\nString.join(",", order)'),
    ]);
    await page.locator('.toolbar [data-action="run-all"]').click();

    await assertNoRefusal();
    const waiting = await cellStates(page);
    assert.deepEqual(waiting.map((c) => [c.prompt, c.waiting, c.status]),
      Array(3).fill(["[*]:", true, "Waiting for the kernel to start…"]));

    hold.release();
    await nb.waitForKernel("idle");
    const outputs = [];
    const counts = [];
    for (const [id, text] of [["w1", "first"], ["w2", "first,second"], ["w3", "first,second,third"]]) {
      outputs.push((await nb.waitForOutput(nb.cell(id), text)).trim());
      counts.push(await nb.waitForCount(nb.cell(id)));
    }
    assert.deepEqual(outputs, ["first", "\"first,second\"", "\"first,second,third\""]);
    assert.ok(counts[0] < counts[1] && counts[1] < counts[2], `execution counts in order: ${counts}`);
    assert.deepEqual(sent, ["w1", "w2", "w3"].map((cellId) => ({ cellId, notebookPath: path })));
    assert.deepEqual((await cellStates(page)).map((c) => c.status), ["", "", ""]);
    await assertNoRefusal();
  });

  it("a kernel that dies while cells wait releases each with a message; after a restart they run", STEP, async () => {
    const { hold } = await open("browser-test-waiting-dies", [code("d1", "6 * 7"), code("d2", '"after restart"')]);
    await page.locator('.toolbar [data-action="run-all"]').click();
    assert.deepEqual((await cellStates(page)).map((c) => c.waiting), [true, true]);

    // The server starts the kernel; it is killed before the page learns of its session.
    hold.release(async (route) => {
      const response = await route.fetch();
      const session = await response.json();
      process.kill(session.kernel.pid, "SIGKILL");
      await waitFor(async () => (await api("GET", `/api/kernels/${session.kernel.id}`)).json?.execution_state === "dead");
      await route.fulfill({ response });
    });
    const banner = page.locator('.banner[data-banner="kernel"]');
    await banner.waitFor({ timeout: KERNEL_TIMEOUT });
    await nb.waitForKernel("dead", UI_TIMEOUT);
    const released = await cellStates(page);
    assert.deepEqual(released.map((c) => c.prompt), ["[ ]:", "[ ]:"]);
    for (const c of released) assert.match(c.status, /^Not run: the kernel died .*Restart the kernel/);
    assert.deepEqual(sent, []);
    await assertNoRefusal();

    await banner.getByRole("button", { name: "Restart" }).click();
    await nb.waitForKernel("idle");
    await page.locator('.toolbar [data-action="run-all"]').click();
    assert.equal((await nb.waitForOutput(nb.cell("d1"), "42")).trim(), "42");
    assert.equal((await nb.waitForOutput(nb.cell("d2"), "after restart")).trim(), '"after restart"');
    assert.deepEqual((await cellStates(page)).map((c) => c.status), ["", ""]);
  });

  it("a kernel that cannot be started releases the waiting cells with a message; Restart starts one", STEP, async () => {
    const { hold } = await open("browser-test-waiting-fails", [code("f1", "1 + 2")]);
    await page.locator('.toolbar [data-action="run-all"]').click();
    assert.equal((await cellStates(page))[0].waiting, true);

    // What the server answers when launching the kernel fails.
    hold.release((route) => route.fulfill({ status: 500, contentType: "application/json",
      body: JSON.stringify({ message: "Internal error; the server log has the details.", reason: "Internal Server Error" }) }));
    await nb.waitForKernel("dead", UI_TIMEOUT);
    const [cell] = await cellStates(page);
    assert.equal(cell.prompt, "[ ]:");
    assert.equal(cell.status, "Not run: the kernel could not be started. Restart the kernel, then run this cell again.");
    await assertNoRefusal();

    await page.unroute(SESSIONS);
    await page.locator('.banner[data-banner="kernel"]').getByRole("button", { name: "Restart" }).click();
    await nb.waitForKernel("idle");
    await nb.cell("f1").locator(".cell-run").click();
    assert.equal((await nb.waitForOutput(nb.cell("f1"), "3")).trim(), "3");
  });

  it("an interrupt while cells wait drops them and says so on each", STEP, async () => {
    const { hold } = await open("browser-test-waiting-interrupt", [code("i1", "1"), code("i2", "2"), code("i3", "3")]);
    // Shift+Enter twice: the first two cells wait.
    await nb.cell("i1").click();
    await page.keyboard.press("Shift+Enter");
    await page.keyboard.press("Shift+Enter");
    assert.deepEqual((await cellStates(page)).map((c) => c.waiting), [true, true, false]);

    await page.locator('.toolbar [data-action="interrupt"]').click();
    const dropped = await cellStates(page);
    assert.deepEqual(dropped.map((c) => [c.prompt, c.status]), [
      ["[ ]:", "Not run: interrupted while it waited for the kernel."],
      ["[ ]:", "Not run: interrupted while it waited for the kernel."],
      ["[ ]:", ""],
    ]);

    hold.release();
    await nb.waitForKernel("idle");
    // Whatever was dropped stays dropped once the kernel is there.
    await page.waitForTimeout(1000);
    assert.deepEqual(sent, []);
    assert.deepEqual((await cellStates(page)).map((c) => c.prompt), ["[ ]:", "[ ]:", "[ ]:"]);
  });

  it("reported no script errors", () => {
    assert.deepEqual(browser.problems, []);
  });
});

async function waitFor(condition, timeout = UI_TIMEOUT) {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}
