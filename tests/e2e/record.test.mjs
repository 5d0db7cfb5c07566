// The record in the browser, end to end in Debian Chromium: seal a report
// (the bytes equal the CLI's), verify it on the page and with the CLI, reject
// it after its outcome is edited and re-hashed, draft the notification with
// the user's text kept literal, the archive (search, sort, duplicate, delete
// and undo, export, import with a preview and choices), an assessment under
// older rules, hostile text rendered inert everywhere — under the privacy
// recorder, with an axe scan and a screenshot of each screen.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appReady, axeScanner, launch, serve, recordPrivacy, privacyProblems, screenshot, answerAll, scenarioAnswers, ROOT } from "./harness.mjs";

let browser, server, origin;
before(async () => {
  ({ server, origin } = await serve());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const CLI = join(ROOT, "target", "debug", "export-assessor");

/** Text that must stay text: markup, an attribute the old app acted on, bidi overrides, placeholders. */
const HOSTILE = `<img src=x onerror="window.__pwned=1"> <b data-action="delete">bold</b> \u202Eevil\u202C {fingerprint} {created} {{item}}`;

function cli(args) {
  assert.ok(existsSync(CLI), `${CLI} is built by cargo test`);
  return spawnSync(CLI, args, { encoding: "utf8" });
}

/** RFC 8785 for the values a report holds: ECMAScript serialisation with members sorted by UTF-16 code units. */
function jcs(v) {
  if (Array.isArray(v)) return `[${v.map(jcs).join(",")}]`;
  if (v && typeof v === "object") return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${jcs(v[k])}`).join(",")}}`;
  return JSON.stringify(v);
}

/** Re-seals an edited report as a forger would: the fingerprint recomputed over the new content. */
function reseal(report) {
  const { fingerprint: _, ...rest } = report;
  return { ...report, fingerprint: `sha256:${createHash("sha256").update(jcs(rest)).digest("hex")}` };
}

/** The assessments as stored in IndexedDB (one record per assessment). */
async function storedDrafts(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open("export-assessor");
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = await new Promise((resolve, reject) => {
      const req = db.transaction("assessments").objectStore("assessments").getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return all.map((r) => ({ rev: r.rev, ...JSON.parse(r.draft) }));
  });
}

/** Waits until every assessment on the page is stored as it is. */
async function settled(page, count) {
  await page.waitForFunction(async (n) => {
    const db = await new Promise((resolve) => { const r = indexedDB.open("export-assessor"); r.onsuccess = () => resolve(r.result); });
    const c = await new Promise((resolve) => { const r = db.transaction("assessments").objectStore("assessments").count(); r.onsuccess = () => resolve(r.result); });
    db.close();
    return c === n;
  }, count, { timeout: 10000 });
}

async function newPage(context, lang = "en") {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`${origin}/?lang=${lang}`);
  await appReady(page);
  return page;
}

async function startRecorded() {
  const context = await browser.newContext({ acceptDownloads: true });
  const rec = await recordPrivacy(context, origin);
  const page = await newPage(context);
  rec.watchPage(page);
  await page.waitForLoadState("networkidle");
  rec.markLoaded();
  return { context, rec, page };
}

async function download(page, testid, dir, name) {
  const [d] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testid).click()]);
  const path = join(dir, name);
  await d.saveAs(path);
  return { path, suggested: d.suggestedFilename() };
}

async function verifyOnPage(page, path) {
  await page.getByTestId("tab-verify").click();
  await page.getByTestId("verify-file").setInputFiles(path);
  const result = page.getByTestId("verify-result");
  await result.waitFor();
  await page.waitForFunction((n) => document.querySelector("[data-testid=verify-result] p")?.textContent.includes(n), path.split("/").pop());
  return { verdict: await result.getAttribute("data-verdict"), text: await result.innerText() };
}

/** No element the hostile text could have made, and the text itself shown literally. */
async function assertInert(page, where) {
  assert.equal(await page.locator("img[src=x]").count(), 0, `${where}: no <img> from user text`);
  assert.equal(await page.locator("[data-action]").count(), 0, `${where}: no data-action element from user text`);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, `${where}: no script ran`);
}

