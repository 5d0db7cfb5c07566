// The app in Firefox ESR (Debian's firefox-esr over WebDriver BiDi): the
// questionnaire answered to its outcome, the sealed report byte-identical
// to the native CLI's, party screening with list files loaded through the
// page, and the privacy guard (only allowlisted same-origin GETs, as seen
// by the browser and by the server; no CSP violation; the CSP really
// blocks). The same promises the Chromium e2e tests check, in the other
// engine.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { scenarioAnswers } from "../e2e/harness.mjs";
import { hitRows, leadFiles } from "../e2e/determinism-data.mjs";
import {
  answerAll, appReady, byTestId, CLI, click, downloaded, fillText, launch, privacyProblems, ROOT, screenshot, serveLogged, session,
} from "./harness.mjs";

let browser, server, origin, log;
before(async () => {
  ({ server, origin, log } = await serveLogged());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

function cli(args) {
  assert.ok(existsSync(CLI), `${CLI} is built by cargo test (or set EA_CLI)`);
  return spawnSync(CLI, args, { encoding: "utf8" });
}

async function open(hash = "", lang = "en") {
  const s = await session(browser, origin, log);
  await s.page.goto(`${origin}/?lang=${lang}${hash ? `#${hash}` : ""}`);
  await appReady(s.page);
  s.rec.markLoaded();
  return s;
}

async function outcomeOf(page) {
  return page.$eval(byTestId("outcome"), (el) => el.dataset.outcome);
}

function finish(s) {
  assert.deepEqual(privacyProblems(s.rec, origin, log), []);
  assert.deepEqual(s.rec.errors, [], "page errors");
}

const SCENARIOS = [
  ["002-not-in-scope-intra-eu.json", "not_in_scope", "en"],
  ["018-notify-art5-2-egypt-emotion-recognition.json", "notify_authority", "en"],
  ["054-authorisation-listed-cryptanalysis-switzerland.json", "authorisation_required", "de"],
];

for (const [file, expected, lang] of SCENARIOS) {
  test(`questionnaire to its outcome and a sealed report byte-identical to the CLI's: ${file} (${lang})`, async () => {
    const s = await open("", lang);
    const { page, downloads } = s;
    await click(page, "new-assessment");
    const answers = scenarioAnswers(file);
    // Half-way, a reload: Firefox's IndexedDB gives back the same assessment.
    const first = ["exporter_member_state", "item_name", "item_description"];
    await answerAll(page, answers, { only: first });
    // Stored: the assessment in IndexedDB holds the item's name.
    await page.waitForFunction(async (name) => {
      const db = await new Promise((resolve, reject) => { const r = indexedDB.open("export-assessor"); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
      try {
        const all = await new Promise((resolve, reject) => { const r = db.transaction("assessments").objectStore("assessments").getAll(); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
        return all.some((rec) => JSON.parse(rec.draft).answers?.item_name === name);
      } finally {
        db.close();
      }
    }, { timeout: 10000, polling: 200 }, answers.item_name);
    s.rec.beforeReload();
    await page.reload();
    await appReady(page);
    s.rec.markLoaded();
    assert.equal(await page.$eval("#in-item_name", (el) => el.value), answers.item_name, "the answers survive a reload");
    assert.equal(await page.$eval("#in-exporter_member_state", (el) => el.value), answers.exporter_member_state);
    await answerAll(page, answers);
    assert.equal(await outcomeOf(page), expected);
    await screenshot(page, `result-${expected}`);

    // Seal: the report downloads and shows as a document with its fingerprint.
    await click(page, "seal-report");
    const sealedPath = await downloaded(downloads);
    await page.waitForSelector(byTestId("report-page"), { timeout: 10000 });
    const sealed = readFileSync(sealedPath, "utf8");
    const report = JSON.parse(sealed);
    assert.equal(report.outcome, expected);
    assert.equal(report.lang, lang, "sealed in the page's language");
    assert.match(report.fingerprint, /^sha256:[0-9a-f]{64}$/);
    const shown = await page.$eval(byTestId("report-fingerprint"), (el) => el.innerText);
    assert.ok(shown.includes(report.fingerprint), `the page shows the fingerprint it sealed: ${shown}`);

    // The answers the browser kept, through the CLI with the same timestamps: the same bytes.
    await click(page, "report-back");
    const before = new Set(readdirSync(downloads));
    await click(page, "download-answers");
    const answersPath = await downloaded(downloads, before);
    const kept = JSON.parse(readFileSync(answersPath, "utf8")).answers;
    for (const [id, value] of Object.entries(answers)) {
      if (id in kept) assert.deepEqual(kept[id], value, `answer ${id} as given`);
    }
    const native = cli(["report", answersPath, "--created", report.created_at, "--updated", report.updated_at, "--lang", lang]);
    assert.equal(native.status, 0, native.stderr);
    assert.equal(JSON.parse(native.stdout).fingerprint, report.fingerprint, "the CLI's fingerprint");
    assert.equal(sealed, native.stdout, "Firefox's sealed report is byte-identical to the CLI's");
    const verified = cli(["verify", sealedPath]);
    assert.equal(verified.status, 0, verified.stderr);

    // The verify page reads the file back through its file input: valid.
    await click(page, "tab-verify");
    const verifyInput = await page.waitForSelector(byTestId("verify-file"));
    await verifyInput.uploadFile(sealedPath);
    const name = sealedPath.split("/").pop();
    await page.waitForFunction((n) => document.querySelector("[data-testid=verify-result] p")?.textContent.includes(n), { timeout: 10000 }, name);
    assert.equal(await page.$eval(byTestId("verify-result"), (el) => el.dataset.verdict), "valid");
    finish(s);
    await s.context.close();
  });
}

test("screening: list files through the file input, a lead file screened in the worker (the CLI's rows), a quick check shows the potential match, the end-user's hit escalates", async () => {
  const s = await open("screening");
  const { page } = s;
  await page.waitForFunction(() => document.documentElement.dataset.screening === "ready"
    && !document.querySelector("[data-testid=engine-starting]"), { timeout: 20000 });
  const input = await page.waitForSelector(byTestId("list-files"));
  const fixture = (f) => join(ROOT, "tests/fixtures/screening", f);
  await input.uploadFile(fixture("sdn.csv"), fixture("alt.csv"), fixture("eu-mini.xml"));
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=list-row]").length === 2
    && !document.querySelector("[data-testid=lists-adding]"), { timeout: 60000 });
  const lists = await page.$eval(byTestId("lists-table"), (el) => el.innerText);
  assert.match(lists, /sdn\.csv\s+ofac/);
  assert.match(lists, /eu-mini\.xml\s+eu-fsf/);

  // A lead file screened in the worker; its CSV export is the CLI's, byte for byte.
  const leadsPath = leadFiles()[0];
  const leadsInput = await page.waitForSelector(byTestId("leads-file"));
  await leadsInput.uploadFile(leadsPath);
  await page.waitForSelector(byTestId("batch-done"), { timeout: 60000 });
  const before = new Set(readdirSync(s.downloads));
  await click(page, "batch-export");
  const exported = readFileSync(await downloaded(s.downloads, before), "utf8");
  assert.ok(exported.startsWith("\uFEFF"), "a BOM, for spreadsheets");
  const native = cli(["screen", "--list", fixture("sdn.csv"), "--list", fixture("eu-mini.xml"), leadsPath]);
  assert.equal(native.status, 0, native.stderr);
  // The same rows, byte for byte; the page exports them in the table's sort order.
  const rows = (csv) => { const [head, ...rest] = csv.trimEnd().split("\n"); return { head, rows: rest.sort() }; };
  assert.deepEqual(rows(exported.slice(1)), rows(native.stdout), "the worker's lead CSV holds the CLI's rows");
  assert.ok(hitRows(native.stdout) >= 3, "the lead file has hits");

  // A quick check of one name.
  const name = await page.waitForSelector(byTestId("check-name"));
  await name.type("Serguei Petroff");
  await click(page, "check-button");
  const hit = await page.waitForSelector(`${byTestId("check-hit")}[data-entry="10001"]`, { timeout: 10000 });
  assert.match(await hit.evaluate((el) => el.innerText), /PETROFF Serguei/);
  await screenshot(page, "screening-check");

  // The assessment's end-user: screened as typed, a potential match escalates.
  await click(page, "tab-assessment");
  await click(page, "new-assessment");
  const answers = scenarioAnswers("001-proceed-cs-item-no-red-flags.json");
  delete answers.party_screening;
  await answerAll(page, answers);
  assert.equal(await outcomeOf(page), "proceed_documented");
  await click(page, "nav-transaction");
  await fillText(await page.waitForSelector("#in-end_user_name"), "Serguei Petroff");
  await page.waitForFunction(() => document.querySelector("[data-testid=outcome]")?.dataset.outcome === "escalate", { timeout: 10000 });
  await click(page, "nav-screening");
  const openHit = await page.waitForSelector(`${byTestId("screening-panel")} [data-testid=hit][data-entry="10001"]`, { timeout: 10000 });
  assert.equal(await openHit.evaluate((el) => el.dataset.status), "open");
  assert.match(await openHit.evaluate((el) => el.innerText), /sdn\.csv · entry 10001 · score 1\.00/);
  await screenshot(page, "screening-potential-match");
  // The worker's requests (not the page's) reached the server and are checked too.
  const paths = log.slice(s.rec.serverFrom).map((r) => r.path);
  for (const p of ["/screening-worker.js", "/pkg/screening_bg.wasm"]) assert.ok(paths.includes(p), `the server saw ${p}`);
  finish(s);
  await s.context.close();
});

test("privacy: a session loads only the static allowlist, sends nothing after load, trips no CSP rule; the CSP really blocks", async () => {
  const s = await open();
  const { page, rec } = s;
  // Use the app: the language back and forth, the records app (lazy).
  await page.select(byTestId("lang-switch"), "de");
  await page.waitForFunction(() => document.body.innerText.includes("Sprache"));
  await page.select(byTestId("lang-switch"), "en");
  await page.waitForFunction(() => document.body.innerText.includes("Language"));
  await click(page, "tab-archive");
  await page.waitForSelector(byTestId("archive-page"), { timeout: 20000 });
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(privacyProblems(rec, origin, log), []);
  assert.deepEqual(rec.errors, []);
  const paths = log.slice(rec.serverFrom).map((r) => r.path);
  const seen = rec.requests.map((r) => new URL(r.url).pathname);
  for (const p of ["/", "/main.js", "/pkg/export_assessor_bg.wasm", "/pkg/records_bg.wasm"]) {
    assert.ok(paths.includes(p), `the server saw ${p}`);
    assert.ok(seen.includes(p), `the browser's recorder saw ${p}`);
  }

  // The guard can fail: a same-origin request outside the allowlist is reported.
  await page.evaluate(() => fetch("/not-allowlisted.txt").catch(() => null));
  await new Promise((r) => setTimeout(r, 200));
  assert.ok(privacyProblems(rec, origin, log).some((p) => p.includes("/not-allowlisted.txt")), "an unlisted path is reported");

  // The guard can fail: an injected probe is blocked by the CSP and reported.
  const outcome = await page.evaluate(() => fetch("https://probe.invalid/leak").then(() => "sent", (e) => `blocked: ${e.name}`));
  await new Promise((r) => setTimeout(r, 300));
  assert.match(outcome, /^blocked/);
  const problems = privacyProblems(rec, origin, log);
  assert.ok(problems.some((p) => p.startsWith("CSP violation: connect-src")), problems.join("\n"));
  await s.context.close();
});
