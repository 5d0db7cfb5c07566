// The questionnaire app end to end in Debian Chromium: three realistic
// assessments through the UI, a reload half-way, the print view, the answers
// download checked by the native CLI, German, storage failure, and an axe
// scan of every screen — all under the privacy recorder.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
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

async function start(context, lang = "en") {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`${origin}/?lang=${lang}`);
  await appReady(page);
  return page;
}

/** A page of the app under the privacy recorder, loaded, with a new assessment open. */
async function startRecorded(lang = "en") {
  const context = await browser.newContext({ acceptDownloads: true });
  const rec = await recordPrivacy(context, origin);
  const page = await start(context, lang);
  rec.watchPage(page);
  await page.waitForLoadState("networkidle");
  rec.markLoaded();
  await page.getByTestId("new-assessment").click();
  return { context, rec, page };
}

async function outcomeOf(page) {
  return page.getByTestId("outcome").getAttribute("data-outcome");
}

/** Downloads the answers and has the native CLI seal and verify a report. */
async function verifyWithCli(page, expected) {
  assert.ok(existsSync(CLI), `${CLI} is built by cargo test`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-answers").click()]);
  const dir = mkdtempSync(join(tmpdir(), "ea-"));
  const answers = join(dir, "answers.json");
  await download.saveAs(answers);
  const report = execFileSync(CLI, ["report", answers, "--created", "2026-11-25T10:00:00Z"], { encoding: "utf8" });
  assert.equal(JSON.parse(report).outcome, expected, "the CLI reaches the outcome the app shows");
  writeFileSync(join(dir, "report.json"), report);
  const ok = execFileSync(CLI, ["verify", join(dir, "report.json")], { encoding: "utf8" });
  assert.match(ok, /^OK: the fingerprint holds/);
  return { dir, answers };
}

test("not in scope: an intra-EU transfer, with a reload half-way that resumes", async () => {
  const { context, rec, page } = await startRecorded();
  const answers = scenarioAnswers("002-not-in-scope-intra-eu.json");
  await answerAll(page, answers, { only: ["exporter_member_state", "item_name", "item_description"] });
  await screenshot(page, "01-questionnaire-started");

  // Reload: the same assessment, the same answers.
  rec.beforeReload();
  await page.reload();
  await appReady(page);
  rec.markLoaded();
  assert.equal(await page.locator("#in-item_name").inputValue(), answers.item_name);
  assert.equal(await page.locator("#in-exporter_member_state").inputValue(), "DE");

  await answerAll(page, answers);
  assert.equal(await outcomeOf(page), "not_in_scope");
  await page.getByText("Not in scope", { exact: true }).waitFor();
  await screenshot(page, "02-result-not-in-scope");
  await verifyWithCli(page, "not_in_scope");
  assert.deepEqual(privacyProblems(rec, origin), []);
  assert.deepEqual(rec.errors, []);
  await context.close();
});

test("notify the authority: emotion recognition for a security service in Egypt", async () => {
  const { context, rec, page } = await startRecorded();
  const answers = scenarioAnswers("018-notify-art5-2-egypt-emotion-recognition.json");
  await answerAll(page, answers);
  assert.equal(await outcomeOf(page), "notify_authority");
  // The rules that fired, with their citations and the answers behind them.
  const decided = page.getByTestId("decided-by");
  await decided.getByText("Reg. (EU) 2021/821, Art. 5(2)").first().waitFor();
  assert.match(await decided.innerText(), /Based on/);
  // Next steps name the competent authority of the exporter's Member State (RO).
  assert.match(await page.getByTestId("next-steps").innerText(), /ANCEX/);
  await screenshot(page, "03-result-notify-authority");

  // Print view of the page: the result, no navigation (the printable
  // record is the sealed report, tested in record.test.mjs).
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.getByTestId("section-nav").isVisible(), false);
  assert.equal(await page.getByTestId("outcome").isVisible(), true);
  assert.equal(await page.getByTestId("result-actions").isVisible(), false);
  await screenshot(page, "04-print-view");
  await page.emulateMedia({ media: "screen" });

  // The draft notification comes from the same answers through the CLI.
  const { answers: file } = await verifyWithCli(page, "notify_authority");
  const draft = execFileSync(CLI, ["notification", file, "--created", "2026-11-25T10:00:00Z"], { encoding: "utf8" });
  assert.match(draft, /Article 5\(2\)/);
  assert.match(draft, /ANCEX/);
  assert.deepEqual(privacyProblems(rec, origin), []);
  assert.deepEqual(rec.errors, []);
  await context.close();
});

