// Host provisioning (issue 14): a page's config (#export-assessor-config)
// names same-origin list files, a shared decisions register and the list
// age limit (www/examples/provisioned.html). The good list loads and screens
// a name with its source, date and checksum shown; the broken file is
// reported with its URL and reason while the rest keeps working; the old
// list warns under maxListAgeDays; the user can still add files; and the
// page fetches exactly those files and nothing beyond the allowlist.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
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
  assert.deepEqual([...new Set(examples)].sort(), ["GET /examples/lists/broken-un.xml", "GET /examples/lists/register.json", "GET /examples/lists/un-mini.xml", "GET /examples/provisioned.html"]);
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
