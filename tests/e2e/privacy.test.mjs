// The privacy guard: a whole session makes only same-origin GETs of the
// app's static files, nothing after load, and trips no CSP rule.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { appReady, launch, openScreening, serve, recordPrivacy, privacyProblems, screenshot, LAZY_ALLOWLIST } from "./harness.mjs";

const REQUIRED_CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; style-src 'self'; " +
  "img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'";

let browser, server, origin;
before(async () => {
  ({ server, origin } = await serve());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

test("a session loads only the static allowlist and sends nothing after load", async () => {
  const context = await browser.newContext();
  const rec = await recordPrivacy(context, origin);
  const page = await context.newPage();
  rec.watchPage(page);
  await page.goto(origin + "/");
  await appReady(page);
  rec.markLoaded();

  // Use the app: switch the language back and forth.
  await page.getByTestId("lang-switch").selectOption("de");
  await page.getByText("Sprache").waitFor();
  await page.getByTestId("lang-switch").selectOption("en");
  await page.getByText("Language").waitFor();
  await page.waitForTimeout(300);
  await screenshot(page, "shell");

  assert.deepEqual(privacyProblems(rec, origin), []);
  assert.deepEqual(rec.errors, [], "page errors");
  assert.ok(rec.requests.some((r) => r.url.endsWith(".wasm")), "the wasm was loaded from the same origin");
  await context.close();
});

test("the screening engine loads only when its page opens, never on the way to the first question", async () => {
  const context = await browser.newContext();
  const rec = await recordPrivacy(context, origin);
  const page = await context.newPage();
  rec.watchPage(page);
  await page.goto(origin + "/?lang=en");
  await appReady(page);
  await page.getByTestId("new-assessment").click();
  await page.getByTestId("q-exporter_member_state").waitFor();
  await page.waitForTimeout(300);
  rec.markLoaded();
  const paths = () => rec.requests.map((r) => new URL(r.url).pathname);
  const early = paths().filter((p) => LAZY_ALLOWLIST.includes(p));
  assert.deepEqual(early, [], "no screening code before the screening page opens (no lists stored)");
  assert.equal(await page.evaluate(() => document.documentElement.dataset.screening), "none");

  await openScreening(page);
  await page.getByTestId("lists-section").waitFor();
  const screeningCode = LAZY_ALLOWLIST.filter((p) => !p.includes("records"));
  for (const p of screeningCode) assert.ok(paths().includes(p), `${p} loads when the screening page opens`);
  assert.ok(!paths().includes("/pkg/records_bg.wasm"), "the records app is not loaded by the screening page");
  // The records app loads when one of its pages first opens.
  await page.getByTestId("tab-archive").click();
  await page.getByTestId("archive-page").waitFor();
  assert.ok(paths().includes("/pkg/records_bg.wasm"), "the records app loads when the archive opens");
  assert.deepEqual(privacyProblems(rec, origin), []);
  assert.deepEqual(rec.errors, []);
  await context.close();
});

test("the page carries the required Content-Security-Policy and no inline script", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(origin + "/");
  await appReady(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  assert.equal(csp, REQUIRED_CSP);
  const inline = await page.evaluate(() =>
    [...document.scripts].filter((s) => !s.src).length + document.querySelectorAll("[style]").length);
  assert.equal(inline, 0, "inline scripts or style attributes would need 'unsafe-inline'");
  await context.close();
});

test("the worker's script carries the same policy (a worker does not inherit the page's meta tag)", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  for (const path of ["/screening-worker.js", "/pkg/screening.js", "/"]) {
    const response = await page.request.get(origin + path);
    assert.equal(response.headers()["content-security-policy"], REQUIRED_CSP, path);
  }
  await context.close();
});

test("the CSP really blocks a request to another origin (the guard can fail)", async () => {
  const context = await browser.newContext();
  const rec = await recordPrivacy(context, origin);
  const page = await context.newPage();
  await page.goto(origin + "/");
  await appReady(page);
  rec.markLoaded();
  // An injected probe, as a compromised dependency would do it. `.invalid`
  // never resolves, and the CSP stops it before any lookup.
  const outcome = await page.evaluate(() =>
    fetch("https://probe.invalid/leak").then(() => "sent", (e) => `blocked: ${e.name}`));
  await page.waitForTimeout(200);
  assert.match(outcome, /^blocked/);
  const problems = privacyProblems(rec, origin);
  assert.ok(problems.some((p) => p.startsWith("CSP violation: connect-src")), problems.join("\n"));
  await context.close();
});
