// Host provisioning (issue 14): a page's config (#export-assessor-config)
// names same-origin list files, a shared decisions register, the list age
// limit, a company rule-set extension and destination data
// (www/examples/provisioned.html). The good list loads and screens a name
// with its source, date and checksum shown; the broken file is reported
// with its URL and reason while the rest keeps working; the old list warns
// under maxListAgeDays; the user can still add files; the company rules are
// in force in the questionnaire and named with source, version and checksum;
// a broken extension leaves the built-in rules; notices follow ?lang=de; and
// the page fetches exactly those files and nothing beyond the allowlist.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launch, serve, recordPrivacy, privacyProblems, screenshot, appReady, ROOT } from "./harness.mjs";

let browser, server, origin;
before(async () => {
  ({ server, origin } = await serve());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

test("a provisioned page loads its lists and register, reports the broken file with its URL and reason, warns of the stale list and fetches only those files", async () => {
  const context = await browser.newContext();
  const rec = await recordPrivacy(context, origin);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  rec.watchPage(page);
  await page.goto(`${origin}/examples/provisioned.html?lang=en#screening`);
  await appReady(page);
  await page.waitForFunction(() => document.documentElement.dataset.provision === "done", null, { timeout: 60000 });
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=list-row]").length === 1, null, { timeout: 60000 });
  rec.markLoaded();

  // The good list, with its source (its path on this site), date and checksum.
  const row = page.getByTestId("list-row");
  const text = await row.innerText();
  assert.match(text, /\/examples\/lists\/un-mini\.xml/);
  assert.match(text, /2026-02-27/);
  assert.match(text, /sha256:[0-9a-f]{8}/);

  // The broken file: its URL and why, as text.
  const notices = page.getByTestId("provision-notices");
  const notice = await notices.innerText();
  assert.match(notice, /lists\/broken-un\.xml was not loaded: \S.+/);
  assert.doesNotMatch(notice, /un-mini\.xml/);
  assert.equal(await notices.locator("li").count(), 1);

  // The register is shared; the age limit applies and the list is stale.
  await page.getByTestId("register-count").getByText("1 decision(s) in the register.").waitFor({ timeout: 10000 });
  assert.equal(await page.getByTestId("max-list-age").inputValue(), "30");
  await page.getByTestId("stale-list").first().waitFor({ timeout: 10000 });

  // The page still works: a name is screened against the provisioned list.
  await page.getByTestId("check-name").fill("Korea Zeus Trading Corporation");
  await page.getByTestId("check-button").click();
  await page.getByTestId("check-hit").first().waitFor({ timeout: 10000 });

  // Users can still add their own files.
  await page.getByTestId("list-files").setInputFiles([join(ROOT, "tests/fixtures/screening/watchlist.csv")]);
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=list-row]").length === 2, null, { timeout: 60000 });
  await screenshot(page, "provision-lists");

  // Exactly the configured files were fetched, with GET, and nothing else.
  const examples = rec.requests.filter((r) => new URL(r.url).pathname.startsWith("/examples/")).map((r) => `${r.method} ${new URL(r.url).pathname}`);
  assert.deepEqual([...new Set(examples)].sort(), ["GET /examples/lists/broken-un.xml", "GET /examples/lists/register.json", "GET /examples/lists/un-mini.xml", "GET /examples/provisioned.html", "GET /examples/rules/acme-extension.json", "GET /examples/rules/destinations.json"]);
  assert.deepEqual(privacyProblems(rec, origin), []);
  assert.deepEqual(rec.errors, []);
  await context.close();
});

test("a list on another origin is refused before any request, with its URL", async () => {
  const context = await browser.newContext();
  const rec = await recordPrivacy(context, origin);
  const page = await context.newPage();
  rec.watchPage(page);
  // The same page, its config rewritten by the route to name a foreign list.
  await context.route((url) => url.pathname === "/examples/provisioned.html", async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace("lists/broken-un.xml", "https://lists.probe.invalid/un.xml");
    await route.fulfill({ response, body });
  });
  await page.goto(`${origin}/examples/provisioned.html?lang=en#screening`);
  await appReady(page);
  await page.waitForFunction(() => document.documentElement.dataset.provision === "done", null, { timeout: 60000 });
  const notice = await page.getByTestId("provision-notices").innerText();
  assert.match(notice, /https:\/\/lists\.probe\.invalid\/un\.xml was not loaded: only files from this site/);
  assert.deepEqual(rec.foreign, []);
  assert.equal(rec.requests.filter((r) => r.url.includes("probe.invalid")).length, 0);
  await context.close();
});

const sha256 = (path) => createHash("sha256").update(readFileSync(join(ROOT, path))).digest("hex");

// Opens the provisioned page (its config possibly rewritten by `rewrite`)
// and waits until the app and the provisioning are done.
async function openProvisioned(query, rewrite) {
  const context = await browser.newContext();
  const rec = await recordPrivacy(context, origin);
  if (rewrite) {
    await context.route((url) => url.pathname === "/examples/provisioned.html", async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: rewrite(await response.text()) });
    });
  }
  const page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  rec.watchPage(page);
  await page.goto(`${origin}/examples/provisioned.html${query}`);
  await appReady(page);
  await page.waitForFunction(() => document.documentElement.dataset.provision === "done", null, { timeout: 60000 });
  return { context, rec, page };
}