test("seal, print, notify and verify: the browser's report is the CLI's, and an edited outcome is caught on the page and by the CLI", async () => {
  const { context, rec, page } = await startRecorded();
  const dir = mkdtempSync(join(tmpdir(), "ea-record-"));
  await page.getByTestId("new-assessment").click();
  const answers = { ...scenarioAnswers("018-notify-art5-2-egypt-emotion-recognition.json"), item_name: HOSTILE };
  await answerAll(page, answers);
  assert.equal(await page.getByTestId("outcome").getAttribute("data-outcome"), "notify_authority");
  await page.getByTestId("assessment-title").fill(`Deal 7 ${HOSTILE}`);
  await page.getByTestId("assessment-title").press("Tab");

  // The outcome, its reason and the actions come before the details.
  const top = await page.evaluate(() => {
    const y = (id) => document.querySelector(`[data-testid=${id}]`).getBoundingClientRect().top;
    return { actions: y("result-actions"), reason: y("reason"), why: y("details-why"), findings: y("details-findings") };
  });
  assert.ok(top.reason < top.actions && top.actions < top.why && top.why < top.findings, JSON.stringify(top));
  await screenshot(page, "20-result-actions-at-top");
  await assertInert(page, "questionnaire");

  // Seal: the report downloads and shows as a document.
  const sealed = await download(page, "seal-report", dir, "browser-report.json");
  assert.match(sealed.suggested, /^Deal-7-.*_\d{4}-\d{2}-\d{2}_notify-authority\.report\.json$/);
  await page.getByTestId("report-page").waitFor();
  assert.equal(await page.getByTestId("report-reference").innerText(), `Deal 7 ${HOSTILE}`);
  assert.match(await page.getByTestId("report-answers").innerText(), /\{fingerprint\} \{created\} \{\{item\}\}/);
  await page.getByTestId("prepared-by").fill("A. Preparer <i>x</i>");
  await page.getByTestId("prepared-by").press("Tab");
  await page.getByTestId("approved-by").fill("B. Approver");
  await page.getByTestId("approved-by").press("Tab");
  await assertInert(page, "report");
  await screenshot(page, "21-sealed-report");
  await page.emulateMedia({ media: "print" });
  const printed = await page.getByTestId("report-page").innerText();
  assert.match(printed, /Due-diligence record/);
  assert.match(printed, /A\. Preparer <i>x<\/i>/);
  assert.match(printed, /B\. Approver/);
  assert.match(printed, /Date, signature/);
  assert.equal(await page.getByTestId("download-report").isVisible(), false, "no controls on paper");
  await screenshot(page, "22-report-print");
  await page.pdf({ path: join(ROOT, "test-artifacts", "22-report.pdf") });
  await page.emulateMedia({ media: "screen" });

  // The same answers and timestamps through the CLI give the same bytes.
  const report = JSON.parse(readFileSync(sealed.path, "utf8"));
  await page.getByTestId("report-back").click();
  const file = await download(page, "download-answers", dir, "answers.json");
  const cliReport = cli(["report", file.path, "--created", report.created_at, "--updated", report.updated_at, "--lang", "en"]);
  assert.equal(cliReport.status, 0, cliReport.stderr);
  assert.equal(readFileSync(sealed.path, "utf8"), cliReport.stdout, "the browser's sealed report is byte-identical to the CLI's");
  const ok = cli(["verify", sealed.path]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /consistent/);
  assert.equal((await verifyOnPage(page, sealed.path)).verdict, "valid");
  await screenshot(page, "23-verify-valid");

  // A forger edits the outcome and recomputes the fingerprint: both refuse it.
  const forged = join(dir, "forged-report.json");
  writeFileSync(forged, JSON.stringify(reseal({ ...report, outcome: "proceed_documented" }), null, 2));
  const bad = cli(["verify", forged]);
  assert.equal(bad.status, 1, bad.stdout);
  assert.match(bad.stderr, /outcome/i);
  const onPage = await verifyOnPage(page, forged);
  assert.equal(onPage.verdict, "failed");
  assert.match(onPage.text, /Outcome/);
  await screenshot(page, "24-verify-forged");
  // Unreadable files are said to be so.
  const junk = join(dir, "junk.json");
  writeFileSync(junk, "[1, 2");
  assert.equal(cli(["verify", junk]).status, 2);
  assert.equal((await verifyOnPage(page, junk)).verdict, "unreadable");

  // The draft notification: pre-filled, the user's text literal.
  await page.getByTestId("tab-assessment").click();
  await page.getByTestId("draft-notification").click();
  await page.getByTestId("notification-page").waitFor();
  await page.getByTestId("notify-exporter").fill("Exporter GmbH {fingerprint} {created} <script>x</script>");
  await page.getByTestId("notify-exporter").press("Tab");
  const letter = await page.getByTestId("notification-text").innerText();
  assert.match(letter, /Exporter GmbH \{fingerprint\} \{created\} <script>x<\/script>/);
  assert.ok(letter.includes(HOSTILE), "the item name appears exactly as typed");
  assert.match(letter, /Article 5\(2\)/);
  assert.match(letter, /ANCEX/);
  await assertInert(page, "notification");
  const txt = await download(page, "download-notification", dir, "notification.txt");
  assert.match(txt.suggested, /_notify-authority\.notification\.txt$/);
  assert.equal(readFileSync(txt.path, "utf8"), letter.endsWith("\n") ? letter : `${letter}\n`);
  await screenshot(page, "25-notification");

  assert.deepEqual(privacyProblems(rec, origin), []);
  assert.deepEqual(rec.errors, []);
  await context.close();
});

