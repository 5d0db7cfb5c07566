// Party screening end to end in Debian Chromium, under the privacy recorder:
// list files loaded through the page and kept in IndexedDB, the assessment's
// end-user screened as it is typed (potential match → escalate, "not a
// match" with a reason, raised again when the entry changes, confirmed →
// prohibited), lead files screened in the worker with progress, cancel,
// sort, filter and CSV export; and the real UN list when it is present.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appReady, answerAll, launch, privacyProblems, recordPrivacy, ROOT, scenarioAnswers, screenshot, serve } from "./harness.mjs";
import { fixture, hasUn, leads, sha256, typo, UN_FILE, unNames, watchlist, word, rng } from "./screening-data.mjs";

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

/** A recorded page with the app loaded; `view` "screening" opens that page. */
async function open(context, rec, view = "", lang = "en") {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  rec.watchPage(page);
  await page.goto(`${origin}/?lang=${lang}${view ? `#${view}` : ""}`);
  await appReady(page);
  rec.markLoaded();
  return page;
}

async function session(view = "screening", lang = "en") {
  const context = await browser.newContext({ acceptDownloads: true });
  const rec = await recordPrivacy(context, origin);
  const page = await open(context, rec, view, lang);
  return { context, rec, page };
}

/** Loads list files through the file input; waits until `rows` lists show. */
async function loadLists(page, files, rows) {
  await page.getByTestId("list-files").setInputFiles(files);
  await page.waitForFunction((n) => document.querySelectorAll("[data-testid=list-row]").length === n && !document.querySelector("[data-testid=lists-adding]"), rows, { timeout: 60000 });
}

async function outcomeOf(page) {
  return page.getByTestId("result").getByTestId("outcome").getAttribute("data-outcome");
}

/** Exports the batch table; checks the header and the BOM; returns the rows. */
async function exportRows(page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("batch-export").click()]);
  const text = readFileSync(await download.path(), "utf8");
  assert.ok(text.startsWith("\uFEFF"), "a BOM, for spreadsheets");
  const lines = text.slice(1).trim().split("\n");
  assert.equal(lines[0], "query_id,query,status,list,entry_id,matched_name,score,explanation");
  return lines.slice(1);
}

function finish(rec) {
  assert.deepEqual(privacyProblems(rec, origin), []);
  assert.deepEqual(rec.errors, []);
}

test("list files load through the page with date and checksum, stay after a reload, and a newer file replaces the older", async () => {
  const { context, rec, page } = await session();
  await loadLists(page, [fixture("un-mini.xml"), fixture("sdn.csv"), fixture("alt.csv"), fixture("watchlist.csv")], 3);
  const table = page.getByTestId("lists-table");
  const text = await table.innerText();
  assert.match(text, /un-mini\.xml\s+un\s+2026-02-27T00:00:09\.554Z/);
  assert.ok(text.includes(sha256(readFileSync(fixture("un-mini.xml")))), "the UN list's SHA-256 is shown");
  assert.ok(text.includes(sha256(readFileSync(fixture("sdn.csv")))), "the OFAC list's SHA-256 is shown");
  assert.match(text, /sdn\.csv\s+ofac\s+not stated in the file\s+2\s+5/, "OFAC's sdn.csv with its 3 aliases from alt.csv");
  await screenshot(page, "10-screening-lists");

  // A malformed file: a precise error, and the lists loaded so far stay.
  const truncated = readFileSync(fixture("un-mini.xml"), "utf8").slice(0, 400);
  await page.getByTestId("list-files").setInputFiles({ name: "broken-un.xml", mimeType: "text/xml", buffer: Buffer.from(truncated) });
  const error = page.getByTestId("list-error");
  await error.waitFor();
  assert.match(await error.innerText(), /broken-un\.xml.*line \d+/);
  assert.equal(await page.getByTestId("list-row").count(), 3);

  // IndexedDB keeps them: a reload shows the same lists without loading again.
  rec.beforeReload();
  await page.reload();
  await appReady(page);
  rec.markLoaded();
  await page.getByTestId("list-row").nth(2).waitFor();
  assert.equal(await page.getByTestId("list-row").count(), 3);

  // A newer UN file replaces the older one (same list, new date).
  const newer = readFileSync(fixture("un-mini.xml"), "utf8").replace("2026-02-27T00:00:09.554Z", "2026-03-10T00:00:00.000Z");
  await page.getByTestId("list-files").setInputFiles({ name: "un-2026-03-10.xml", mimeType: "text/xml", buffer: Buffer.from(newer) });
  await page.getByTestId("lists-added").getByText("replaces the version generated 2026-02-27T00:00:09.554Z").waitFor();
  assert.equal(await page.getByTestId("list-row").count(), 3);
  assert.match(await table.innerText(), /un-2026-03-10\.xml\s+un\s+2026-03-10/);

  // Removing asks first.
  page.once("dialog", (d) => d.accept());
  await page.locator("[data-testid=list-row][data-key='csv:watchlist.csv'] button").click();
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=list-row]").length === 2);
  finish(rec);
  await context.close();
});

