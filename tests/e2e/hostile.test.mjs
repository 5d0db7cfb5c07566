// Hostile content in the browser (issue 15): the corpus of tests/hostile/
// cases.json typed into the text fields (item, end-user name, title) and
// dropped as every kind of file the app reads (archive import, report
// verification, sanctions lists, lead files for screening and triage, the
// product catalogue, the company register) — whole files, and valid files
// with the payload in their names. Each is rendered inert (no payload script
// runs: window.__hostile stays unset; no element the payload would make
// exists; no CSP violation), accepted or refused with a message, and the page
// answers again within a bounded time. Under the privacy recorder.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { appReady, launch, serve, recordPrivacy, privacyProblems, ROOT } from "./harness.mjs";

/** Time within which the page (and, for its files, the worker) answers again. */
const RESPONSIVE_MS = 30000;

let browser, server, origin;
before(async () => {
  ({ server, origin } = await serve());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

function materialise(c) {
  if (typeof c.text === "string") return Buffer.from(c.text, "utf8");
  if (typeof c.hex === "string") return Buffer.from(c.hex.replace(/\s+/g, ""), "hex");
  if (typeof c.times === "number") return Buffer.from(c.repeat.repeat(c.times), "utf8");
  return Buffer.from(c.open.repeat(c.depth) + (c.inner ?? "") + c.close.repeat(c.depth), "utf8");
}

const CORPUS = JSON.parse(readFileSync(join(ROOT, "tests/hostile/cases.json"), "utf8"));
const STRINGS = CORPUS.strings.map((c) => ({ id: c.id, text: materialise(c).toString("utf8") }));
const FILES = CORPUS.files.map((c) => ({ id: c.id, bytes: materialise(c) }));
/** Strings short enough to type into a field (the 10 MB one is set, not typed, below). */
const csvField = (s) => `"${s.replaceAll('"', '""')}"`;

async function start() {
  const context = await browser.newContext();
  const rec = await recordPrivacy(context, origin);
  const page = await context.newPage();
  rec.watchPage(page);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`${origin}/?lang=en`);
  await appReady(page);
  rec.markLoaded();
  return { context, rec, page };
}

/** Nothing from a payload ran or exists, and the page answers within the limit. */
async function assertInert(page, rec, what) {
  const started = Date.now();
  const probe = await Promise.race([
    page.evaluate(() => ({
      flag: window.__hostile,
      elements: document.querySelectorAll("#hostile, .hostile, svg#hostile, script#hostile").length,
      scripts: [...document.scripts].filter((s) => /__hostile/.test(s.textContent)).length,
    })),
    new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: the page did not answer within ${RESPONSIVE_MS} ms`)), RESPONSIVE_MS)),
  ]);
  assert.equal(probe.flag, undefined, `${what}: a payload's script ran`);
  assert.equal(probe.elements, 0, `${what}: an element from a payload exists`);
  assert.equal(probe.scripts, 0, `${what}: a script from a payload is in the page`);
  assert.deepEqual(rec.violations, [], `${what}: CSP violations`);
  return Date.now() - started;
}

/** The worker answers (not stuck in a hostile file) within the limit. */
async function workerAnswers(page, what) {
  const ok = await page.evaluate((ms) => Promise.race([
    window.exportAssessorClient.check({ name: "probe", lang: "en" }).then(() => true, () => true),
    new Promise((r) => setTimeout(() => r(false), ms)),
  ]), RESPONSIVE_MS);
  assert.ok(ok, `${what}: the screening engine did not answer within ${RESPONSIVE_MS} ms`);
}

const figures = [];

test("hostile text typed into the item, end-user and title fields is shown as text, kept, and stored as text", async () => {
  const { context, rec, page } = await start();
  await page.getByTestId("new-assessment").click();
  let worst = 0;
  for (const { id, text } of STRINGS) {
    const t0 = Date.now();
    for (const field of ["#in-item_name", "#in-end_user_name"]) {
      const box = page.locator(field);
      if (!(await box.count())) continue;
      await box.fill(text);
      await box.press("Tab");
    }
    await page.getByTestId("assessment-title").fill(text.slice(0, 200));
    await page.getByTestId("assessment-title").press("Tab");
    await assertInert(page, rec, `text ${id}`);
    worst = Math.max(worst, Date.now() - t0);
    if (/^[\x20-\x7e]{1,200}$/.test(text)) {
      assert.equal(await page.locator("#in-item_name").inputValue(), text, `text ${id}: kept as typed`);
    }
  }
  // Shown in the archive and the report as text.
  await page.evaluate(() => { location.hash = "archive"; });
  await page.waitForFunction(() => document.documentElement.dataset.records === "ready", null, { timeout: 20000 });
  await assertInert(page, rec, "archive with hostile titles");
  await page.evaluate(() => { location.hash = "report"; });
  await assertInert(page, rec, "report with hostile names");
  figures.push(`text fields: ${STRINGS.length} cases × 3 fields, worst ${worst} ms`);
  assert.deepEqual(privacyProblems(rec, origin), []);
  assert.deepEqual(rec.errors, [], "no uncaught error");
  await context.close();
});

/** The file inputs: where they are, and a valid file with a payload in its text. */
const INPUTS = [
  {
    name: "archive import", hash: "archive", input: "import-file", file: "archive.json", worker: false,
    embed: (s) => JSON.stringify({ format: "export-assessor-archive", version: 1, assessments: [{ id: "hostile-1", created_at: "2026-12-03T10:00:00Z", updated_at: "2026-12-03T10:00:00Z", section: "item", answers: { item_name: s, end_user_name: s }, title: s }] }),
  },
  { name: "report verification", hash: "verify", input: "verify-file", file: "report.json", worker: false, embed: null },
  {
    name: "sanctions list", hash: "screening", input: "list-files", file: "watchlist.csv", worker: true,
    embed: (s) => `name,aliases,country,note\n${csvField(s)},${csvField(s)},DE,${csvField(s)}\n`,
  },
  {
    name: "lead file (screening)", hash: "screening", input: "leads-file", file: "leads.csv", worker: true, needsList: true,
    embed: (s) => `id,name,country\nL1,${csvField(s)},DE\n`,
  },
  {
    name: "lead file (triage)", hash: "/triage", input: "triage-file", file: "leads.csv", worker: true,
    embed: (s) => `Company,Country,Products,End-user type,Consignee,Note\n${csvField(s)},US,NX-500,private_company,,${csvField(s)}\n`,
  },
  {
    name: "product catalogue", hash: "/products", input: "products-import", file: "catalogue.json", worker: true,
    embed: (s) => {
      const c = JSON.parse(readFileSync(join(ROOT, "tests/fixtures/triage-page/catalogue-2.json"), "utf8"));
      c.products[0].name = s;
      return JSON.stringify(c);
    },
  },
  {
    name: "company register", hash: "screening", input: "register-import", file: "register.json", worker: true,
    embed: (s) => JSON.stringify({ version: 1, entries: [{ name: s, list_key: "un", entry_id: "QDi.999", entry_fingerprint: "sha256:aa", reason: s, decided_by: s, decided_on: "2026-01-10" }] }),
  },
];

for (const input of INPUTS) {
  test(`hostile files dropped into the ${input.name}: inert, accepted or refused, the page answers`, async () => {
    const { context, rec, page } = await start();
    await page.evaluate((h) => { location.hash = h; }, input.hash);
    if (input.worker) await page.waitForFunction(() => window.exportAssessorClient?.state.status === "ready", null, { timeout: 20000 });
    if (input.needsList) {
      const list = readFileSync(join(ROOT, "tests/fixtures/screening/watchlist.csv"), "utf8");
      await page.evaluate((text) => window.exportAssessorClient.addFiles([new File([text], "watchlist.csv", { type: "text/csv" })]), list);
    }
    const field = page.getByTestId(input.input);
    await field.waitFor({ state: "attached", timeout: 20000 });
    const enabled = () => page.waitForFunction((id) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      return el && !el.disabled;
    }, input.input, { timeout: RESPONSIVE_MS });
    const cases = [
      ...FILES.map((f) => ({ id: f.id, bytes: f.bytes })),
      ...(input.embed ? STRINGS.map((s) => ({ id: `${s.id} inside`, bytes: Buffer.from(input.embed(s.text), "utf8") })) : []),
    ];
    let worst = 0;
    let worstCase = "";
    for (const c of cases) {
      const t0 = Date.now();
      await enabled();
      await field.setInputFiles({ name: input.file, mimeType: "application/octet-stream", buffer: c.bytes });
      if (input.worker) await workerAnswers(page, `${input.name} × ${c.id}`);
      await assertInert(page, rec, `${input.name} × ${c.id}`);
      await enabled(); // done with the file: refused, or read and shown
      const t = Date.now() - t0;
      if (t > worst) [worst, worstCase] = [t, c.id];
      // A preview or plan waiting for a choice is left; the next file replaces it.
    }
    // The last file's rendering, once the page has settled.
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(1000);
    await assertInert(page, rec, `${input.name}, settled`);
    figures.push(`${input.name}: ${cases.length} files, worst ${worst} ms (${worstCase})`);
    console.log(`# hostile ${input.name}: ${cases.length} files, worst ${worst} ms (${worstCase})`);
    assert.deepEqual(privacyProblems(rec, origin), []);
    assert.deepEqual(rec.errors, [], "no uncaught error");
    await context.close();
  });
}

test("figures", () => {
  for (const f of figures) console.log(`# hostile ${f}`);
});