/** Starts `n` assessments with item names, so the archive has rows. */
async function makeAssessments(page, names) {
  for (const name of names) {
    await page.getByTestId("tab-new").click();
    await page.locator("#in-item_name").waitFor();
    await page.locator("#in-item_name").fill(name);
    await page.locator("#in-item_name").press("Tab");
  }
}

async function rowTitles(page) {
  return page.getByTestId("archive-open").allInnerTexts();
}

test("the archive: search, sort, duplicate, delete with undo, export all, clear, import — equal; a conflicting import asks; a bad file changes nothing", async () => {
  const { context, rec, page } = await startRecorded();
  const dir = mkdtempSync(join(tmpdir(), "ea-archive-"));
  await makeAssessments(page, ["Bravo router", "Alpha probe", HOSTILE]);
  await page.getByTestId("tab-archive").click();
  await page.getByTestId("archive-table").waitFor();
  assert.equal(await page.getByTestId("archive-row").count(), 3);
  await assertInert(page, "archive");
  await screenshot(page, "26-archive");

  await page.getByTestId("archive-search").fill("alpha");
  assert.deepEqual(await rowTitles(page), ["Alpha probe"]);
  await page.getByTestId("archive-search").fill("");
  await page.getByRole("button", { name: "Title / reference" }).click();
  const sorted = await rowTitles(page);
  assert.deepEqual(sorted, [...sorted].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));

  // Duplicate, then delete with confirmation and undo.
  await page.getByTestId("archive-row").filter({ hasText: "Alpha probe" }).getByTestId("archive-duplicate").click();
  assert.equal(await page.getByTestId("archive-row").count(), 4);
  const row = page.getByTestId("archive-row").filter({ hasText: "Bravo router" });
  await row.getByTestId("archive-delete").click();
  await row.getByTestId("archive-delete-confirm").click();
  assert.equal(await page.getByTestId("archive-row").count(), 3);
  await page.getByTestId("undo-delete").click();
  assert.equal(await page.getByTestId("archive-row").count(), 4);

  // Export all, clear the browser, import: the archive compares equal.
  const all = await download(page, "export-all", dir, "archive.json");
  const before = JSON.parse(readFileSync(all.path, "utf8"));
  rec.beforeReload();
  await page.evaluate(async () => {
    localStorage.clear();
    await new Promise((resolve) => { const r = indexedDB.deleteDatabase("export-assessor"); r.onsuccess = r.onerror = r.onblocked = resolve; });
  });
  await page.reload();
  await appReady(page);
  rec.markLoaded();
  await page.getByTestId("tab-archive").click();
  await page.getByTestId("archive-empty").waitFor();
  await page.getByTestId("import-file").setInputFiles(all.path);
  await page.getByTestId("import-preview").waitFor();
  assert.match(await page.getByTestId("import-preview").innerText(), /4 new, 0 identical and 0 conflicting/);
  await page.getByTestId("import-apply").click();
  assert.equal(await page.getByTestId("archive-row").count(), 4);
  const again = JSON.parse(readFileSync((await download(page, "export-all", dir, "archive-again.json")).path, "utf8"));
  const byId = (f) => Object.fromEntries(f.assessments.map((a) => [a.id, a]));
  assert.deepEqual(byId(again), byId(before));

  // A file that changes one of them: the user is asked, and chooses.
  const changed = structuredClone(before);
  changed.assessments[0].title = "Changed elsewhere";
  const changedPath = join(dir, "changed.json");
  writeFileSync(changedPath, JSON.stringify(changed));
  await page.getByTestId("import-file").setInputFiles(changedPath);
  await page.getByTestId("import-preview").waitFor();
  assert.match(await page.getByTestId("import-preview").innerText(), /0 new, 3 identical and 1 conflicting/);
  await screenshot(page, "27-import-preview");
  await page.getByTestId("import-cancel").click();
  assert.equal(await page.getByTestId("archive-row").count(), 4, "cancel changes nothing");
  await page.getByTestId("import-file").setInputFiles(changedPath);
  await page.getByTestId("import-apply").click();
  assert.equal(await page.getByTestId("archive-row").count(), 5, "keep both by default");
  await page.getByTestId("import-file").setInputFiles(changedPath);
  await page.getByTestId("import-choice").selectOption("replace");
  await page.getByTestId("import-apply").click();
  assert.equal(await page.getByTestId("archive-row").count(), 5);
  assert.equal(await page.getByTestId("archive-row").filter({ hasText: "Changed elsewhere" }).count(), 2);

  // A malformed file: a precise error, nothing changed.
  const broken = join(dir, "broken.json");
  writeFileSync(broken, `{"format": "export-assessor-archive", "version": 1, "assessments": [{"id": "x"}]}`);
  await page.getByTestId("import-file").setInputFiles(broken);
  assert.match(await page.getByTestId("import-error").innerText(), /broken\.json: .*assessments\[0\]/);
  assert.equal(await page.getByTestId("archive-row").count(), 5);

  // Opening from the archive shows that assessment, with its own title.
  await page.getByTestId("archive-row").filter({ hasText: "Alpha probe" }).first().getByTestId("archive-open").click();
  assert.equal(await page.locator("#in-item_name").inputValue(), "Alpha probe");
  assert.deepEqual(privacyProblems(rec, origin), []);
  assert.deepEqual(rec.errors, []);
  await context.close();
});