test("the end-user is screened as it is typed: a hit escalates, 'not a match' needs a reason, a changed entry raises it again, a confirmed match prohibits", async () => {
  const { context, rec, page } = await session();
  await loadLists(page, [fixture("sdn.csv"), fixture("alt.csv"), fixture("eu-mini.xml")], 2);
  await page.getByTestId("tab-assessment").click();
  await page.getByTestId("new-assessment").click();
  const answers = scenarioAnswers("001-proceed-cs-item-no-red-flags.json");
  delete answers.party_screening;
  await answerAll(page, answers);
  // Screened clean: the screening answers the question.
  await page.getByTestId("nav-screening").click();
  const panel = page.getByTestId("screening-panel");
  await panel.getByTestId("derived-answer").getByText("Screened: no match").waitFor();
  assert.equal(await outcomeOf(page), "proceed_documented");

  // A listed alias as the end-user: a potential match, and the assessment escalates.
  await page.getByTestId("nav-transaction").click();
  await page.locator("#in-end_user_name").fill("Serguei Petroff");
  await page.waitForFunction(() => document.querySelector("[data-testid=outcome]")?.dataset.outcome === "escalate", null, { timeout: 10000 });
  await page.getByTestId("nav-screening").click();
  const hit = panel.locator("[data-testid=hit][data-entry='10001']");
  await hit.waitFor();
  assert.equal(await hit.getAttribute("data-status"), "open");
  assert.match(await hit.innerText(), /PETROFF Serguei · sdn\.csv · entry 10001 · score 1\.00/);
  assert.match(await hit.innerText(), /alias "PETROFF Serguei"; tokens serguei=serguei, petroff=petroff/, "the hit is explained");
  assert.match(await page.getByTestId("findings").innerText(), /Unresolved potential sanctions-list match/);
  await screenshot(page, "11-assessment-potential-match");

  // "Not a match" without a reason is refused; with one it resolves the hit.
  await hit.getByTestId("not-a-match").click();
  assert.equal(await hit.getAttribute("data-status"), "open");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "hit-reason", "the focus goes to the missing reason");
  await hit.getByTestId("hit-reason").fill("Different person: the customer's director was born in 1990 (passport seen)");
  await hit.getByTestId("not-a-match").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=hit][data-entry='10001']")?.dataset.status === "not_a_match");
  assert.equal(await outcomeOf(page), "proceed_documented");

  // The decision is kept with the assessment.
  rec.beforeReload();
  await page.reload();
  await appReady(page);
  rec.markLoaded();
  await page.getByTestId("nav-screening").click();
  await panel.locator("[data-testid=hit][data-status=not_a_match]").waitFor();
  assert.match(await panel.innerText(), /born in 1990/);

  // The printed report holds the lists (date, checksum) and the decision.
  await page.evaluate(() => { location.hash = "report"; });
  await page.getByTestId("report-page").waitFor();
  await page.emulateMedia({ media: "print" });
  const printed = await page.getByTestId("report-page").innerText();
  assert.ok(printed.includes(sha256(readFileSync(fixture("sdn.csv")))), "the printed record names the list's SHA-256");
  assert.match(printed, /born in 1990/);
  await page.emulateMedia({ media: "screen" });
  await page.evaluate(() => { location.hash = "assessment"; });

  // The answers file carries the screening; the CLI seals a report with it.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-answers").click()]);
  const dir = mkdtempSync(join(tmpdir(), "ea-screening-"));
  const file = join(dir, "answers.json");
  await download.saveAs(file);
  const report = JSON.parse(execFileSync(CLI, ["report", file, "--created", "2026-12-02T10:00:00Z"], { encoding: "utf8" }));
  assert.equal(report.outcome, "proceed_documented");
  assert.equal(report.screening.decisions[0].verdict, "not_a_match");
  assert.equal(report.screening.lists.find((l) => l.key === "ofac").sha256, sha256(readFileSync(fixture("sdn.csv"))));
  writeFileSync(join(dir, "report.json"), JSON.stringify(report));
  assert.match(execFileSync(CLI, ["verify", join(dir, "report.json")], { encoding: "utf8" }), /^OK/);

  // OFAC publishes a changed entry: the decision no longer holds.
  await page.getByTestId("tab-screening").click();
  const changed = readFileSync(fixture("alt.csv"), "utf8") + '10001,5003,"aka","PETROV, Sergey",-0- \n';
  await page.getByTestId("list-files").setInputFiles([
    { name: "sdn.csv", mimeType: "text/csv", buffer: readFileSync(fixture("sdn.csv")) },
    { name: "alt.csv", mimeType: "text/csv", buffer: Buffer.from(changed) },
  ]);
  await page.getByTestId("lists-added").getByText("replaces the earlier file").waitFor();
  await page.getByTestId("tab-assessment").click();
  await panel.locator("[data-testid=hit][data-status=reopened]").waitFor();
  assert.equal(await outcomeOf(page), "escalate");
  assert.match(await panel.innerText(), /the list entry has changed/);

  // Confirmed on OFAC's list only: no EU prohibition, so it escalates, and the
  // ground says why.
  await panel.locator("[data-testid=hit][data-entry='10001']").getByTestId("confirm-match").click();
  await page.getByTestId("grounds").waitFor();
  assert.equal(await outcomeOf(page), "escalate");
  assert.match(await page.getByTestId("findings").innerText(), /Confirmed match on a non-EU or company list/);
  assert.match(await page.getByTestId("grounds").innerText(), /entry 10001.*not an EU act.*No EU prohibition/s);

  // Confirmed on the EU list: the export is prohibited, and the ground is the
  // regulation the list entry names.
  await page.getByTestId("nav-transaction").click();
  await page.locator("#in-end_user_name").fill("Tekhnopribor LLC");
  await page.getByTestId("nav-screening").click();
  const euHit = panel.locator("[data-testid=hit][data-entry='13']");
  await euHit.waitFor();
  await euHit.getByTestId("confirm-match").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=outcome]")?.dataset.outcome === "prohibited");
  assert.match(await page.getByTestId("findings").innerText(), /Confirmed match on an EU or UN sanctions list/);
  assert.match(await page.getByTestId("grounds").innerText(), /entry 13 .*Regulation 2014\/269/s);
  assert.match(await page.getByTestId("decided-by").innerText(), /Source: secondary summary/);
  await screenshot(page, "12-assessment-confirmed-match");
  finish(rec);
  await context.close();
});

