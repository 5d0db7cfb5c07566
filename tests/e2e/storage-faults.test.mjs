// Storage faults (issue 15), injected into Debian Chromium: a full disk
// that aborts the save at commit, corrupted records in both databases, no
// storage at all, a database that cannot be opened, another tab upgrading
// the databases, and two tabs deciding into the company register. Each is
// detected and said; nothing is lost. (Two tabs editing one assessment and a
// put that throws QuotaExceededError are in record.test.mjs; two tabs
// editing the product catalogue in products.test.mjs.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { appReady, launch, serve, recordPrivacy, privacyProblems, ROOT } from "./harness.mjs";

let browser, server, origin;
before(async () => {
  ({ server, origin } = await serve());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

async function appPage(context, hash = "") {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`${origin}/?lang=en${hash}`);
  await appReady(page);
  return page;
}

/** A page of the origin that is not the app: the other tab, or the tool that corrupts storage. */
async function bystander(context) {
  const page = await context.newPage();
  await page.goto(`${origin}/style.css`);
  return page;
}

/** Every record of a store of a database, raw, read without the app (and without upgrading it). */
function rawRecords(page, db, store) {
  return page.evaluate(async ([name, storeName]) => {
    const d = await new Promise((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = d.transaction(storeName);
    const [keys, values] = await Promise.all([
      new Promise((r) => { const q = tx.objectStore(storeName).getAllKeys(); q.onsuccess = () => r(q.result); }),
      new Promise((r) => { const q = tx.objectStore(storeName).getAll(); q.onsuccess = () => r(q.result); }),
    ]);
    d.close();
    return keys.map((k, i) => [k, values[i]]);
  }, [db, store]);
}

const itemNames = async (page) => (await rawRecords(page, "export-assessor", "assessments")).map(([, r]) => {
  try {
    return JSON.parse(r.draft).answers.item_name;
  } catch {
    return null;
  }
});

async function setItemName(page, name) {
  await page.locator("#in-item_name").fill(name);
  await page.locator("#in-item_name").press("Tab");
}

async function waitStored(page, name) {
  await page.waitForFunction(async (n) => {
    const d = await new Promise((r) => { const q = indexedDB.open("export-assessor"); q.onsuccess = () => r(q.result); });
    const all = await new Promise((r) => { const q = d.transaction("assessments").objectStore("assessments").getAll(); q.onsuccess = () => r(q.result); });
    d.close();
    return all.some((x) => { try { return JSON.parse(x.draft).answers.item_name === n; } catch { return false; } });
  }, name, { timeout: 10000 });
}

test("a full disk that aborts the save at commit: the notice names it, the work stays on the page, and is saved once there is room", async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    // The transaction aborts at commit with QuotaExceededError, as a full
    // disk does (the put itself succeeds).
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      const r = put.apply(this, args);
      if (window.__eaFull && this.name === "assessments") {
        const tx = this.transaction;
        Object.defineProperty(tx, "error", { value: new DOMException("The quota has been exceeded.", "QuotaExceededError") });
        tx.abort();
      }
      return r;
    };
  });
  const rec = await recordPrivacy(context, origin);
  const page = await appPage(context);
  rec.watchPage(page);
  await page.getByTestId("new-assessment").click();
  await setItemName(page, "Before the disk filled");
  await waitStored(page, "Before the disk filled");
  await page.evaluate(() => { window.__eaFull = true; });
  await setItemName(page, "While the disk is full");
  const notice = page.getByTestId("storage-notice");
  await notice.waitFor();
  assert.match(await notice.innerText(), /Not saved.*QuotaExceededError.*1 assessment/s);
  assert.equal(await page.locator("#in-item_name").inputValue(), "While the disk is full");
  assert.deepEqual(await itemNames(page), ["Before the disk filled"], "the stored version is intact");
  await page.evaluate(() => { window.__eaFull = false; });
  await page.locator("#in-item_description").fill("Room again");
  await page.locator("#in-item_description").press("Tab");
  await waitStored(page, "While the disk is full");
  await page.waitForFunction(() => !document.querySelector("[data-testid=storage-notice]"));
  assert.deepEqual(privacyProblems(rec, origin), []);
  await context.close();
});

