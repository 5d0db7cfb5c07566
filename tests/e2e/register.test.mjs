// The company register of "not a match" decisions end to end in Chromium,
// under the privacy recorder: an undecided hit flagged at the name field, a
// hit decided into the register and suppressed in a second assessment, the
// register kept in IndexedDB, exported and imported (with a preview; a
// changed decision is replaced only on request), deleted (the hit is raised
// again), and an axe scan of the register page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, answerAll, appReady, axeScanner, launch, privacyProblems, recordPrivacy, scenarioAnswers, screenshot, serve } from "./harness.mjs";
import { fixture } from "./screening-data.mjs";

let browser, server, origin;
before(async () => {
  ({ server, origin } = await serve());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const outcome = (page) => page.evaluate(() => document.querySelector("[data-testid=result] [data-testid=outcome]")?.dataset.outcome ?? null);

/** A new assessment of the clean scenario with `name` as the end-user. */
async function assess(page, name) {
  await page.getByTestId("tab-assessment").click();
  const first = page.getByTestId("new-assessment");
  await ((await first.count()) ? first : page.getByTestId("tab-new")).click();
  const answers = scenarioAnswers("001-proceed-cs-item-no-red-flags.json");
  delete answers.party_screening;
  await answerAll(page, answers);
  await page.getByTestId("nav-transaction").click();
  await page.locator("#in-end_user_name").fill(name);
}

async function registerCount(page, n) {
  await page.getByTestId("register-count").getByText(`${n} decision(s) in the register.`).waitFor({ timeout: 10000 });
}

async function importFile(page, name, json) {
  await page.getByTestId("register-import").setInputFiles([{ name, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(json)) }]);
  await page.getByTestId("register-preview").waitFor();
  return page.getByTestId("register-preview").innerText();
}

test("a hit decided 'not a match' into the company register is flagged until then, suppressed in a second assessment and a lead batch (whose results survive a reload until cleared and whose export lists every lead with its status), kept, exported, imported with a preview and deleted", async () => {
  const context = await browser.newContext({ acceptDownloads: true, bypassCSP: true });
  const rec = await recordPrivacy(context, origin);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  rec.watchPage(page);
  await page.goto(`${origin}/?lang=en#screening`);
  await appReady(page);
  rec.markLoaded();
  await page.getByTestId("list-files").setInputFiles([fixture("sdn.csv"), fixture("alt.csv")]);
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=list-row]").length === 1, null, { timeout: 60000 });
  await registerCount(page, 0);
  await page.getByTestId("register-empty").waitFor();
  await axeScanner(page, assert)("register page, empty");

  // An undecided hit: flagged at the name field, and its section is not answered.
  await assess(page, "Serguei Petroff");
  const flag = page.getByTestId("q-end_user_name").getByTestId("undecided-hits");
  await flag.waitFor({ timeout: 10000 });
  assert.match(await flag.innerText(), /This name has an undecided screening hit\. Decide it in the section “Sanctions screening”/);
  const nav = page.getByTestId("nav-transaction");
  assert.doesNotMatch(await nav.getAttribute("class"), /ea-complete/, "no ✓ while a hit is undecided");
  assert.match(await nav.innerText(), /○/);
  assert.equal(await outcome(page), "escalate");

  // Decided "not a match" into the register on the screening page: both fields are required.
  await page.getByTestId("tab-screening").click();
  const hit = page.locator("[data-testid=open-hit][data-entry='10001']");
  await hit.waitFor({ timeout: 10000 });
  await hit.getByTestId("add-to-register").click();
  await registerCount(page, 0);
  await hit.getByTestId("register-reason").fill("Different person: the customer's director was born in 1990");
  await hit.getByTestId("register-decided-by").fill("M. Weber, export control");
  await hit.getByTestId("add-to-register").click();
  await registerCount(page, 1);
  const row = page.getByTestId("register-row");
  assert.match(await row.innerText(), /Serguei Petroff\s+ofac 10001\s+Different person.*\s+M\. Weber, export control\s+\d{4}-\d\d-\d\d\s+\d{4}-\d\d-\d\d/);
  await page.getByTestId("open-hits-none").waitFor({ timeout: 10000 });
  await screenshot(page, "20-register");
  await axeScanner(page, assert)("register page with a decision");

  // The assessment counts it as decided, with the register's reason.
  await page.getByTestId("tab-assessment").click();
  await page.getByTestId("nav-screening").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=hit][data-entry='10001']")?.dataset.status === "register_not_a_match", null, { timeout: 10000 });
  assert.match(await page.getByTestId("register-note").innerText(), /Not a match according to the company register \(decided by M\. Weber, export control on .*born in 1990/);
  assert.equal(await outcome(page), "proceed_documented");
  await page.getByTestId("nav-transaction").click();
  assert.equal(await page.getByTestId("undecided-hits").count(), 0, "no flag once decided");
  assert.match(await page.getByTestId("nav-transaction").getAttribute("class"), /ea-complete/);

  // A second assessment with the same name (spelt in other case): suppressed at once.
  await assess(page, "SERGUEI  petroff");
  await page.getByTestId("nav-screening").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=hit][data-entry='10001']")?.dataset.status === "register_not_a_match", null, { timeout: 10000 });
  assert.equal(await outcome(page), "proceed_documented");

  // Kept in IndexedDB across a reload.
  rec.beforeReload();
  await page.reload();
  await appReady(page);
  rec.markLoaded();
  await page.getByTestId("tab-screening").click();
  await registerCount(page, 1);

  // Export: the register file.
  await page.getByTestId("register-search").fill("weber");
  assert.equal(await page.getByTestId("register-row").count(), 1);
  await page.getByTestId("register-search").fill("nobody");
  assert.equal(await page.getByTestId("register-row").count(), 0);
  await page.getByTestId("register-search").fill("");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("register-export").click()]);
  assert.equal(download.suggestedFilename(), "company-register.json");
  const file = JSON.parse(readFileSync(await download.path(), "utf8"));
  assert.equal(file.version, 1);
  assert.equal(file.entries.length, 1);
  const mine = file.entries[0];
  assert.equal(mine.name, "Serguei Petroff");
  assert.equal(mine.entry_id, "10001");
  assert.match(mine.entry_fingerprint, /^sha256:/);

  // Import: a colleague's file with one new and one changed decision.
  const changed = { ...mine, reason: "Other company: registered in Cyprus" };
  const other = { ...mine, name: "Sergei Petrov", reason: "Different person" };
  let preview = await importFile(page, "team.json", { version: 1, entries: [changed, other] });
  assert.match(preview, /team\.json: 1 new, 1 changed, 0 already in the register/);
  assert.match(preview, /In the register now:.*born in 1990/);
  await page.getByTestId("import-cancel").click();
  await registerCount(page, 1);
  preview = await importFile(page, "team.json", { version: 1, entries: [changed, other] });
  await page.getByTestId("import-new-only").click();
  await registerCount(page, 2);
  assert.match(await page.getByTestId("register-table").innerText(), /born in 1990/, "the changed decision was not overwritten");
  assert.doesNotMatch(await page.getByTestId("register-table").innerText(), /Cyprus/);
  await importFile(page, "team.json", { version: 1, entries: [changed, other] });
  await page.getByTestId("import-replace").click();
  await page.getByTestId("register-table").getByText(/Cyprus/).waitFor({ timeout: 10000 });
  // A damaged file is refused with the place.
  await page.getByTestId("register-import").setInputFiles([{ name: "bad.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ version: 1, entries: [{ ...mine, expires_on: "2027-02-30" }] })) }]);
  await page.getByTestId("register-message").getByText(/bad\.json: .*entries\[0\]\.expires_on/).waitFor({ timeout: 10000 });
  await registerCount(page, 2);

  // A lead batch: the register suppresses the decided hit; the export lists
  // every lead with its status, clean ones included.
  const leads = "id,name\nL1,Serguei Petroff\nL2,Anna Schmidt\nL3,PETROFF Serguei\n";
  await page.getByTestId("leads-file").setInputFiles({ name: "leads.csv", mimeType: "text/csv", buffer: Buffer.from(leads) });
  await page.getByTestId("batch-done").waitFor({ timeout: 60000 });
  assert.match(await page.getByTestId("batch-done").innerText(), /3 leads screened: 1 hit\(s\) for 1 lead\(s\)/, "the suppressed hit is not among the open hits");
  const [leadsCsv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("batch-export-leads").click()]);
  assert.equal(leadsCsv.suggestedFilename(), "leads-leads.csv");
  const lines = readFileSync(await leadsCsv.path(), "utf8").replace(/^\uFEFF/, "").trim().split("\n");
  assert.equal(lines[0], "query_id,query,status,list,entry_id,matched_name,score,explanation");
  assert.match(lines[1], /^L1,Serguei Petroff,suppressed_by_register,sdn\.csv,10001,.*Not a match according to the company register.*Cyprus/);
  assert.equal(lines[2], "L2,Anna Schmidt,clean,,,,,");
  assert.match(lines[3], /^L3,PETROFF Serguei,hit,sdn\.csv,10001,/, "another spelling is not covered by the decision");
  assert.equal(lines.length, 4);
  // The batch's results are kept until cleared: they survive a reload.
  rec.beforeReload();
  await page.reload();
  await appReady(page);
  rec.markLoaded();
  await page.getByTestId("tab-screening").click();
  await page.getByTestId("batch-done").getByText("3 leads screened: 1 hit(s) for 1 lead(s)").waitFor({ timeout: 10000 });
  // The table lists every lead with its status, the decided one included.
  const statuses = () => page.locator("[data-testid=batch-row]").evaluateAll((rows) => rows.map((r) => `${r.cells[0].innerText}:${r.dataset.status}`).sort());
  assert.deepEqual(await statuses(), ["L1:suppressed_by_register", "L2:clean", "L3:hit"]);
  const [again] = await Promise.all([page.waitForEvent("download"), page.getByTestId("batch-export-leads").click()]);
  assert.deepEqual(readFileSync(await again.path(), "utf8").replace(/^\uFEFF/, "").trim().split("\n"), lines);
  // The open hit of the batch is decided into the register from its row.
  const open = page.locator("[data-testid=batch-row][data-status=hit]");
  await open.getByTestId("batch-decide").locator("summary").click();
  await open.getByTestId("register-reason").fill("Other person: the lead is a bakery in Lyon");
  await open.getByTestId("register-decided-by").fill("Compliance desk");
  await open.getByTestId("add-to-register").click();
  await page.getByTestId("batch-done").getByText("3 leads screened: 0 hit(s) for 0 lead(s)").waitFor({ timeout: 10000 });
  assert.deepEqual(await statuses(), ["L1:suppressed_by_register", "L2:clean", "L3:suppressed_by_register"]);
  await registerCount(page, 3);
  // … and stays decided after a reload.
  rec.beforeReload();
  await page.reload();
  await appReady(page);
  rec.markLoaded();
  await page.getByTestId("tab-screening").click();
  await page.getByTestId("batch-done").getByText("3 leads screened: 0 hit(s) for 0 lead(s)").waitFor({ timeout: 10000 });
  assert.deepEqual(await statuses(), ["L1:suppressed_by_register", "L2:clean", "L3:suppressed_by_register"]);
  await page.getByTestId("batch-clear").click();
  await page.waitForFunction(() => !document.querySelector("[data-testid=batch-done]"));
  rec.beforeReload();
  await page.reload();
  await appReady(page);
  rec.markLoaded();
  await page.getByTestId("tab-screening").click();
  await registerCount(page, 3);
  assert.equal(await page.getByTestId("batch-done").count(), 0, "cleared results stay cleared");

  // Deleted: the hit is raised again in the assessment.
  await page.getByRole("button", { name: "Delete the decision about Serguei Petroff" }).click();
  await registerCount(page, 2);
  await page.locator("[data-testid=open-hit][data-entry='10001']").waitFor({ timeout: 10000 });
  await page.getByTestId("tab-assessment").click();
  await page.getByTestId("nav-screening").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=hit][data-entry='10001']")?.dataset.status === "open", null, { timeout: 10000 });
  assert.equal(await outcome(page), "escalate");

  assert.deepEqual(privacyProblems(rec, origin), []);
  assert.deepEqual(rec.errors, []);
  await context.close();
});