test("authorisation required: a listed cryptanalysis appliance to Switzerland, in German", async () => {
  const { context, rec, page } = await startRecorded("de");
  await page.getByText("Pflichtangabe").first().waitFor();
  await answerAll(page, scenarioAnswers("054-authorisation-listed-cryptanalysis-switzerland.json"));
  assert.equal(await outcomeOf(page), "authorisation_required");
  await page.getByText("Genehmigungspflichtig", { exact: true }).waitFor();
  assert.match(await page.getByTestId("decided-by").innerText(), /VO \(EU\) 2021\/821, Art\. 3 Abs\. 1/);
  await screenshot(page, "05-result-authorisation-required-de");
  await verifyWithCli(page, "authorisation_required");
  assert.deepEqual(privacyProblems(rec, origin), []);
  await context.close();
});

test("a sanctions regime: monitoring equipment to Belarus needs prior authorisation, with the act, the refusal test, the sanctions authority and the source of every rule", async () => {
  const { context, rec, page } = await startRecorded();
  await answerAll(page, scenarioAnswers("004-authorisation-belarus-monitoring-refusal-expected.json"));
  assert.equal(await outcomeOf(page), "authorisation_required", "prior authorisation, not a ban");
  const why = await page.getByTestId("decided-by").innerText();
  assert.match(why, /Council Regulation \(EC\) No 765\/2006, Art\. 1c and Annex IV requires the prior authorisation/);
  assert.match(why, /refused where .* repression by the Belarusian Government/);
  assert.match(why, /Source: binding text \(confirmed\)/);
  const findings = await page.getByTestId("findings").innerText();
  assert.match(findings, /Art\. 1c and Annex IV \(services: Art\. 1d\) \[Source: binding text \(confirmed\)\]/, "the destination fact names the act, the article and how sure it is");
  assert.match(findings, /Refusal to be expected/);
  assert.match(findings, /Source: secondary summary/, "the red flags only secondary summaries name say so");
  assert.match(await page.getByTestId("score-note").innerText(), /does not decide the outcome/);
  assert.match(await page.getByTestId("next-steps").innerText(), /um\.fi\/pakotteet/, "the sanctions authority of the exporter's Member State (Finland)");
  // The question explains where it comes from.
  await page.getByTestId("nav-destination").click();
  const q = page.getByTestId("q-monitoring_equipment");
  await q.locator("summary").click();
  assert.match(await q.innerText(), /Source: binding text \(confirmed\)/);
  await screenshot(page, "05-belarus-prior-authorisation");
  await verifyWithCli(page, "authorisation_required");
  assert.deepEqual(privacyProblems(rec, origin), []);
  await context.close();
});

test("a missing answer is a link that moves the keyboard focus to the question", async () => {
  const context = await browser.newContext();
  const page = await start(context);
  await page.getByTestId("new-assessment").click();
  const link = page.getByTestId("missing").getByRole("link").first();
  const text = await link.innerText();
  await link.click();
  const focused = await page.evaluate(() => document.activeElement?.closest(".ea-q")?.textContent ?? "");
  assert.ok(focused.includes(text), `focus should be on "${text}"`);
  await context.close();
});

test("without browser storage a notice says so and the app keeps working", async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    // Neither IndexedDB (the store) nor localStorage (its fallback).
    Object.defineProperty(window, "indexedDB", { get() { return undefined; } });
    Object.defineProperty(window, "localStorage", { get() { throw new DOMException("blocked", "SecurityError"); } });
  });
  const page = await start(context);
  await page.getByTestId("storage-notice").waitFor();
  await page.getByTestId("new-assessment").click();
  await page.locator("#in-item_name").fill("Test item");
  assert.equal(await outcomeOf(page), "incomplete");
  await screenshot(page, "06-storage-unavailable");
  await context.close();
});