test("work saved by the previous version in localStorage moves to IndexedDB; an assessment made under an older rule set says so, shows what changed, and is re-assessed as a new version", async () => {
  const context = await browser.newContext();
  const rec = await recordPrivacy(context, origin);
  const page = await newPage(context);
  rec.watchPage(page);
  const answers = scenarioAnswers("018-notify-art5-2-egypt-emotion-recognition.json");
  const old = {
    id: "old1", created_at: "2025-01-10T09:00:00Z", updated_at: "2025-01-10T09:30:00Z", section: "transaction",
    answers, title: "Egypt 2025",
    made_under: { rule_set: "eu-dual-use-cyber", rule_set_version: "1.0.0", destination_data_as_of: "2025-01-01" },
    decided: { outcome: "escalate", findings: ["finding_gone_since"] },
  };
  const rules = JSON.parse(readFileSync(join(ROOT, "src/core/data/eu-rules.json"), "utf8"));
  old.made_under.rule_set = rules.id;
  await page.evaluate((saved) => localStorage.setItem("export-assessor:v1", JSON.stringify(saved)), { lang: "en", current: "old1", archive: [old] });
  rec.beforeReload();
  await page.reload();
  await appReady(page);
  rec.markLoaded();
  const notice = page.getByTestId("currency");
  await notice.waitFor();
  assert.match(await notice.innerText(), /1\.0\.0/);
  assert.match(await page.getByTestId("currency-outcome").innerText(), /Escalate.*Notify/i);
  assert.ok(await page.getByTestId("currency-gone").innerText());
  assert.equal(await page.locator("#in-item_name").isDisabled(), true, "the old record is read only");
  await screenshot(page, "28-currency");
  await page.getByTestId("reassess").click();
  await page.waitForFunction(() => !document.querySelector("[data-testid=currency]"));
  await page.locator("#in-item_name").fill("Re-assessed");
  await page.locator("#in-item_name").press("Tab");
  await settled(page, 2);
  await page.waitForFunction(() => localStorage.getItem("export-assessor:v1") === null, null, { timeout: 10000 });
  assert.ok(await page.evaluate(() => localStorage.getItem("export-assessor:v1:migrated")), "the old value is kept aside once moved");
  const saved = { archive: await storedDrafts(page) };
  const kept = saved.archive.find((d) => d.id === "old1");
  assert.deepEqual(kept.answers, answers, "the old version is unchanged");
  assert.equal(kept.made_under.rule_set_version, "1.0.0");
  const next = saved.archive.find((d) => d.id !== "old1");
  assert.equal(next.previous, "old1");
  assert.equal(next.made_under.rule_set_version, rules.version);
  assert.deepEqual(privacyProblems(rec, origin), []);
  assert.deepEqual(rec.errors, []);
  await context.close();
});