test("a lead file is screened off the main thread with progress, can be cancelled, and its hits are sorted, filtered and exported", async () => {
  const { context, rec, page } = await session();
  const list = watchlist(3000);
  await page.getByTestId("list-files").setInputFiles({ name: "own-blocklist.csv", mimeType: "text/csv", buffer: Buffer.from(list.csv) });
  await page.getByTestId("list-row").waitFor();
  const { csv, expected } = leads(10000, list.names);

  // While 10,000 leads are screened the page keeps answering: a heartbeat on
  // the main thread measures its longest pause.
  await page.evaluate(() => {
    window.__gaps = [];
    let last = performance.now();
    window.__beat = setInterval(() => {
      const now = performance.now();
      window.__gaps.push(now - last);
      last = now;
    }, 20);
  });
  await page.getByTestId("leads-file").setInputFiles({ name: "leads.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByTestId("batch-progress").waitFor();
  await page.getByTestId("batch-done").waitFor({ timeout: 120000 });
  const longest = await page.evaluate(() => {
    clearInterval(window.__beat);
    return Math.max(...window.__gaps);
  });
  // Off the main thread, not a time budget (the benchmark measures that):
  // screening 10,000 leads on the main thread would stop it for seconds,
  // while a busy shared machine alone can stretch a heartbeat past 250 ms.
  assert.ok(longest < 1000, `the main thread paused ${longest.toFixed(0)} ms during the batch`);
  const summary = await page.getByTestId("batch-status").innerText();
  assert.match(summary, /10000 leads in leads\.csv \(UTF-8, delimiter “,”, header row\)/);
  assert.equal(await page.getByTestId("batch-row").count(), 100, "a page of 100 rows");
  await screenshot(page, "13-batch-results");
  // Every listed name is found; invented names are (almost) never flagged.
  const all = await exportRows(page);
  // Every lead is listed; a clean one has one row with empty hit columns.
  assert.equal(new Set(all.map((l) => l.split(",")[0])).size, 10000, "every lead is in the table");
  const found = new Set(all.filter((l) => !l.endsWith(",clean,,,,,")).map((l) => l.split(",")[0]));
  const missed = [...expected].filter((id) => !found.has(id));
  const invented = [...found].filter((id) => !expected.has(id));
  assert.deepEqual(missed, [], "listed names not found");
  assert.ok(invented.length <= 90, `${invented.length} of 9000 invented names flagged`);
  assert.match(summary, new RegExp(`for ${found.size} lead`));

  // Sorting: by lead id (natural order), then the other way round.
  await page.getByTestId("sort-lead").click();
  assert.equal(await page.locator("[data-testid=batch-row] td").first().innerText(), "L1");
  assert.equal(await page.locator("th[aria-sort=ascending]").count(), 1);
  await page.getByTestId("sort-lead").click();
  assert.equal(await page.locator("th[aria-sort=descending]").count(), 1);
  // Filtering by text.
  await page.getByTestId("batch-filter").fill("L100");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=batch-row]").length < 100);
  const filtered = await page.locator("[data-testid=batch-row] td:first-child").allInnerTexts();
  assert.ok(filtered.length > 0 && filtered.every((id) => id.startsWith("L100")), filtered.join(" "));
  // Export: the rows shown.
  assert.equal((await exportRows(page)).length, filtered.length);

  // Cancel: a longer run (50,000 leads, some seconds) stops part-way and
  // keeps what it found.
  await page.getByTestId("batch-filter").fill("");
  const longer = leads(50000, list.names, 12).csv;
  await page.getByTestId("leads-file").setInputFiles({ name: "leads-50000.csv", mimeType: "text/csv", buffer: Buffer.from(longer) });
  await page.getByTestId("batch-cancel").click();
  const cancelled = await page.getByTestId("batch-cancelled").innerText();
  const [, done, total] = cancelled.match(/after (\d+) of (\d+)/).map(Number);
  assert.equal(total, 50000);
  assert.ok(done < total, cancelled);
  assert.ok((await page.getByTestId("batch-row").count()) > 0, "the hits found before the cancel are shown");
  finish(rec);
  await context.close();
});

test("a Windows-1252 lead file with semicolons and no header, dropped on the page, is read as such", async () => {
  const { context, rec, page } = await session();
  await loadLists(page, [fixture("eu-mini.xml")], 1);
  // "Zoë Müller-Łukasiewicz" cannot be written in Windows-1252; the entry's
  // name without diacritics still matches.
  const text = "A1;Zoe Muller Lukasiewicz;PL\r\nA2;Jürgen Groß Consulting;DE\r\n";
  const bytes = Buffer.from([...text].map((c) => ({ "ü": 0xfc, "ß": 0xdf })[c] ?? c.charCodeAt(0)));
  // Dropped, as a user drags a file from the desktop.
  const dataTransfer = await page.evaluateHandle((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], "export.csv", { type: "text/csv" }));
    return dt;
  }, [...bytes]);
  await page.dispatchEvent("[data-testid=leads-drop]", "drop", { dataTransfer });
  await page.getByTestId("batch-done").waitFor();
  assert.match(await page.getByTestId("batch-lists").innerText(), /eu-mini\.xml \(eu-fsf, generated 2026-07-31T18:40:51\.000\+02:00, 3 entries\) sha256:/);
  assert.match(await page.getByTestId("batch-status").innerText(), /2 leads in export\.csv \(Windows-1252, delimiter “;”, no header row/);
  // Every lead is listed with its status: A1 a potential match, A2 clean.
  assert.deepEqual(await page.locator("[data-testid=batch-row] td:first-child").allInnerTexts(), ["A1", "A2"]);
  assert.deepEqual(await page.locator("[data-testid=batch-row]").evaluateAll((rows) => rows.map((r) => r.dataset.status)), ["hit", "clean"]);
  assert.equal(await page.locator("[data-testid=batch-row][data-status=clean] [data-testid=batch-status-cell]").innerText(), "Clean");
  finish(rec);
  await context.close();
});