test("corrupted assessment records are detected and named, left untouched, and the rest loads and saves", async () => {
  const context = await browser.newContext();
  const page = await appPage(context);
  await page.getByTestId("new-assessment").click();
  await setItemName(page, "The good one");
  await waitStored(page, "The good one");
  const tool = await bystander(context);
  const good = (await rawRecords(tool, "export-assessor", "assessments"))[0][1];
  await tool.evaluate(async (goodDraft) => {
    const d = await new Promise((r) => { const q = indexedDB.open("export-assessor"); q.onsuccess = () => r(q.result); });
    const tx = d.transaction(["assessments", "meta"], "readwrite");
    const s = tx.objectStore("assessments");
    s.put({ id: "broken-json", rev: 3, draft: "{\"id\": \"broken-json\", \"answers\": {" });
    s.put({ id: "wrong-id", rev: 1, draft: goodDraft.replace(/"id":"[^"]+"/, "\"id\":\"someone-else\"") });
    s.put({ id: "no-draft", rev: 1 });
    s.put({ id: "object-draft", rev: "seven", draft: { answers: {} } });
    s.put({ id: "binary", rev: 1, draft: new Uint8Array([0xff, 0xfe, 0, 1]) });
    tx.objectStore("meta").put("{prefs that are not json", "prefs");
    await new Promise((r) => { tx.oncomplete = r; });
    d.close();
  }, good.draft);
  const before = JSON.stringify((await rawRecords(tool, "export-assessor", "assessments")).filter(([k]) => k !== good.id));

  await page.reload();
  await appReady(page);
  const notice = page.getByTestId("storage-notice");
  await notice.waitFor();
  const text = await notice.innerText();
  for (const id of ["broken-json", "wrong-id", "no-draft", "object-draft", "binary"]) assert.match(text, new RegExp(id), `the notice names ${id}`);
  await page.evaluate(() => { location.hash = "archive"; });
  await page.waitForFunction(() => document.documentElement.dataset.records === "ready", null, { timeout: 20000 });
  const row = page.getByTestId("archive-row").filter({ hasText: "The good one" }).first();
  await row.waitFor();
  assert.equal(await page.getByTestId("archive-row").count(), 1, "only the readable assessment is listed");
  // Editing the good one saves it; the damaged ones stay exactly as they were.
  await row.getByTestId("archive-open").click();
  await page.locator("#in-item_name").waitFor();
  await setItemName(page, "The good one, edited");
  await waitStored(page, "The good one, edited");
  const after = JSON.stringify((await rawRecords(tool, "export-assessor", "assessments")).filter(([k]) => k !== good.id));
  assert.equal(after, before, "the damaged records are untouched");
  await context.close();
});

test("storage disabled (indexedDB and localStorage throw): the app says so and works in memory", async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const denied = () => { throw new DOMException("The user denied access to storage.", "SecurityError"); };
    Object.defineProperty(window, "indexedDB", { get: denied, configurable: true });
    Object.defineProperty(window, "localStorage", { get: denied, configurable: true });
  });
  const rec = await recordPrivacy(context, origin);
  const page = await appPage(context);
  rec.watchPage(page);
  const notice = page.getByTestId("storage-notice");
  await notice.waitFor();
  assert.match(await notice.innerText(), /storage is not available/);
  await page.getByTestId("new-assessment").click();
  await setItemName(page, "Kept in memory");
  await page.locator("#in-destination_country").selectOption("JP").catch(() => {});
  assert.equal(await page.locator("#in-item_name").inputValue(), "Kept in memory");
  assert.equal(await page.getByTestId("store-failed").count(), 0, "one notice, the app's");
  assert.deepEqual(rec.errors, [], "no uncaught error");
  assert.deepEqual(privacyProblems(rec, origin), []);
  await context.close();
});

