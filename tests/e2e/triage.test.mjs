// Lead triage end to end in Debian Chromium, under the privacy recorder:
// a list loaded through the screening page, two products put into the
// catalogue through the worker's client, a CSV and an .xlsx lead file
// dropped on the triage page (#/triage), mapped, triaged in the worker;
// the counts per class, a lead's reasons, sort and filter, the CSV export
// byte for byte against `export-assessor triage` on the same files, the
// `assess` lead opened as a pre-filled assessment (and its outcome shown
// back in the table once complete), German labels, axe, nothing sent.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { answerAll, appReady, axeScanner, launch, privacyProblems, recordPrivacy, ROOT, screenshot, serve } from "./harness.mjs";
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

const CLI = [join(ROOT, "target", "release", "export-assessor"), join(ROOT, "target", "debug", "export-assessor")].find(existsSync);
const CATALOGUE = join(ROOT, "tests", "fixtures", "triage-page", "catalogue-2.json");
const LIST = fixture("un-mini.xml");
const RULES = JSON.parse(readFileSync(join(ROOT, "src", "core", "data", "eu-rules.json"), "utf8"));
const PROFILE = JSON.parse(readFileSync(join(ROOT, "src", "core", "data", "eu-triage.json"), "utf8"));

// The leads: one per class by design (the engine's own cases), a company
// on the UN list, and two bad rows. The expected classes come from the
// CLI on the same files; the designed ones are checked as well.
const HEADER = ["Company", "Country", "Products", "End-user type", "Note"];
const DESIGNED = { 2: "licence_needed", 3: "low_risk", 4: "not_in_scope", 5: "assess", 6: "stop" };
const csvField = (s) => (/[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const CLASSES = ["stop", "licence_needed", "assess", "low_risk", "not_in_scope"];

// The lead files (tests/fixtures/triage/page/, written by
// tests/triage_sheets.rs: the .xlsx through rust_xlsxwriter), copied so
// that the page and the CLI read files of the same name.
const PAGE_FIXTURES = join(ROOT, "tests", "fixtures", "triage", "page");
function leadFiles() {
  const dir = mkdtempSync(join(tmpdir(), "ea-triage-"));
  const csv = join(dir, "leads.csv");
  const book = join(dir, "leads.xlsx");
  copyFileSync(join(PAGE_FIXTURES, "leads.csv"), csv);
  copyFileSync(join(PAGE_FIXTURES, "leads.xlsx"), book);
  return { dir, csv, book };
}

/** What `export-assessor triage` writes for the same files and day. */
function cliCsv(leads, today) {
  assert.ok(CLI, "export-assessor is built (cargo build --release)");
  return execFileSync(CLI, ["triage", "--catalogue", CATALOGUE, "--list", LIST, "--member-state", "DE", "--today", today, leads], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** The lead's class per row number of an export (bad rows left out). */
function classesOf(csv) {
  const split = (line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g).map((c) => c.replace(/,$/, ""));
  const [header, ...lines] = csv.replace(/^\uFEFF/, "").trim().split("\n");
  const names = split(header);
  const at = (cells, name) => cells[names.indexOf(name)];
  const byRow = {};
  for (const line of lines) {
    const cells = split(line);
    const cls = at(cells, "lead_class");
    if (CLASSES.includes(cls)) byRow[at(cells, "row")] = cls;
  }
  return byRow;
}

async function session(lang = "en") {
  const context = await browser.newContext({ acceptDownloads: true });
  const rec = await recordPrivacy(context, origin);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  rec.watchPage(page);
  await page.goto(`${origin}/?lang=${lang}#screening`);
  await appReady(page);
  rec.markLoaded();
  // The list, through the screening page; the catalogue, through the client.
  await page.getByTestId("list-files").setInputFiles([LIST]);
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=list-row]").length === 1, null, { timeout: 60000 });
  await page.evaluate((json) => window.exportAssessorClient.setCatalogue(json), readFileSync(CATALOGUE, "utf8"));
  await page.evaluate(() => (location.hash = "#/triage"));
  await page.waitForFunction(() => document.documentElement.dataset.triage === "ready");
  await page.getByTestId("triage-page").waitFor();
  return { context, rec, page };
}

/** Drops a lead file on the page, maps it as guessed, runs; returns the page's day. */
async function triage(page, file) {
  await page.getByTestId("triage-file").setInputFiles(file);
  await page.getByTestId("triage-mapping").waitFor();
  await page.getByTestId("triage-member-state").selectOption("DE");
  await page.getByTestId("triage-run").click();
  const done = await page.getByTestId("triage-done").innerText({ timeout: 60000 });
  return done.match(/\d{4}-\d{2}-\d{2}/)[0];
}

async function counts(page) {
  const out = {};
  for (const c of CLASSES) out[c] = Number(await page.getByTestId(`count-${c}`).innerText());
  return out;
}

function expectedCounts(byRow) {
  const out = Object.fromEntries(CLASSES.map((c) => [c, 0]));
  for (const c of Object.values(byRow)) out[c]++;
  return out;
}

function finish(rec) {
  assert.deepEqual(privacyProblems(rec, origin), []);
  assert.deepEqual(rec.errors, []);
}

test("a CSV lead file is mapped, triaged in the worker into five classes with reasons, sorted, filtered and exported as the CLI writes it", async () => {
  const { context, rec, page } = await session();
  const { csv } = leadFiles();
  await page.getByTestId("triage-file").setInputFiles(csv);
  await page.getByTestId("triage-mapping").waitFor();
  // The guess from the header, and the preview of the first rows.
  assert.equal(await page.getByTestId("map-company").inputValue(), "0");
  assert.equal(await page.getByTestId("map-country").inputValue(), "1");
  assert.equal(await page.getByTestId("map-products").inputValue(), "2");
  assert.match(await page.getByTestId("triage-preview").innerText(), /Great Wall Analytics/);
  // An incomplete mapping: the core says what is missing; Run waits.
  await page.getByTestId("map-company").selectOption("");
  await page.getByTestId("triage-mapping-problem").waitFor();
  assert.ok(await page.getByTestId("triage-run").isDisabled());
  await page.getByTestId("map-company").selectOption("0");
  await page.getByTestId("triage-mapping-problem").waitFor({ state: "detached" });
  const today = await triage(page, csv);

  assert.match(await page.getByTestId("triage-lists").innerText(), /un-mini\.xml \(2026-02-27[^,]*, sha256:[0-9a-f]{64}\)/);
  const byRow = classesOf(cliCsv(csv, today));
  for (const [row, cls] of Object.entries(DESIGNED)) assert.equal(byRow[row], cls, `row ${row} is ${cls} by design`);
  assert.equal(byRow[7], "assess", "the listed company is assessed (potential match)");
  assert.deepEqual(await counts(page), expectedCounts(byRow));
  for (const c of CLASSES) assert.ok((await counts(page))[c] >= 1, `a lead of class ${c}`);
  // The bad rows, with row number and reason.
  const bad = await page.getByTestId("triage-bad").innerText();
  assert.match(bad, /Rows not triaged: 2/);
  assert.match(bad, /Row 8: .*country/i);
  assert.match(bad, /Row 9: .*product/i);
  // A row's class is words and a shape, and its reasons open on demand.
  const assessRow = page.locator("[data-testid=triage-row][data-row='5']");
  assert.match(await assessRow.innerText(), /◆\s*Assess/);
  await assessRow.getByTestId("triage-reasons-toggle").click();
  const reasons = await assessRow.getByTestId("triage-reasons").innerText();
  assert.match(reasons, /LM-20/);
  assert.ok(/Open, only an assessment answers|Deciding rules|Findings/.test(reasons), reasons);
  const listedRow = page.locator("[data-testid=triage-row][data-row='7']");
  await listedRow.getByTestId("triage-reasons-toggle").click();
  assert.match(await listedRow.getByTestId("triage-hits").innerText(), /KOREA ZEUS TRADING CORPORATION/i);
  await screenshot(page, "60-triage-table");

  // Sort by company (aria-sort follows), then the other way.
  await page.getByTestId("sort-company").click();
  const th = page.locator("th", { has: page.getByTestId("sort-company") });
  assert.equal(await th.getAttribute("aria-sort"), "ascending");
  const companies = await page.locator("[data-testid=triage-row] td:nth-child(2)").allInnerTexts();
  assert.deepEqual(companies, [...companies].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  await page.getByTestId("sort-company").click();
  assert.equal(await th.getAttribute("aria-sort"), "descending");
  // Filter by class, then by text.
  await page.getByTestId("triage-class-filter").selectOption("stop");
  assert.deepEqual(await page.locator("[data-testid=triage-row]").evaluateAll((rows) => rows.map((r) => r.dataset.row)), ["6"]);
  await page.getByTestId("triage-class-filter").selectOption("");
  await page.getByTestId("triage-search").fill("acme");
  assert.equal(await page.locator("[data-testid=triage-row]").count(), 2);
  await page.getByTestId("triage-search").fill("");

  // The export: byte for byte what the CLI writes for the same files and day.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("triage-export-csv").click()]);
  assert.equal(readFileSync(await download.path(), "utf8"), cliCsv(csv, today));
  const [book] = await Promise.all([page.waitForEvent("download"), page.getByTestId("triage-export-xlsx").click()]);
  assert.equal(readFileSync(await book.path()).subarray(0, 2).toString(), "PK", "an .xlsx (zip) file");

  await axeScanner(page, assert)("triage table");
  finish(rec);
  await context.close();
});

test("an .xlsx lead file is read in the worker and triaged as its CSV twin", async () => {
  const { context, rec, page } = await session();
  const { csv, book } = leadFiles();
  const today = await triage(page, book);
  assert.match(await page.getByTestId("triage-read").innerText(), /8 rows in leads\.xlsx/);
  assert.deepEqual(await counts(page), expectedCounts(classesOf(cliCsv(csv, today))));
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("triage-export-csv").click()]);
  assert.equal(readFileSync(await download.path(), "utf8"), cliCsv(book, today));
  finish(rec);
  await context.close();
});

test("the assess lead opens a pre-filled assessment with the answers' sources, and its outcome comes back to the table", async () => {
  const { context, rec, page } = await session();
  const { csv } = leadFiles();
  await triage(page, csv);
  const row = page.locator("[data-testid=triage-row][data-row='5']");
  await row.getByTestId("triage-open").click();
  await page.waitForFunction(() => document.documentElement.dataset.view === "assessment");
  // The destination, the end-user and the product's item answers are there.
  const question = (id) => RULES.questions.find((q) => q.id === id);
  const show = async (id) => {
    await page.getByTestId(`nav-${question(id).section}`).click();
    const box = page.getByTestId(`q-${id}`);
    await box.waitFor();
    return box;
  };
  assert.equal(await (await show(RULES.destination_question)).locator("select").inputValue(), "CN");
  assert.equal(await (await show(PROFILE.lead_questions.company)).locator("input, textarea").inputValue(), "Great Wall Analytics");
  assert.ok(await (await show("cs_covert")).locator("input[value=yes]").isChecked(), "the product's item answer");
  assert.match(await (await show("record_notes")).locator("textarea, input").inputValue(), /Pre-filled from lead triage on \d{4}-\d{2}-\d{2}\..*From the product “LawfulMon 20 analytics suite” \(id LM-20/s);
  await screenshot(page, "61-triage-prefilled");
  // Back in the table: the lead is linked to its assessment; opening it
  // again opens the same one (nothing new in the archive).
  await page.evaluate(() => (location.hash = "#/triage"));
  await row.getByText(/Open again: LM-20/).waitFor();
  assert.match(await row.getByTestId("triage-outcome").innerText(), /LM-20: assessment not complete/);
  // Completed (the customer turns out to be in France): the row shows the
  // assessment's outcome in words.
  await row.getByTestId("triage-open").click();
  await page.waitForFunction(() => document.documentElement.dataset.view === "assessment");
  await answerAll(page, { destination_country: "FR", end_use_statement: "yes", end_use_consistent: "yes", party_screening: "no_match" });
  assert.equal(await page.getByTestId("result").getByTestId("outcome").getAttribute("data-outcome"), "not_in_scope");
  await page.evaluate(() => (location.hash = "#/triage"));
  await row.getByText(/LM-20: Not in scope/).waitFor({ timeout: 10000 });
  // The questionnaire's saved work, as the host passes it on.
  const drafts = async () => page.evaluate(() => new Promise((resolve) => window.exportAssessorClient.subscribeWork((work) => resolve(JSON.parse(work).archive.length))));
  const before = await drafts();
  await row.getByTestId("triage-open").click();
  await page.waitForFunction(() => document.documentElement.dataset.view === "assessment");
  assert.equal(await drafts(), before);
  finish(rec);
  await context.close();
});

test("German: the page, the classes and the bad rows' reasons in German; axe clean; a 390 px phone", async () => {
  const { context, rec, page } = await session("de");
  const { csv } = leadFiles();
  await page.getByTestId("triage-file").setInputFiles(csv);
  await page.getByTestId("triage-mapping").waitFor();
  assert.match(await page.getByTestId("triage-page").innerText(), /Lead-Triage[\s\S]*Welche Spalte ist welche[\s\S]*Mitgliedstaat des Ausführers/);
  await page.getByTestId("triage-member-state").selectOption("DE");
  await page.getByTestId("triage-run").click();
  await page.getByTestId("triage-done").waitFor({ timeout: 60000 });
  const countsText = await page.getByTestId("triage-counts").innerText();
  for (const word of ["Stopp", "Genehmigung nötig", "Prüfen", "Geringes Risiko", "Nicht betroffen"]) assert.ok(countsText.includes(word), word);
  assert.match(await page.getByTestId("triage-bad").innerText(), /Zeile 8: das Land ist unbekannt/);
  await axeScanner(page, assert)("triage (de)");
  // On a 390 px phone nothing scrolls sideways: the rows become labelled blocks.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the document is ${width} px wide at 390 px`);
  const row = page.getByTestId("triage-row").first();
  assert.equal(await row.evaluate((el) => getComputedStyle(el).display), "block");
  assert.equal(await row.locator("td").nth(1).getAttribute("data-label"), "Firma");
  await screenshot(page, "62-triage-390-de");
  finish(rec);
  await context.close();
});

test("a long lead file shows its progress and can be cancelled; the table and export keep the leads triaged so far", async () => {
  const { context, rec, page } = await session();
  const dir = mkdtempSync(join(tmpdir(), "ea-triage-long-"));
  const file = join(dir, "long.csv");
  const total = 20000;
  const rows = [HEADER.join(",")];
  for (let i = 0; i < total; i++) rows.push([`Lead ${i} Trading Ltd`, ["US", "CN", "FR", "BY"][i % 4], ["NX-500", "LM-20", "NX-500;LM-20"][i % 3], "private_company", ""].map(csvField).join(","));
  writeFileSync(file, rows.join("\n") + "\n");
  await page.getByTestId("triage-file").setInputFiles(file);
  await page.getByTestId("triage-mapping").waitFor();
  await page.getByTestId("triage-member-state").selectOption("DE");
  await page.getByTestId("triage-run").click();
  await page.getByTestId("triage-status").getByText(new RegExp(`of ${total} leads triaged`)).waitFor({ timeout: 30000 });
  await page.getByTestId("triage-cancel").click();
  const done = await page.getByTestId("triage-done").innerText({ timeout: 30000 });
  const m = done.match(/Cancelled after (\d+) of (\d+) leads/);
  assert.ok(m, done);
  const triaged = Number(m[1]);
  assert.ok(triaged > 0 && triaged < total, done);
  const sum = Object.values(await counts(page)).reduce((a, b) => a + b, 0);
  assert.equal(sum, triaged, "the counts are of the leads triaged");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("triage-export-csv").click()]);
  assert.equal(Object.keys(classesOf(readFileSync(await download.path(), "utf8"))).length, triaged, "the export holds the leads triaged");
  finish(rec);
  await context.close();
});
