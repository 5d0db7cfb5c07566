// The iframe mode (issue 14): www/examples/frame-host.html embeds
// www/dist/export-assessor-frame.html in <iframe sandbox="allow-scripts">
// (an opaque origin: no storage, nothing fetched). The frame says "ready"
// with storage:false and its versions, reports outcome changes (the outcome
// only), answers "report", "assess" (as the CLI) and "lists" (a posted list
// screens a name), refuses a host outside its allowlist visibly and
// silently, and makes no request but its own file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launch, serve, recordPrivacy, privacyProblems, questionOrder, screenshot, scenarioAnswers, ROOT } from "./harness.mjs";

const CLI = join(ROOT, "target/release/export-assessor");
const FRAME_PATH = "/dist/export-assessor-frame.html";
const SCENARIO = "001-proceed-cs-item-no-red-flags.json";
let browser, server, origin;
before(async () => {
  ({ server, origin } = await serve());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

/** Answers in the frame through its DOM (a Frame, not a Page: no element handles across frames). */
async function answerIn(frame, answers) {
  for (const q of questionOrder()) {
    if (!(q.id in answers)) continue;
    const nav = frame.getByTestId(`nav-${q.section}`);
    if (await nav.count()) await nav.evaluate((el) => el.click());
    const box = frame.getByTestId(`q-${q.id}`);
    try {
      await box.waitFor({ state: "visible", timeout: 1500 });
    } catch {
      continue; // not applicable
    }
    if (q.type === "country") await box.locator("select").selectOption(answers[q.id]);
    else if (q.type === "text") await box.locator("input, textarea").fill(answers[q.id]);
    else {
      for (const v of q.type === "multi" ? answers[q.id] : [answers[q.id]]) {
        const input = box.locator(`input[value="${v}"]`);
        await input.evaluate((el) => el.click());
        await frame.waitForFunction(([id, value]) => document.querySelector(`[data-testid="q-${id}"] input[value="${value}"]`)?.checked, [q.id, v], { timeout: 2000 });
      }
    }
  }
}

const hostEvents = (page) => page.evaluate(() => window.exportAssessorFrame.events);
const ask = (page, message) => page.evaluate((m) => window.exportAssessorFrame.ask(m), message);
const theFrame = (page) => page.frames().find((f) => f.url().endsWith(FRAME_PATH));

async function openHost(context, config) {
  const rec = await recordPrivacy(context, origin);
  // After the recorder's route: the last registered runs first.
  if (config) await withConfig(context, config);
  const page = await context.newPage();
  rec.watchPage(page);
  const frameRequests = [];
  page.on("request", (r) => {
    if (r.frame().url().endsWith(FRAME_PATH) || r.url().endsWith(FRAME_PATH)) frameRequests.push(r.url());
  });
  page.on("console", (m) => {
    if (m.type() === "error") rec.errors.push(`console: ${m.text()}`);
  });
  await page.goto(origin + "/examples/frame-host.html");
  return { rec, page, frameRequests };
}

/** The frame file as served, with another config (as a company would edit it). */
async function withConfig(context, config) {
  await context.route(`${origin}${FRAME_PATH}`, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(/(<script type="application\/json" id="export-assessor-frame-config">\n)[^\n]*/, `$1${JSON.stringify(config)}`);
    await route.fulfill({ response, body });
  });
}

test("the frame says ready without storage, reports outcomes only, answers report/assess/lists, fetches nothing", async () => {
  const created = "2026-11-25T10:00:00Z";
  const file = join(ROOT, "tests/scenarios", SCENARIO);
  const cli = JSON.parse(execFileSync(CLI, ["report", file, "--created", created], { encoding: "utf8" }));

  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const { rec, page, frameRequests } = await openHost(context);
  await page.waitForFunction(() => window.exportAssessorFrame?.events.some((e) => e.type === "ready"), null, { timeout: 30000 });
  const ready = (await hostEvents(page)).find((e) => e.type === "ready");
  assert.equal(ready.protocol, "export-assessor");
  assert.equal(ready.version, 1);
  assert.equal(ready.storage, false, "a sandboxed frame keeps nothing");
  assert.deepEqual(ready.ruleSet, cli.rule_set);
  assert.equal(ready.destinationDataAsOf, cli.destination_data_as_of);
  assert.deepEqual(ready.accepts, ["report", "assess", "lists"]);

  // The host fetched its list and posted it; the frame loaded it.
  await page.getByTestId("host-log").getByText(/Lists loaded in the frame: \/examples\/lists\/un-mini\.xml \(\d+ entries\)/).waitFor({ timeout: 30000 });
  await page.waitForLoadState("networkidle");
  rec.markLoaded();

  // The app's own no-storage notice shows in the frame, and nothing broke.
  const frame = theFrame(page);
  assert.ok(frame, "the frame is on the page");
  assert.match(await frame.getByTestId("storage-notice").textContent(), /\S/);
  assert.equal(await frame.evaluate(() => document.documentElement.dataset.frame), "ready");

  // Answered in the frame: outcome events reach the host, carrying nothing else.
  await frame.getByTestId("new-assessment").evaluate((el) => el.click());
  await answerIn(frame, scenarioAnswers(SCENARIO));
  await page.waitForFunction((o) => window.exportAssessorFrame.events.filter((e) => e.type === "outcome").at(-1)?.outcome === o, cli.outcome, { timeout: 10000 });
  const outcomes = (await hostEvents(page)).filter((e) => e.type === "outcome");
  for (const e of outcomes) assert.deepEqual(Object.keys(e).sort(), ["outcome", "protocol", "type", "version"]);
  await screenshot(page, "frame-host-answered");

  // "report": the open assessment's outcome, with the request's id.
  const report = await ask(page, { type: "report" });
  assert.equal(report.type, "report");
  assert.match(String(report.id), /^host-/);
  assert.equal(report.outcome, cli.outcome);
  await page.locator("#report").click();
  await page.getByTestId("host-log").getByText(`Report: ${cli.outcome}`).waitFor();

  // "assess": the same outcome, deciding rules, fingerprint and report as the CLI.
  const assessed = await ask(page, { type: "assess", answers: readFileSync(file, "utf8"), created });
  assert.equal(assessed.type, "assessed");
  assert.equal(assessed.result.outcome, cli.outcome);
  assert.equal(assessed.result.fingerprint, cli.fingerprint);
  assert.deepEqual(assessed.result.decidedBy, cli.decided_by.map((r) => r.id));
  assert.deepEqual(assessed.result.report, cli);

  // Bad requests: an error reply naming the problem, never an exception.
  const unknown = await ask(page, { type: "delete-everything" });
  assert.deepEqual([unknown.type, unknown.code], ["error", "unknown-type"]);
  const version = await ask(page, { type: "report", version: 2 });
  assert.deepEqual([version.type, version.code], ["error", "version"]);
  assert.match(version.message, /version 1/);
  const badLists = await ask(page, { type: "lists", files: [{ name: "x.csv", bytes: "not bytes" }] });
  assert.deepEqual([badLists.type, badLists.code], ["error", "malformed"]);
  assert.match(badLists.message, /files\[0\]\.bytes/);
  const badAnswers = await ask(page, { type: "assess", answers: "{ not json", created });
  assert.deepEqual([badAnswers.type, badAnswers.code], ["error", "assess"]);
  // Not a protocol message, or a bad id: an error without an id.
  await page.evaluate(() => {
    const w = document.getElementById("assessor").contentWindow;
    w.postMessage("hello", "*");
    w.postMessage({ protocol: "export-assessor", version: 1, type: "report", id: { not: "an id" } }, "*");
  });
  await page.waitForFunction(() => window.exportAssessorFrame.events.filter((e) => e.type === "error" && e.code === "malformed" && !("id" in e)).length === 2, null, { timeout: 5000 });
  const badList = await ask(page, { type: "lists", files: [{ name: "empty.xml", bytes: new Uint8Array(0), format: "un" }] });
  assert.equal(badList.type, "lists");
  assert.equal(badList.loaded.length, 0);
  assert.equal(badList.errors.length, 1);

  // The posted list screens a name as a potential match in the frame.
  await frame.getByTestId("tab-screening").evaluate((el) => el.click());
  await frame.waitForFunction(() => document.documentElement.dataset.screening === "ready" && !document.querySelector("[data-testid=engine-starting]"), null, { timeout: 20000 });
  await frame.getByTestId("lists-storage-notice").waitFor();
  await frame.getByTestId("check-name").fill("Korea Zeus Trading Corporation");
  await frame.getByTestId("check-button").evaluate((el) => el.click());
  try {
    await frame.getByTestId("check-hit").first().waitFor({ timeout: 10000 });
  } finally {
    await screenshot(page, "frame-host-screened");
  }

  // Nothing but the frame's own file came from the frame; the page only
  // the allowlisted GETs, none after load; no CSP violation.
  assert.deepEqual(frameRequests.filter((u) => !/^(blob|data):/.test(u)), [origin + FRAME_PATH]);
  const fetched = { ...rec, requests: rec.requests.filter((r) => !/^(blob|data):/.test(r.url)) };
  assert.deepEqual(privacyProblems(fetched, origin), []);
  assert.deepEqual(rec.errors, [], "page errors");
  await context.close();
});

test("a host outside the allowlist is refused: shown in the frame, never answered, nothing done", async () => {
  const context = await browser.newContext();
  const { rec, page } = await openHost(context, { allowedOrigins: ["https://intranet.example"] });
  await page.waitForFunction(() => [...document.querySelectorAll("iframe")].length === 1);
  const frame = await (async () => {
    for (let i = 0; i < 100 && !theFrame(page); i++) await page.waitForTimeout(100);
    return theFrame(page);
  })();
  await frame.waitForFunction(() => document.documentElement.dataset.frame === "ready", null, { timeout: 30000 });
  // No "ready" for this host: it is not the allowed origin.
  await page.waitForTimeout(300);
  assert.deepEqual(await hostEvents(page), []);

  const list = readFileSync(join(ROOT, "www/examples/lists/un-mini.xml"));
  await page.evaluate((bytes) => {
    const w = document.getElementById("assessor").contentWindow;
    const m = (type, extra) => ({ protocol: "export-assessor", version: 1, id: type, type, ...extra });
    w.postMessage(m("report"), "*");
    w.postMessage(m("lists", { files: [{ name: "un.xml", bytes: new Uint8Array(bytes), format: "un" }] }), "*");
    w.postMessage(m("assess", { answers: "{}" }), "*");
    for (let i = 0; i < 8; i++) w.postMessage(m("report"), "*");
  }, [...list]);
  const refusals = frame.getByTestId("frame-refusals");
  await frame.waitForFunction(() => document.querySelector("[data-testid=frame-refusals]")?.dataset.count === "11", null, { timeout: 5000 });
  assert.match(await refusals.textContent(), new RegExp(`A message from ${origin.replace(/[.]/g, "\\.")} was refused: not in this frame's allowlist`));
  assert.equal(await refusals.locator("li").count(), 5, "only the last few refusals are kept on show");
  await screenshot(page, "frame-refused");
  // Never answered, and nothing done: the screening engine never started.
  await page.waitForTimeout(500);
  assert.deepEqual(await hostEvents(page), []);
  assert.equal(await frame.evaluate(() => document.documentElement.dataset.screening), "none");
  assert.deepEqual(privacyProblems({ ...rec, requests: rec.requests.filter((r) => !/^(blob|data):/.test(r.url)) }, origin), []);
  assert.deepEqual(rec.errors, [], "page errors");
  await context.close();
});

test("an allowlist left empty (its one entry no origin) refuses everything and says so", async () => {
  const context = await browser.newContext();
  const { rec, page } = await openHost(context, { allowedOrigins: ["intranet/exports"] });
  for (let i = 0; i < 100 && !theFrame(page); i++) await page.waitForTimeout(100);
  const frame = theFrame(page);
  await frame.waitForFunction(() => document.documentElement.dataset.frame === "closed", null, { timeout: 30000 });
  const notices = await frame.getByTestId("frame-notices").textContent();
  assert.match(notices, /"intranet\/exports" in allowedOrigins is not an origin/);
  assert.match(notices, /allowlist is empty/);
  await page.evaluate(() => document.getElementById("assessor").contentWindow.postMessage({ protocol: "export-assessor", version: 1, type: "report", id: 1 }, "*"));
  await frame.waitForFunction(() => document.querySelector("[data-testid=frame-refusals]")?.dataset.count === "1", null, { timeout: 5000 });
  await page.waitForTimeout(300);
  assert.deepEqual(await hostEvents(page), []);
  assert.deepEqual(rec.errors, [], "page errors");
  await context.close();
});

test("with includeAnswers in the frame's config, outcome messages carry the saved work too", async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const { rec, page } = await openHost(context, { allowedOrigins: ["self"], includeAnswers: true });
  await page.waitForFunction(() => window.exportAssessorFrame?.events.some((e) => e.type === "ready"), null, { timeout: 30000 });
  const frame = theFrame(page);
  await frame.getByTestId("new-assessment").evaluate((el) => el.click());
  await answerIn(frame, scenarioAnswers(SCENARIO));
  await page.waitForFunction(() => window.exportAssessorFrame.events.filter((e) => e.type === "outcome").at(-1)?.outcome === "proceed_documented", null, { timeout: 10000 });
  const last = (await hostEvents(page)).filter((e) => e.type === "outcome").at(-1);
  assert.equal(typeof last.work, "string");
  assert.match(last.work, /FleetTrace Analytics 4/);
  assert.deepEqual(rec.errors, [], "page errors");
  await context.close();
});
