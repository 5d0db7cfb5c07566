// A panic in the browser (issue 15): each wasm installs a panic hook at
// start (src/web/mod.rs) that calls the host's globalThis.exportAssessorPanic;
// the host (www/main.js, www/store.js) replaces the dead apps with an error
// screen that says the work is saved, reloads with the work intact, and
// downloads the saved work straight from IndexedDB. A panic of the screening
// worker's wasm kills only the worker: the page offers to restart it and the
// lists come back from IndexedDB. The panics are forced through the test-only
// exports `__panicForTest()` (each wasm) and `ScreeningEngine.__panicForTest()`
// (the worker, through the client's panicForTest()). All under the privacy
// recorder: nothing is fetched beyond the static allowlist.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appReady, launch, serve, recordPrivacy, privacyProblems, screenshot, ROOT } from "./harness.mjs";

let browser, server, origin;
before(async () => {
  ({ server, origin } = await serve());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

async function start(path = "/", lang = "en") {
  const context = await browser.newContext({ acceptDownloads: true });
  const rec = await recordPrivacy(context, origin);
  const page = await context.newPage();
  rec.watchPage(page);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`${origin}/?lang=${lang}${path.startsWith("#") ? path : ""}`);
  await appReady(page);
  rec.markLoaded();
  return { context, rec, page };
}

/** The item names stored in IndexedDB, read without the app. */
async function storedNames(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open("export-assessor");
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = await new Promise((resolve) => {
      const req = db.transaction("assessments").objectStore("assessments").getAll();
      req.onsuccess = () => resolve(req.result);
    });
    db.close();
    return all.map((r) => JSON.parse(r.draft).answers.item_name);
  });
}

/** Calls a module's __panicForTest(); resolves to the error it threw (the trap). */
function panicIn(page, module) {
  return page.evaluate(async (m) => {
    const mod = await import(m);
    try {
      mod.__panicForTest();
      return "no panic";
    } catch (err) {
      return `${err.name}: ${err.message}`;
    }
  }, module);
}

function noProblems(rec, origin) {
  assert.deepEqual(privacyProblems(rec, origin), [], "nothing fetched beyond the allowlist");
  const unexpected = rec.errors.filter((e) => !/unreachable|RuntimeError/.test(e));
  assert.deepEqual(unexpected, [], "no page error but the trap itself");
}

test("a panic in the questionnaire: the error screen says the work is saved; the download holds it; Reload brings it back", async () => {
  const { context, rec, page } = await start();
  await page.getByTestId("new-assessment").click();
  await page.locator("#in-item_name").fill("Deal before the panic");
  await page.locator("#in-item_name").press("Tab");
  // The panic right after the last answer: no wait for the save.
  const trap = await panicIn(page, "/pkg/export_assessor.js");
  assert.match(trap, /RuntimeError|unreachable/, "the wasm trapped after its hook ran");

  const screen = page.getByTestId("panic-screen");
  await screen.waitFor();
  assert.match(await screen.innerText(), /internal error/);
  assert.match(await screen.innerText(), /your work is safe/i);
  assert.match(await page.getByTestId("panic-message").textContent(), /__panicForTest/, "the panic's message is in the details");
  assert.equal(await page.getByTestId("app").isVisible(), false, "the dead app is hidden");
  assert.deepEqual(await storedNames(page), ["Deal before the panic"], "the last answer before the panic is in storage");
  await screenshot(page, "40-panic-screen");

  const dir = mkdtempSync(join(tmpdir(), "ea-panic-"));
  const [d] = await Promise.all([page.waitForEvent("download"), page.getByTestId("panic-download").click()]);
  const file = join(dir, "saved.json");
  await d.saveAs(file);
  assert.equal(d.suggestedFilename(), "export-assessor-saved-work.json");
  const saved = JSON.parse(readFileSync(file, "utf8"));
  assert.equal(saved.format, "export-assessor-archive");
  assert.deepEqual(saved.assessments.map((a) => a.answers.item_name), ["Deal before the panic"]);
  assert.match(await page.getByTestId("panic-download-status").textContent(), /1 assessment/);

  rec.beforeReload();
  await Promise.all([page.waitForEvent("load"), page.getByTestId("panic-reload").click()]);
  await appReady(page);
  assert.equal(await page.getByTestId("panic-screen").count(), 0);
  assert.equal(await page.locator("#in-item_name").inputValue(), "Deal before the panic", "the work is back after Reload");
  noProblems(rec, origin);
  await context.close();
});