test("axe finds no serious or critical accessibility problem on any screen", async () => {
  // The scanner is injected by the test, so this context lifts the CSP for it.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await start(context);
  const scan = axeScanner(page, assert);
  await scan("empty");
  await page.getByTestId("new-assessment").click();
  await scan("questionnaire");
  await answerAll(page, scenarioAnswers("040-escalate-cs-unclear-reseller-diversion.json"));
  await scan("result with findings");
  await page.getByTestId("nav-end_use").click();
  await scan("red-flag section");
  await context.close();
});

test("an open help stays with its question when another question appears next to it", async () => {
  const { context, rec, page } = await startRecorded();
  // Belarus, an item not listed in Annex I: the monitoring-regime questions show.
  await answerAll(page, scenarioAnswers("004-authorisation-belarus-monitoring-refusal-expected.json"), {
    only: ["exporter_member_state", "destination_country", "annex_status", "check_5a001f", "check_5a001j", "check_intrusion", "check_5d001e", "check_5a004a", "check_5a004b"],
  });
  await page.getByTestId("nav-destination").click();
  // Help open on the questions before and after the place where one appears
  // (an unkeyed list would move one of them to a neighbour).
  const equipment = page.getByTestId("q-monitoring_equipment");
  const services = page.getByTestId("q-monitoring_services");
  for (const q of [equipment, services]) {
    await q.locator("summary").click();
    assert.equal(await q.locator("details").getAttribute("open"), "");
  }
  // Monitoring equipment listed in the annex brings in a question between the two.
  await equipment.locator('input[value="dpi"]').click();
  await page.getByTestId("q-monitoring_excluded").waitFor();
  for (const [name, q] of [["equipment", equipment], ["services", services]]) {
    assert.equal(await q.locator("details").getAttribute("open"), "", `the help stays open on its own question (${name})`);
  }
  assert.equal(await page.getByTestId("q-monitoring_excluded").locator("details").getAttribute("open"), null, "and does not move to the new one");
  assert.deepEqual(privacyProblems(rec, origin), []);
  await context.close();
});

/** Everything that scrolls sideways inside the page, as descriptions. */
async function sidewaysProblems(page, width) {
  return page.evaluate((width) => {
    const problems = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > width) problems.push(`the page is ${doc.scrollWidth} px wide`);
    for (const el of document.querySelectorAll("body *")) {
      const style = getComputedStyle(el);
      if (["auto", "scroll"].includes(style.overflowX) && el.scrollWidth > el.clientWidth) {
        problems.push(`a nested scroll box: ${el.tagName.toLowerCase()}.${el.className}`);
      }
      const r = el.getBoundingClientRect();
      if (style.display !== "none" && r.width > 0 && r.right > width + 1) {
        problems.push(`${el.tagName.toLowerCase()}.${el.className} ends at ${Math.round(r.right)} px`);
      }
    }
    return problems.slice(0, 10);
  }, width);
}

test("at 390 px nothing scrolls sideways and the outcome shows at the top; screenshots at 390 and 1366 px", async () => {
  const { context, rec, page } = await startRecorded();
  await page.setViewportSize({ width: 390, height: 844 });
  await answerAll(page, scenarioAnswers("040-escalate-cs-unclear-reseller-diversion.json"));
  await page.getByTestId("nav-end_use").click();
  // Help open too: its citations are the longest lines.
  for (const summary of await page.locator("[data-testid=section] summary").all()) await summary.click();
  assert.deepEqual(await sidewaysProblems(page, 390), []);
  // The outcome bar sits in view while the questions are on screen.
  await page.getByTestId("section").locator(".ea-q").last().scrollIntoViewIfNeeded();
  const bar = page.getByTestId("outcome-bar");
  assert.equal(await bar.getAttribute("data-outcome"), await page.getByTestId("outcome").getAttribute("data-outcome"));
  const box = await bar.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 844, `the outcome bar is in view (${JSON.stringify(box)})`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, "assessment-390");
  await page.setViewportSize({ width: 1366, height: 900 });
  assert.equal(await bar.isVisible(), false, "the bar is for narrow screens; wide ones show the result beside the questions");
  assert.deepEqual(await sidewaysProblems(page, 1366), []);
  await screenshot(page, "assessment-1366");
  assert.deepEqual(privacyProblems(rec, origin), []);
  await context.close();
});