test("the screening page fits a 390 px phone: nothing scrolls sideways, no nested scroll boxes, the tables become labelled blocks", async () => {
  const { context, rec, page } = await session();
  await page.setViewportSize({ width: 1366, height: 900 });
  // Lists with long checksums and file names, a quick check with hits, and
  // a lead file with more than a page of hits.
  await loadLists(page, [fixture("un-mini.xml"), fixture("sdn.csv"), fixture("alt.csv"), fixture("watchlist.csv"), fixture("eu-mini.xml")], 4);
  const list = watchlist(300);
  await page.getByTestId("list-files").setInputFiles({ name: "own-blocklist-with-a-long-file-name-2026-12-01.csv", mimeType: "text/csv", buffer: Buffer.from(list.csv) });
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=list-row]").length === 5, null, { timeout: 60000 });
  await page.getByTestId("check-name").fill("Abdul Rahman");
  await page.getByTestId("check-button").click();
  await page.getByTestId("check-hit").first().waitFor();
  await page.getByTestId("leads-file").setInputFiles({ name: "leads.csv", mimeType: "text/csv", buffer: Buffer.from(leads(2000, list.names).csv) });
  await page.getByTestId("batch-done").waitFor({ timeout: 120000 });
  await page.getByTestId("batch-next").waitFor();
  assert.equal(await page.getByTestId("batch-row").count(), 100);

  /** How wide the document and the page are, and any scroll box inside the page that scrolls sideways. */
  const layout = () => page.evaluate(() => {
    const root = document.querySelector("[data-testid=screening-page]");
    const boxes = [...root.querySelectorAll("*")]
      .filter((el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} (${el.scrollWidth} > ${el.clientWidth})`);
    const viewport = document.documentElement.clientWidth;
    const wide = [...root.querySelectorAll("*")]
      .filter((el) => el.getBoundingClientRect().right > viewport + 0.5)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}[data-testid=${el.dataset.testid ?? ""}] right ${Math.round(el.getBoundingClientRect().right)}`);
    return { document: document.documentElement.scrollWidth, page: root.scrollWidth, pageClient: root.clientWidth, boxes, wide };
  });

  const desktop = await layout();
  assert.deepEqual(desktop.boxes, [], "no nested scroll box at 1366 px");
  assert.ok(desktop.document <= 1366, `the document is ${desktop.document} px wide at 1366 px`);
  await screenshot(page, "screening-1366");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const phone = await layout();
  assert.ok(phone.document <= 390, `the document is ${phone.document} px wide at 390 px: ${phone.wide.join(", ")}`);
  assert.ok(phone.page <= phone.pageClient, `the screening page is ${phone.page} px wide in ${phone.pageClient} px: ${phone.wide.join(", ")}`);
  assert.deepEqual(phone.boxes, [], "no nested scroll box at 390 px");
  // The tables show each row as a block of cells labelled from the catalogue.
  const row = page.getByTestId("batch-row").first();
  assert.equal(await row.evaluate((el) => getComputedStyle(el).display), "block");
  assert.equal(await row.locator("td").first().getAttribute("data-label"), "Lead");
  assert.equal(await page.getByTestId("list-row").first().locator("td").nth(5).getAttribute("data-label"), "SHA-256 of the file");
  // Sorting still works from the line of sort buttons.
  await page.getByTestId("sort-lead").click();
  assert.equal(await page.locator("[data-testid=batch-row] td").first().innerText(), "L1");
  assert.ok((await layout()).document <= 390);
  await screenshot(page, "screening-390");
  finish(rec);
  await context.close();
});

