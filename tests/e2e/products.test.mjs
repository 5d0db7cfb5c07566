// The product catalogue end to end in Chromium, under the privacy recorder:
// two products classified through the page (the questions the core shows
// for the answers so far), kept in IndexedDB across a reload, duplicated,
// deleted after a confirmation, a duplicate id refused with the core's
// located error, exported as the JSON file the CLI reads, imported with a
// preview (a conflict kept both ways), a malformed file refused with
// nothing changed, a product of an older rule set flagged for review; the
// page in German, following the language switch; axe on every state.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, appReady, axeScanner, launch, privacyProblems, recordPrivacy, screenshot, serve } from "./harness.mjs";

let browser, server, origin;
before(async () => {
  ({ server, origin } = await serve());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const RULES = JSON.parse(readFileSync(join(ROOT, "src/core/data/eu-rules.json"), "utf8"));
const PROFILE = JSON.parse(readFileSync(join(ROOT, "src/core/data/eu-triage.json"), "utf8"));

async function openProducts(page, lang = "en") {
  await page.goto(`${origin}/?lang=${lang}#/products`);
  await appReady(page);
  await page.waitForFunction(() => document.documentElement.dataset.products === "ready", null, { timeout: 20000 });
  await page.getByTestId("products-page").waitFor();
  await page.getByTestId("product-add").waitFor({ timeout: 20000 });
}

const rows = (page) => page.getByTestId("product-row");
const ids = (page) => page.$$eval("[data-testid=product-row]", (trs) => trs.map((tr) => tr.dataset.id));
const row = (page, id) => page.locator(`[data-testid=product-row][data-id="${id}"]`);
const status = (page) => page.getByTestId("products-status");

async function waitRows(page, n) {
  await page.waitForFunction((n) => document.querySelectorAll("[data-testid=product-row]").length === n, n, { timeout: 10000 });
}

/** Chooses `value` of a choice question on the product form. */
async function choose(page, question, value) {
  const input = page.getByTestId(`pq-${question}`).locator(`input[value="${value}"]`);
  await input.click();
  await page.waitForFunction((el) => el.checked, await input.elementHandle(), { timeout: 2000 });
}

async function addProduct(page, { name, id, annex, entry, description }) {
  await page.getByTestId("product-add").click();
  await page.getByTestId("product-form").waitFor();
  await page.getByTestId("product-name").fill(name);
  await page.getByTestId("product-id").fill(id);
  await page.getByTestId("pq-item_description").locator("input, textarea").fill(description);
  await choose(page, "annex_status", annex);
  if (entry) await choose(page, "annex_entry", entry);
  await page.getByTestId("product-save").click();
}

async function importFile(page, name, content) {
  const buffer = Buffer.from(typeof content === "string" ? content : JSON.stringify(content));
  await page.getByTestId("products-import").setInputFiles([{ name, mimeType: "application/json", buffer }]);
}

test("products are classified through the page, kept across a reload, duplicated, deleted, exported, imported with a preview (a conflict kept both ways, a malformed file refused), flagged when classified under an older rule set, and never overwritten by a second tab", async () => {
  const context = await browser.newContext({ acceptDownloads: true, bypassCSP: true });
  const rec = await recordPrivacy(context, origin);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  rec.watchPage(page);
  await openProducts(page);
  rec.markLoaded();
  const axe = axeScanner(page, assert);
  await page.getByTestId("products-empty").waitFor();
  await axe("products page, empty");

  // The form shows the profile's product questions under their sections,
  // and hides what the answers so far rule out.
  await page.getByTestId("product-add").click();
  await page.getByTestId("product-form").waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "product-form-h", "focus moves to the form");
  const shown = await page.$$eval("[data-testid=product-form] [data-testid^=pq-]", (els) => els.map((e) => e.dataset.testid.slice(3)));
  assert.ok(shown.length > 3, `several product questions shown: ${shown}`);
  for (const q of shown) assert.ok(PROFILE.product_questions.includes(q), `${q} is a product question`);
  assert.ok(!shown.includes("end_user_name"), "no lead question on the product form");
  const section = RULES.sections.find((s) => s.id === RULES.questions.find((q) => q.id === "annex_status").section);
  assert.match(await page.getByTestId("product-form").innerText(), new RegExp(section.title.replace(/[()]/g, ".")));
  await choose(page, "annex_status", "classified_not_listed");
  await page.getByTestId("pq-check_5a001f").waitFor();
  assert.equal(await page.getByTestId("pq-annex_entry").count(), 0, "no Annex I entry for an unlisted item");
  await choose(page, "annex_status", "classified_listed");
  await page.getByTestId("pq-annex_entry").waitFor();
  assert.equal(await page.getByTestId("pq-check_5a001f").count(), 0, "no item checks for a listed item");
  await screenshot(page, "32-product-form");
  await axe("product form");
  await page.getByTestId("product-cancel").click();
  assert.equal(await page.getByTestId("product-form").count(), 0);
  assert.equal(await rows(page).count(), 0, "cancelled: nothing added");

  // Two products.
  await addProduct(page, { name: "Interception suite", id: "P-100", annex: "classified_listed", entry: "5A001.j", description: "IP network surveillance system" });
  await waitRows(page, 1);
  assert.equal(await status(page).innerText(), "Saved: Interception suite.");
  await addProduct(page, { name: "Office router", id: "P-200", annex: "classified_not_listed", description: "Small-office router" });
  await waitRows(page, 2);
  const today = await page.evaluate(() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`; });
  const first = await row(page, "P-100").innerText();
  assert.match(first, new RegExp(`Interception suite\\s+P-100\\s+${RULES.version.replace(/\./g, "\\.")}\\s+${today}\\s+Current: classified under this rule set`));

  // Kept in the worker's IndexedDB across a reload.
  rec.beforeReload();
  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => document.documentElement.dataset.products === "ready", null, { timeout: 20000 });
  rec.markLoaded();
  await waitRows(page, 2);
  assert.deepEqual(await ids(page), ["P-100", "P-200"]);

  // Edited: the answers come back into the form.
  await row(page, "P-200").getByTestId("product-edit").click();
  await page.getByTestId("product-form").waitFor();
  assert.equal(await page.getByTestId("product-name").inputValue(), "Office router");
  assert.ok(await page.getByTestId("pq-annex_status").locator('input[value="classified_not_listed"]').isChecked());
  await page.getByTestId("product-name").fill("Office router R2");
  await page.getByTestId("product-save").click();
  await page.getByTestId("product-form").waitFor({ state: "detached" });
  assert.match(await row(page, "P-200").innerText(), /Office router R2/);

  // A duplicate id is the core's located error; nothing changes.
  await addProduct(page, { name: "Another suite", id: "P-100", annex: "not_classified", description: "x" });
  const refused = page.getByTestId("product-error");
  await refused.waitFor();
  assert.match(await refused.innerText(), /products\[2\]\.id.*P-100/);
  await page.getByTestId("product-cancel").click();
  assert.deepEqual(await ids(page), ["P-100", "P-200"]);

  // Duplicated, then deleted once confirmed.
  await row(page, "P-100").getByTestId("product-duplicate").click();
  await waitRows(page, 3);
  assert.deepEqual(await ids(page), ["P-100", "P-100-2", "P-200"]);
  assert.match(await row(page, "P-100-2").innerText(), /Interception suite \(copy\)/);
  assert.equal(await status(page).innerText(), "Duplicated as P-100-2.");
  await row(page, "P-100-2").getByTestId("product-delete").click();
  assert.match(await row(page, "P-100-2").getByTestId("product-confirm").innerText(), /Delete the product Interception suite \(copy\) \(P-100-2\)\? This cannot be undone\./);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "product-delete-no", "the question takes the focus");
  await axe("delete confirmation");
  await row(page, "P-100-2").getByTestId("product-delete-no").click();
  assert.equal(await rows(page).count(), 3, "kept");
  await row(page, "P-100-2").getByTestId("product-delete").click();
  await row(page, "P-100-2").getByTestId("product-delete-yes").click();
  await waitRows(page, 2);
  assert.equal(await status(page).innerText(), "Deleted: Interception suite (copy).");

  // Export: the catalogue file, as the CLI reads it.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("products-export").click()]);
  assert.equal(download.suggestedFilename(), `products-${today}.json`);
  const file = JSON.parse(readFileSync(await download.path(), "utf8"));
  assert.equal(file.format, 1);
  assert.deepEqual(file.products.map((p) => [p.id, p.name]), [["P-100", "Interception suite"], ["P-200", "Office router R2"]]);
  const suite = file.products[0];
  assert.equal(suite.rule_set, RULES.id);
  assert.equal(suite.rule_set_version, RULES.version);
  assert.equal(suite.classified_on, today);
  assert.deepEqual(suite.answers, { annex_entry: "5A001.j", annex_status: "classified_listed", item_description: "IP network surveillance system" });
  // The command line reads the same file: a lead naming each product, one by id, one by name.
  const dir = mkdtempSync(join(tmpdir(), "products-"));
  writeFileSync(join(dir, "leads.csv"), "Company,Country,Products\nAcme Networks Inc,US,P-100\nBeta Office Ltd,US,office router r2\n");
  const cli = execFileSync(join(ROOT, "target", "release", "export-assessor"), ["triage", "--catalogue", await download.path(), "--member-state", "DE", "--today", today, join(dir, "leads.csv")], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const lines = cli.trim().split("\n");
  assert.match(lines[0], /^row,company,country,end_user_type,consignee,product,lead_class,class/);
  assert.match(lines[1], /Acme Networks Inc,US,,,P-100,(stop|licence_needed|assess|low_risk|not_in_scope),/);
  assert.match(lines[2], /Beta Office Ltd,US,,,P-200,(stop|licence_needed|assess|low_risk|not_in_scope),/);

  // A malformed file: the core's located error, nothing changed.
  await importFile(page, "broken.json", { format: 1, products: [{ ...suite, answers: { annex_status: "sometimes" } }] });
  const error = page.getByTestId("products-import-error");
  await error.waitFor();
  assert.match(await error.innerText(), /The file was not imported; nothing changed: broken\.json: .*products\[0\]\.answers/);
  await importFile(page, "not-json.json", "{ this is not JSON");
  await page.waitForFunction(() => /not-json\.json/.test(document.querySelector("[data-testid=products-import-error]")?.textContent ?? ""));
  assert.equal(await page.getByTestId("products-preview").count(), 0);
  assert.deepEqual(await ids(page), ["P-100", "P-200"]);

  // A colleague's file: P-200 identical, P-100 changed, P-300 new and
  // classified under an older rule set.
  const theirs = { ...suite, name: "Interception suite (2025 edition)", classified_on: "2025-11-02" };
  const older = { ...suite, id: "P-300", name: "Probe", rule_set_version: "1.0.0", classified_on: "2025-01-15" };
  const team = { format: 1, products: [theirs, file.products[1], older] };
  await importFile(page, "team.json", team);
  const preview = page.getByTestId("products-preview");
  await preview.waitFor();
  const text = await preview.innerText();
  assert.match(text, /Import team\.json: what it would change/);
  assert.match(text, /New products \(1\)\s+Probe \(P-300\)/);
  assert.match(text, /Identical to a product here \(1\)/);
  assert.match(text, /Same id, different content \(1\)/);
  assert.match(text, /Ours: Interception suite, rule set .*, classified on \d{4}/);
  assert.match(text, /Theirs: Interception suite \(2025 edition\), rule set .*, classified on 2025-11-02/);
  assert.ok(await preview.getByTestId("choice-ours").isChecked(), "ours is kept unless chosen otherwise");
  await axe("import preview");
  // Cancelled: nothing changes.
  await page.getByTestId("products-import-cancel").click();
  assert.deepEqual(await ids(page), ["P-100", "P-200"]);
  // Again, keeping both.
  await importFile(page, "team.json", team);
  await preview.waitFor();
  await preview.getByTestId("choice-both").check();
  await page.getByTestId("products-import-apply").click();
  await waitRows(page, 4);
  assert.equal(await status(page).innerText(), "Imported. The catalogue holds 4 product(s).");
  const after = await ids(page);
  assert.deepEqual([...after].sort(), ["P-100", "P-100-2", "P-200", "P-300"]);
  assert.match(await row(page, "P-100").innerText(), /Interception suite\s/);
  assert.match(await row(page, "P-100-2").innerText(), /Interception suite \(2025 edition\)/);

  // The older rule set's product is flagged in words; the others are current.
  const review = await row(page, "P-300").getByTestId("product-review").innerText();
  assert.match(review, new RegExp(`Review needed: classified under an older rule set \\(${RULES.id} 1\\.0\\.0\\)`));
  assert.match(await row(page, "P-100").getByTestId("product-review").innerText(), /^Current/);
  await screenshot(page, "30-products");
  await axe("products page with a product to review");

  // The exported file imported again: nothing new, nothing asked.
  await importFile(page, "mine.json", file);
  await page.waitForFunction(() => /Nothing to import/.test(document.querySelector("[data-testid=products-status]")?.textContent ?? ""));

  // Kept after a reload, in the order shown.
  rec.beforeReload();
  await page.reload();
  await appReady(page);
  rec.markLoaded();
  await waitRows(page, 4);
  assert.deepEqual(await ids(page), after);

  // Two tabs (each with its own worker): a change made from a stale list is
  // refused, the other tab's product shown, and the change made again.
  const other = await context.newPage();
  rec.watchPage(other);
  rec.beforeReload();
  await openProducts(other);
  rec.markLoaded();
  await waitRows(other, 4);
  await addProduct(other, { name: "Lawful intercept gateway", id: "P-400", annex: "not_classified", description: "Gateway" });
  await waitRows(other, 5);
  await addProduct(page, { name: "Analytics box", id: "P-500", annex: "not_classified", description: "Box" });
  await page.getByTestId("products-conflict").waitFor();
  assert.match(await page.getByTestId("products-conflict").innerText(), /Not saved: the products were changed in another tab/);
  await waitRows(page, 5);
  assert.ok((await ids(page)).includes("P-400"), "the other tab's product is shown");
  assert.equal(await page.getByTestId("product-name").inputValue(), "Analytics box", "the form is kept");
  await page.getByTestId("product-save").click();
  await waitRows(page, 6);
  await other.close();

  assert.deepEqual(privacyProblems(rec, origin), []);
  assert.deepEqual(rec.errors, []);
  await context.close();
});

test("the products page speaks German, follows the language switch, is reached from the screening page, fits a phone and passes axe", async () => {
  const context = await browser.newContext({ bypassCSP: true });
  const rec = await recordPrivacy(context, origin);
  const page = await context.newPage();
  rec.watchPage(page);
  await page.goto(`${origin}/?lang=de#screening`);
  await appReady(page);
  rec.markLoaded();
  await page.getByTestId("to-products").click();
  await page.waitForFunction(() => document.documentElement.dataset.products === "ready", null, { timeout: 20000 });
  await page.getByTestId("products-page").waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.view), "products");
  assert.ok(!(await page.getByTestId("screening-page").isVisible()), "the screening page is hidden");
  await page.getByRole("heading", { name: "Produkte", exact: true }).waitFor();
  await page.getByTestId("products-empty").getByText("Noch keine Produkte", { exact: false }).waitFor();
  assert.equal(await page.getByTestId("product-add").innerText(), "Produkt hinzufügen");
  assert.equal(await page.getByTestId("products-export").innerText(), "Produkte exportieren (JSON)");
  await page.getByTestId("product-add").click();
  const form = page.getByTestId("product-form");
  await form.waitFor();
  const annex = RULES.questions.find((q) => q.id === "annex_status");
  const text = await form.innerText();
  assert.match(text, /Neues Produkt/);
  assert.match(text, /Interne Kennung/);
  assert.match(text, /Warum wird das gefragt\?/);
  assert.ok(!text.includes(annex.text), "the question is not in English");
  assert.ok(!text.includes("Why is this asked?"));
  await page.getByTestId("product-name").fill("Abhörsystem");
  await page.getByTestId("product-id").fill("A-1");
  await choose(page, "annex_status", "classified_listed");
  await page.getByTestId("product-save").click();
  await waitRows(page, 1);
  assert.equal(await page.getByTestId("products-status").innerText(), "Gespeichert: Abhörsystem.");
  assert.match(await row(page, "A-1").innerText(), /Aktuell: unter diesem Regelwerk eingestuft/);
  await axeScanner(page, assert)("products page, German");
  // A phone: nothing scrolls sideways, with the list and with the form open.
  await page.setViewportSize({ width: 390, height: 800 });
  const wide = () => page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok((await wide()) <= 390, `the list fits 390 px (${await wide()})`);
  await row(page, "A-1").getByTestId("product-edit").click();
  await form.waitFor();
  assert.ok((await wide()) <= 390, `the form fits 390 px (${await wide()})`);
  await page.getByTestId("product-cancel").click();
  await page.setViewportSize({ width: 1280, height: 800 });
  await screenshot(page, "31-products-de");
  // The language follows the questionnaire's switch.
  await page.getByTestId("lang-switch").selectOption("en");
  await page.getByRole("heading", { name: "Products", exact: true }).waitFor();
  assert.match(await row(page, "A-1").innerText(), /Current: classified under this rule set/);
  // Back to the screening page by its link.
  await page.getByTestId("products-to-screening").click();
  await page.waitForFunction(() => document.documentElement.dataset.view === "screening");
  await page.getByTestId("screening-page").waitFor();
  assert.ok(!(await page.getByTestId("products-page").isVisible()), "the products page is hidden");
  assert.deepEqual(privacyProblems(rec, origin), []);
  assert.deepEqual(rec.errors, []);
  await context.close();
});