test("axe finds nothing serious or critical on the report, notification, archive and verify screens", async () => {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await newPage(context);
  const scan = axeScanner(page, assert);
  await page.getByTestId("new-assessment").click();
  await answerAll(page, scenarioAnswers("018-notify-art5-2-egypt-emotion-recognition.json"));
  await page.getByTestId("print").evaluate((b) => { window.print = () => {}; b.click(); });
  await page.getByTestId("report-page").waitFor();
  await scan("report");
  await page.getByTestId("report-back").click();
  await page.getByTestId("draft-notification").click();
  await scan("notification");
  await page.getByTestId("tab-archive").click();
  await page.getByTestId("archive-table").waitFor();
  await scan("archive");
  await page.getByTestId("tab-verify").click();
  await scan("verify");
  await context.close();
});

test("two tabs editing one assessment: the later save detects the conflict and both versions are kept", async () => {
  const context = await browser.newContext();
  const a = await newPage(context);
  await a.getByTestId("new-assessment").click();
  await a.locator("#in-item_name").fill("Shared deal");
  await a.locator("#in-item_name").press("Tab");
  await settled(a, 1);
  const b = await newPage(context);
  assert.equal(await b.locator("#in-item_name").inputValue(), "Shared deal", "the second tab opens the same assessment");

  await a.locator("#in-item_name").fill("Shared deal, edited in A");
  await a.locator("#in-item_name").press("Tab");
  await a.waitForFunction(async () => {
    const db = await new Promise((r) => { const q = indexedDB.open("export-assessor"); q.onsuccess = () => r(q.result); });
    const all = await new Promise((r) => { const q = db.transaction("assessments").objectStore("assessments").getAll(); q.onsuccess = () => r(q.result); });
    db.close();
    return all.some((x) => x.rev === 2);
  });
  await b.locator("#in-item_name").fill("Shared deal, edited in B");
  await b.locator("#in-item_name").press("Tab");
  await b.getByTestId("storage-conflicts").waitFor();
  assert.match(await b.getByTestId("storage-conflicts").innerText(), /changed in another tab/);
  await settled(b, 2);
  const names = (await storedDrafts(b)).map((d) => d.answers.item_name).sort();
  assert.deepEqual(names, ["Shared deal, edited in A", "Shared deal, edited in B"], "neither version is dropped");
  assert.equal(await b.locator("#in-item_name").inputValue(), "Shared deal, edited in B", "tab B keeps working on its own version");
  await screenshot(b, "29-two-tabs-conflict");
  await context.close();
});

test("a full storage keeps the work on the page, says what is unsaved, and saves once there is room", async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (window.__eaFull) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      return put.apply(this, args);
    };
  });
  const page = await newPage(context);
  await page.getByTestId("new-assessment").click();
  await page.locator("#in-item_name").fill("Before full");
  await page.locator("#in-item_name").press("Tab");
  await settled(page, 1);
  await page.evaluate(() => { window.__eaFull = true; });
  await page.locator("#in-item_name").fill("After full");
  await page.locator("#in-item_name").press("Tab");
  const notice = page.getByTestId("storage-notice");
  await notice.waitFor();
  assert.match(await notice.innerText(), /Not saved.*QuotaExceededError.*1 assessment/s);
  assert.equal(await page.locator("#in-item_name").inputValue(), "After full", "the work stays on the page");
  assert.equal((await storedDrafts(page))[0].answers.item_name, "Before full", "the stored version is intact");
  await screenshot(page, "30-storage-full");
  await page.evaluate(() => { window.__eaFull = false; });
  await page.locator("#in-item_description").fill("Room again");
  await page.locator("#in-item_description").press("Tab");
  await page.waitForFunction(() => !document.querySelector("[data-testid=storage-notice]"));
  assert.equal((await storedDrafts(page))[0].answers.item_name, "After full");
  await context.close();
});