test("the screening page speaks German and passes an axe scan", async () => {
  const axe = readFileSync(join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${origin}/?lang=de#screening`);
  await appReady(page);
  await page.getByText("Listen", { exact: true }).waitFor();
  await page.getByTestId("list-files").setInputFiles([fixture("un-mini.xml")]);
  await page.getByTestId("list-row").waitFor();
  await page.getByTestId("check-name").fill("Abdul Rahman");
  await page.getByTestId("check-button").click();
  await page.getByTestId("check-hit").first().waitFor();
  assert.match(await page.getByTestId("check-hit").first().innerText(), /Namensteile/);
  await page.evaluate(axe);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => ["serious", "critical"].includes(v.impact));
  assert.deepEqual(bad.map((v) => `${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`), []);
  await screenshot(page, "14-screening-de");
  // The language follows the questionnaire's switch.
  await page.getByTestId("lang-switch").selectOption("en");
  await page.getByText("Lists", { exact: true }).waitFor();
  await context.close();
});

test("the real UN list through the UI: an end-user and a 1,000-row lead file, exported", { skip: hasUn() ? false : `skipped: ${UN_FILE} is absent` }, async () => {
  const { context, rec, page } = await session();
  await loadLists(page, [UN_FILE], 1);
  assert.match(await page.getByTestId("lists-table").innerText(), /1003\s+4133\s+sha256:/);
  assert.ok((await page.getByTestId("lists-table").innerText()).includes(sha256(readFileSync(UN_FILE))));

  const { entities, people } = unNames();
  // The end-user: a listed entity, misspelt.
  await page.getByTestId("tab-assessment").click();
  await page.getByTestId("new-assessment").click();
  const target = entities.find((e) => e.split(" ").length >= 3 && e.length < 40);
  await page.locator("#in-end_user_name").fill(typo(target));
  await page.getByTestId("nav-screening").click();
  await page.getByTestId("screening-panel").locator("[data-testid=hit]").first().waitFor({ timeout: 10000 });
  assert.match(await page.getByTestId("screening-panel").innerText(), new RegExp(target.split(" ")[0], "i"));

  // 1,000 leads: 100 listed names (some misspelt, some reordered), 900 invented.
  const next = rng(3);
  const rows = ["id,name,country"];
  const listed = new Set();
  for (let i = 1; i <= 1000; i++) {
    if (i % 10 === 0) {
      const pool = i % 20 === 0 ? entities : people;
      let name = pool[Math.floor(next() * pool.length)];
      if (i % 30 === 0) name = typo(name);
      else if (i % 40 === 0) name = name.split(" ").reverse().join(" ");
      rows.push(`U${i},"${name.replace(/"/g, '""')}",`);
      listed.add(`U${i}`);
    } else {
      rows.push(`U${i},${word(next)} ${word(next)} GmbH,DE`);
    }
  }
  await page.getByTestId("tab-screening").click();
  await page.getByTestId("leads-file").setInputFiles({ name: "un-leads.csv", mimeType: "text/csv", buffer: Buffer.from(rows.join("\n")) });
  await page.getByTestId("batch-done").waitFor({ timeout: 120000 });
  const exported = await exportRows(page);
  const found = new Set(exported.filter((l) => !l.endsWith(",clean,,,,,")).map((l) => l.split(",")[0]));
  const recall = [...listed].filter((id) => found.has(id)).length / listed.size;
  const falseHits = [...found].filter((id) => !listed.has(id));
  assert.ok(recall >= 0.95, `recall ${recall}`);
  assert.ok(falseHits.length <= 9, `invented leads flagged: ${falseHits.join(" ")}`);
  await screenshot(page, "15-un-batch");
  finish(rec);
  await context.close();
});