test("a panic in the records app shows the error screen in German; the archive is intact after Reload", async () => {
  const { context, rec, page } = await start("/", "de");
  await page.getByTestId("new-assessment").click();
  await page.locator("#in-item_name").fill("Archivierte Prüfung");
  await page.locator("#in-item_name").press("Tab");
  await page.evaluate(() => { location.hash = "archive"; });
  await page.waitForFunction(() => document.documentElement.dataset.records === "ready", null, { timeout: 20000 });
  const trap = await panicIn(page, "/pkg/records.js");
  assert.match(trap, /RuntimeError|unreachable/);
  const screen = page.getByTestId("panic-screen");
  await screen.waitFor();
  assert.equal(await screen.getAttribute("lang"), "de");
  assert.match(await screen.innerText(), /internen Fehler/);
  assert.match(await page.getByTestId("panic-reload").textContent(), /Neu laden/);
  assert.deepEqual(await storedNames(page), ["Archivierte Prüfung"]);
  await screenshot(page, "41-panic-screen-de");
  rec.beforeReload();
  await Promise.all([page.waitForEvent("load"), page.getByTestId("panic-reload").click()]);
  await page.waitForFunction(() => document.documentElement.dataset.records === "ready", null, { timeout: 20000 });
  assert.match(await page.getByTestId("records-root").innerText(), /Archivierte Prüfung/, "the archive lists the work after Reload");
  noProblems(rec, origin);
  await context.close();
});

test("a panic in the screening worker: the page goes on, offers a restart, and the restarted engine has the stored lists", async () => {
  const { context, rec, page } = await start();
  await page.getByTestId("new-assessment").click();
  await page.locator("#in-item_name").fill("Screened deal");
  await page.locator("#in-item_name").press("Tab");
  await page.getByTestId("tab-screening").click();
  await page.waitForFunction(() => document.documentElement.dataset.screening === "ready" && window.exportAssessorClient?.state.status === "ready", null, { timeout: 20000 });
  const watchlist = readFileSync(join(ROOT, "tests/fixtures/screening/watchlist.csv"), "utf8");
  await page.evaluate((text) => window.exportAssessorClient.addFiles([new File([text], "watchlist.csv", { type: "text/csv" })]), watchlist);
  await page.waitForFunction(() => window.exportAssessorClient.state.lists.length === 1);

  await page.evaluate(() => window.exportAssessorClient.panicForTest());
  const notice = page.getByTestId("engine-crashed");
  await notice.waitFor();
  assert.match(await notice.innerText(), /screening engine stopped after an internal error/);
  assert.equal(await page.evaluate(() => window.exportAssessorClient.state.status), "failed");
  assert.equal(await page.getByTestId("panic-screen").count(), 0, "the page itself is not dead");
  // A request to the dead engine is refused with the reason, not left hanging.
  const refused = await page.evaluate(() => window.exportAssessorClient.check({ name: "x" }).then(() => "answered", (e) => e.message));
  assert.match(refused, /internal error/);
  // The questionnaire still works and saves.
  await page.evaluate(() => { location.hash = "assessment"; });
  await page.locator("#in-item_name").fill("Screened deal, edited after the crash");
  await page.locator("#in-item_name").press("Tab");
  await page.waitForFunction(async () => {
    const db = await new Promise((r) => { const q = indexedDB.open("export-assessor"); q.onsuccess = () => r(q.result); });
    const all = await new Promise((r) => { const q = db.transaction("assessments").objectStore("assessments").getAll(); q.onsuccess = () => r(q.result); });
    db.close();
    return all.some((x) => JSON.parse(x.draft).answers.item_name === "Screened deal, edited after the crash");
  });
  await screenshot(page, "42-engine-crashed");

  await page.getByTestId("engine-restart").click();
  await page.waitForFunction(() => window.exportAssessorClient.state.status === "ready", null, { timeout: 20000 });
  const lists = await page.evaluate(() => window.exportAssessorClient.state.lists.length);
  assert.equal(lists, 1, "the list came back from IndexedDB");
  const hits = await page.evaluate(() => window.exportAssessorClient.check({ name: "Nordlicht Logistik GmbH", lang: "en" }));
  assert.ok(Array.isArray(hits.hits ?? hits) && (hits.hits ?? hits).length > 0, "the restarted engine screens");
  assert.equal(await page.getByTestId("engine-crashed").count(), 0);
  noProblems(rec, origin);
  await context.close();
});