test("the provisioned company rules and destination data are in force and named with source, version and checksum", async () => {
  const { context, rec, page } = await openProvisioned("?lang=en");
  // The extension's section and question are in the questionnaire.
  await page.getByTestId("new-assessment").click();
  const nav = page.getByTestId("nav-acme_policy");
  assert.match(await nav.innerText(), /Acme export policy/);
  await nav.click();
  await page.getByText("Has the export board approved sales to this end-user?").first().waitFor({ timeout: 10000 });

  const status = await page.getByTestId("provision-status").innerText();
  assert.match(status, /Company rules in force: acme-export-rules 2026\.4 \(on eu-2021-821-art5 [^)]+\), from rules\/acme-extension\.json/);
  assert.ok(status.includes(`sha256:${sha256("www/examples/rules/acme-extension.json")}`), status);
  assert.match(status, /Destination data as of 2026-12-10 in force, from rules\/destinations\.json/);
  assert.ok(status.includes(`sha256:${sha256("www/examples/rules/destinations.json")}`), status);
  assert.doesNotMatch(await page.getByTestId("provision-notices").innerText(), /rules\//);

  const applied = await page.evaluate(() => window.exportAssessorProvisioned.map((a) => a.ruleSet?.id ?? a.asOf));
  assert.deepEqual(applied, ["acme-export-rules", "2026-12-10"]);
  await screenshot(page, "provision-rules");

  // The records app mounts with the same composed bundle: the report names
  // the company rules and the provisioned destination data.
  await page.evaluate(() => { location.hash = "report"; });
  await page.waitForFunction(() => document.documentElement.dataset.records === "ready", null, { timeout: 30000 });
  const records = page.getByTestId("records-root");
  await records.getByText("acme-export-rules 2026.4 (on eu-2021-821-art5").waitFor({ timeout: 10000 });
  assert.match(await records.innerText(), /Destination data as of\s+2026-12-10/);
  assert.deepEqual(privacyProblems(rec, origin), []);
  assert.deepEqual(rec.errors, []);
  await context.close();
});

test("a broken extension is reported with its URL and reason; the lists still load and the questionnaire runs on the built-in rules", async () => {
  const { context, rec, page } = await openProvisioned("?lang=en#screening", (body) => body.replace("rules/acme-extension.json", "rules/broken-extension.json"));
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=list-row]").length === 1, null, { timeout: 60000 });
  const notice = await page.getByTestId("provision-notices").innerText();
  assert.match(notice, /The company rule-set extension rules\/broken-extension\.json was not applied: rule-set extension: at score\.categories: .*add up to .*The built-in rules are used instead\./);
  assert.match(notice, /lists\/broken-un\.xml was not loaded/);
  // The good destination data still apply; no company rules are named.
  const status = await page.getByTestId("provision-status").innerText();
  assert.match(status, /Destination data as of 2026-12-10/);
  assert.doesNotMatch(status, /Company rules/);

  await page.evaluate(() => { location.hash = "assessment"; });
  await page.getByTestId("new-assessment").click();
  await page.getByTestId("nav-transaction").waitFor();
  assert.equal(await page.getByTestId("nav-acme_policy").count(), 0);
  assert.deepEqual(privacyProblems(rec, origin), []);
  await context.close();
});

test("an unreachable extension is reported with its URL and the HTTP status", async () => {
  const { context, page } = await openProvisioned("?lang=en", (body) => body.replace("rules/acme-extension.json", "rules/missing.json"));
  const notice = await page.getByTestId("provision-notices").innerText();
  assert.match(notice, /The company rule-set extension rules\/missing\.json was not applied: the server answered 404/);
  await page.getByTestId("new-assessment").click();
  await page.getByTestId("nav-transaction").waitFor();
  assert.equal(await page.getByTestId("nav-acme_policy").count(), 0);
  await context.close();
});

test("with ?lang=de the provisioning notices and status are German and the company rules too", async () => {
  const { context, page } = await openProvisioned("?lang=de", (body) => body.replace("rules/destinations.json", "https://data.probe.invalid/d.json"));
  const notice = await page.getByTestId("provision-notices").innerText();
  assert.match(notice, /Die Bestimmungslanddaten https:\/\/data\.probe\.invalid\/d\.json wurden nicht angewendet: es werden nur Dateien dieser Website/);
  assert.match(notice, /Stattdessen gelten die eingebauten Bestimmungslanddaten\./);
  assert.match(notice, /Die Liste lists\/broken-un\.xml wurde nicht geladen: /);
  const status = await page.getByTestId("provision-status").innerText();
  assert.match(status, /Geltende Unternehmensregeln: acme-export-rules 2026\.4 .*, aus rules\/acme-extension\.json \(sha256:[0-9a-f]{64}\)/);
  await page.getByTestId("new-assessment").click();
  assert.match(await page.getByTestId("nav-acme_policy").innerText(), /Acme-Exportrichtlinie/);
  await screenshot(page, "provision-rules-de");
  await context.close();
});