test("a database that cannot be opened: the page warns that the saved assessments are out of reach, and works", async () => {
  const context = await browser.newContext();
  const first = await appPage(context);
  await first.getByTestId("new-assessment").click();
  await setItemName(first, "Saved before");
  await waitStored(first, "Saved before");
  await first.close();
  await context.addInitScript(() => {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (name, ...rest) {
      if (name === "export-assessor") throw new DOMException("The database is being closed.", "UnknownError");
      return open.call(this, name, ...rest);
    };
  });
  const page = await appPage(context);
  const notice = page.getByTestId("store-failed");
  await notice.waitFor();
  assert.match(await notice.innerText(), /could not be opened \(UnknownError: The database is being closed\.\).*left untouched/s);
  await page.getByTestId("new-assessment").click();
  await setItemName(page, "Made meanwhile");
  assert.equal(await page.locator("#in-item_name").inputValue(), "Made meanwhile");
  await context.close();
});

test("another tab upgrades the databases: this tab lets it, goes on saving into the upgraded ones, and reads them after a reload", async () => {
  const context = await browser.newContext();
  const page = await appPage(context, "#screening");
  await page.waitForFunction(() => window.exportAssessorClient?.state.status === "ready", null, { timeout: 20000 });
  await page.evaluate(() => { location.hash = "assessment"; });
  await page.getByTestId("new-assessment").click();
  await setItemName(page, "Before the upgrade");
  await waitStored(page, "Before the upgrade");
  const other = await bystander(context);
  const upgraded = await other.evaluate(async () => {
    const upgrade = (name) => new Promise((resolve) => {
      const req = indexedDB.open(name, 2);
      const timer = setTimeout(() => resolve(`${name}: blocked`), 5000);
      req.onblocked = () => {}; // the timer reports a lasting block
      req.onupgradeneeded = () => req.result.createObjectStore("from-a-newer-version");
      req.onsuccess = () => {
        clearTimeout(timer);
        // The newer tab keeps its connection open.
        window.__held = [...(window.__held ?? []), req.result];
        resolve(`${name}: ${req.result.version}`);
      };
      req.onerror = () => resolve(`${name}: ${req.error}`);
    });
    return [await upgrade("export-assessor"), await upgrade("export-assessor-screening")];
  });
  assert.deepEqual(upgraded, ["export-assessor: 2", "export-assessor-screening: 2"], "this tab does not block the upgrade");
  await setItemName(page, "After the upgrade");
  await waitStored(page, "After the upgrade");
  assert.equal(await page.getByTestId("storage-notice").count(), 0, "no failure to report");
  await page.evaluate(() => window.exportAssessorClient.setThreshold(0.9));
  const threshold = await other.evaluate(async () => {
    const d = await new Promise((r) => { const q = indexedDB.open("export-assessor-screening"); q.onsuccess = () => r(q.result); });
    const v = await new Promise((r) => { const q = d.transaction("settings").objectStore("settings").get("threshold"); q.onsuccess = () => r(q.result); });
    d.close();
    return v;
  });
  assert.equal(threshold, 0.9, "the worker saved into the upgraded database");
  await page.reload();
  await appReady(page);
  assert.equal(await page.locator("#in-item_name").inputValue(), "After the upgrade", "read from the upgraded database");
  assert.equal(await page.getByTestId("store-failed").count(), 0);
  await context.close();
});