test("a list older than the limit is flagged on the screening page, in the assessment and in its sealed report; the limit is a kept setting", async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const rec = await recordPrivacy(context, origin);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  rec.watchPage(page);
  await page.goto(`${origin}/?lang=en#screening`);
  await appReady(page);
  rec.markLoaded();
  // The UN fixture was generated on 2026-02-27; OFAC's sdn.csv states no date.
  await page.getByTestId("list-files").setInputFiles([fixture("un-mini.xml"), fixture("sdn.csv"), fixture("alt.csv")]);
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=list-row]").length === 2, null, { timeout: 60000 });
  const today = await page.evaluate(() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`; });
  const age = Math.round((Date.parse(today) - Date.parse("2026-02-27")) / 86400000);
  assert.ok(age > 7, "the fixture is older than the default limit");
  const ages = await page.getByTestId("list-ages").innerText();
  assert.match(ages, new RegExp(`un-mini\\.xml: ${age} days old`));
  assert.match(ages, /sdn\.csv: age unknown: the file states no date/);
  const stale = page.getByTestId("stale-list");
  assert.equal(await stale.count(), 1);
  assert.match(await stale.innerText(), new RegExp(`The list un-mini\\.xml \\(un\\) is ${age} days old .*the limit is 7 days`));

  // The assessment's screening section says so.
  await assess(page, "Anna Schmidt");
  await page.getByTestId("nav-screening").click();
  const warning = page.getByTestId("screening-panel").getByTestId("list-warning");
  await warning.waitFor({ timeout: 10000 });
  assert.match(await warning.innerText(), /un-mini\.xml \(un\) is \d+ days old/);

  // A limit above the list's age: no warning, here or in the assessment; kept after a reload.
  await page.getByTestId("tab-screening").click();
  await page.getByTestId("max-list-age").fill(String(age + 1));
  await page.getByTestId("max-list-age").dispatchEvent("change");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=stale-list]").length === 0, null, { timeout: 10000 });
  await page.getByTestId("tab-assessment").click();
  await page.waitForFunction(() => !document.querySelector("[data-testid=screening-panel] [data-testid=list-warning]"), null, { timeout: 10000 });
  rec.beforeReload();
  await page.reload();
  await appReady(page);
  rec.markLoaded();
  await page.getByTestId("tab-screening").click();
  await page.waitForFunction((n) => document.querySelector("[data-testid=max-list-age]")?.value === n, String(age + 1), { timeout: 10000 });
  assert.equal(await page.getByTestId("stale-list").count(), 0);

  // Back to the default: the sealed report carries the warning in words.
  await page.getByTestId("max-list-age").fill("7");
  await page.getByTestId("max-list-age").dispatchEvent("change");
  await page.getByTestId("stale-list").waitFor({ timeout: 10000 });
  await page.getByTestId("tab-assessment").click();
  await page.getByTestId("screening-panel").getByTestId("list-warning").waitFor({ timeout: 10000 });
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-answers").click()]);
  const answers = JSON.parse(readFileSync(await download.path(), "utf8"));
  const warned = answers.screening.lists.filter((l) => l.warning);
  assert.equal(warned.length, 1);
  assert.match(warned[0].warning, /un-mini\.xml \(un\) is \d+ days old/);
  // Sealed by the CLI (byte-identical to the browser's report): the warning is in it.
  const dir = mkdtempSync(join(tmpdir(), "ea-register-"));
  writeFileSync(join(dir, "answers.json"), JSON.stringify(answers));
  const report = JSON.parse(execFileSync(join(ROOT, "target", "debug", "export-assessor"), ["report", join(dir, "answers.json"), "--created", "2026-12-03T10:00:00Z"], { encoding: "utf8" }));
  assert.deepEqual(report.screening.lists, answers.screening.lists);
  assert.deepEqual(privacyProblems(rec, origin), []);
  assert.deepEqual(rec.errors, []);
  await context.close();
});