test("the screening worker's database: damaged lists and settings are named and left as they are, the rest loads; two tabs' register decisions are both kept", async () => {
  const context = await browser.newContext();
  const page = await appPage(context, "#screening");
  await page.waitForFunction(() => window.exportAssessorClient?.state.status === "ready", null, { timeout: 20000 });
  const watchlist = readFileSync(join(ROOT, "tests/fixtures/screening/watchlist.csv"), "utf8");
  await page.evaluate((text) => window.exportAssessorClient.addFiles([new File([text], "watchlist.csv", { type: "text/csv" })]), watchlist);
  await page.waitForFunction(() => window.exportAssessorClient.state.lists.length === 1);
  const tool = await bystander(context);
  await tool.evaluate(async () => {
    const d = await new Promise((r) => { const q = indexedDB.open("export-assessor-screening"); q.onsuccess = () => r(q.result); });
    const tx = d.transaction(["lists", "settings"], "readwrite");
    tx.objectStore("lists").put({ key: "garbage", label: "garbage-list.csv", main: "not bytes at all", format: "csv", addedAt: "2026-12-03T00:00:00Z" });
    tx.objectStore("lists").put({ key: "half", label: "half.xml", main: new TextEncoder().encode("<export><sanctionEntity"), format: "eu-fsf", addedAt: "2026-12-03T00:00:01Z" });
    tx.objectStore("settings").put("{\"version\": 1, \"entries\": [", "register");
    tx.objectStore("settings").put("[[[", "catalogue");
    tx.objectStore("settings").put("very high", "threshold");
    await new Promise((r) => { tx.oncomplete = r; });
    d.close();
  });
  const damaged = async () => JSON.stringify((await rawRecords(tool, "export-assessor-screening", "lists")).filter(([k]) => k !== (null)).filter(([, v]) => v.label !== "watchlist.csv"));
  const listsBefore = await damaged();
  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => window.exportAssessorClient?.state.status === "ready", null, { timeout: 20000 });
  const state = await page.evaluate(() => window.exportAssessorClient.state);
  const errors = state.restoreErrors.join("\n");
  for (const what of ["garbage-list.csv", "half.xml", "company register", "product catalogue"]) assert.match(errors, new RegExp(what), `${what} is named`);
  assert.equal(state.lists.length, 1, "the readable list loads");
  assert.equal(state.threshold, 0.85, "a threshold that is no number is not used");
  assert.match(await page.getByTestId("screening-root").innerText(), /garbage-list\.csv/, "the page shows what could not be restored");
  assert.equal(await damaged(), listsBefore, "the damaged lists are left as they are");
  const aside = Object.fromEntries(await rawRecords(tool, "export-assessor-screening", "settings"));
  assert.equal(aside["register.damaged"], "{\"version\": 1, \"entries\": [", "the unreadable register is kept aside before anything replaces it");
  assert.equal(aside["catalogue.damaged"], "[[[", "the unreadable catalogue is kept aside");

  // Two tabs decide into the register: both decisions are kept.
  await tool.evaluate(async () => {
    const d = await new Promise((r) => { const q = indexedDB.open("export-assessor-screening"); q.onsuccess = () => r(q.result); });
    const tx = d.transaction("settings", "readwrite");
    tx.objectStore("settings").delete("register");
    await new Promise((r) => { tx.oncomplete = r; });
    d.close();
  });
  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => window.exportAssessorClient?.state.status === "ready", null, { timeout: 20000 });
  const second = await appPage(context, "#screening");
  await second.waitForFunction(() => window.exportAssessorClient?.state.status === "ready", null, { timeout: 20000 });
  const entry = (name) => ({ name, list_key: "watchlist", entry_id: "1", entry_fingerprint: "0".repeat(64), reason: `${name} is another company`, decided_by: "Test", decided_on: "2026-12-01" });
  await page.evaluate((e) => window.exportAssessorClient.registerAdd(e), entry("First Tab GmbH"));
  await second.evaluate((e) => window.exportAssessorClient.registerAdd(e), entry("Second Tab GmbH"));
  const stored = await tool.evaluate(async () => {
    const d = await new Promise((r) => { const q = indexedDB.open("export-assessor-screening"); q.onsuccess = () => r(q.result); });
    const v = await new Promise((r) => { const q = d.transaction("settings").objectStore("settings").get("register"); q.onsuccess = () => r(q.result); });
    d.close();
    return JSON.parse(v).entries.map((e) => e.name.toLowerCase()).sort();
  });
  assert.deepEqual(stored, ["first tab gmbh", "second tab gmbh"], "neither tab's decision overwrote the other's");
  await context.close();
});
