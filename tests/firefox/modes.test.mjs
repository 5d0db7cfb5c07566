// The other ways the app is delivered, in Firefox ESR: the custom element
// on the intranet example page (shadow roots, provisioning), the iframe mode
// (a sandboxed opaque-origin frame answering "assess" as the CLI), and the
// offline single file opened from disk with nothing fetched.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { scenarioAnswers, WWW } from "../e2e/harness.mjs";
import { answerAll, byTestId, CLI, launch, privacyProblems, ROOT, screenshot, serveLogged, session } from "./harness.mjs";

let browser, server, origin, log;
before(async () => {
  ({ server, origin, log } = await serveLogged());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

test("the element: two instances in shadow roots on the intranet page, provisioned, the host's CSS kept out", async () => {
  const s = await session(browser, origin, log);
  const { page, rec } = s;
  await page.goto(origin + "/examples/intranet.html");
  await page.waitForFunction(() => ["first", "second"].every((id) => document.getElementById(id)?.shadowRoot?.querySelector("[data-testid=app]")), { timeout: 30000 });
  await page.waitForFunction(() => document.getElementById("first").dataset.provision === "done", { timeout: 60000 });
  const langs = await page.evaluate(() => ["first", "second"].map((id) => document.getElementById(id).shadowRoot.querySelector("[data-testid=app]").lang));
  assert.deepEqual(langs, ["en", "de"]);
  const inside = await page.evaluate(() => {
    const b = document.getElementById("first").shadowRoot.querySelector("[data-testid=new-assessment]");
    const st = getComputedStyle(b);
    return { display: st.display, font: st.fontFamily, size: st.fontSize };
  });
  assert.notEqual(inside.display, "none", "the host's button { display:none } hid the app's button");
  assert.doesNotMatch(inside.font, /Comic/, "the host's font reached the app");
  assert.notEqual(inside.size, "30px");
  // An assessment inside the first instance's shadow root, to its outcome.
  await page.evaluate(() => document.getElementById("first").shadowRoot.querySelector("[data-testid=new-assessment]").click());
  await page.waitForFunction(() => document.getElementById("first").shadowRoot.querySelector("[data-testid=q-exporter_member_state]"), { timeout: 10000 });
  await screenshot(page, "element-intranet");
  assert.deepEqual(privacyProblems(rec, origin, log), []);
  assert.deepEqual(rec.errors, []);
  await s.context.close();
});

test("the iframe mode: ready without storage, and 'assess' gives the CLI's report and fingerprint", async () => {
  const created = "2026-11-25T10:00:00Z";
  const file = join(ROOT, "tests/scenarios", "018-notify-art5-2-egypt-emotion-recognition.json");
  assert.ok(existsSync(CLI), `${CLI} is built by cargo test (or set EA_CLI)`);
  const native = spawnSync(CLI, ["report", file, "--created", created], { encoding: "utf8" });
  assert.equal(native.status, 0, native.stderr);
  const cli = JSON.parse(native.stdout);
  const s = await session(browser, origin, log);
  const { page, rec } = s;
  await page.goto(origin + "/examples/frame-host.html");
  await page.waitForFunction(() => window.exportAssessorFrame?.events.some((e) => e.type === "ready"), { timeout: 30000 });
  const ready = await page.evaluate(() => window.exportAssessorFrame.events.find((e) => e.type === "ready"));
  assert.equal(ready.storage, false, "a sandboxed frame keeps nothing");
  assert.deepEqual(ready.ruleSet, cli.rule_set);
  const assessed = await page.evaluate((m) => window.exportAssessorFrame.ask(m), { type: "assess", answers: readFileSync(file, "utf8"), created });
  assert.equal(assessed.type, "assessed", JSON.stringify(assessed));
  assert.equal(assessed.result.fingerprint, cli.fingerprint);
  assert.deepEqual(assessed.result.report, cli);
  const bad = await page.evaluate((m) => window.exportAssessorFrame.ask(m), { type: "assess", answers: "{ not json", created });
  assert.deepEqual([bad.type, bad.code], ["error", "assess"]);
  assert.deepEqual(privacyProblems(rec, origin, log), []);
  assert.deepEqual(rec.errors, []);
  await s.context.close();
});

test("the offline single file from disk: an assessment to its outcome, a list loaded and a name checked, nothing fetched", async () => {
  const path = process.env.OFFLINE_FILE ?? join(WWW, "dist", "export-assessor-offline.html");
  assert.ok(existsSync(path), `${path} is missing: run 'bash scripts/build.sh' (its last step writes it)`);
  const url = pathToFileURL(path).href;
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1400, height: 1000 });
  const requests = [];
  const errors = [];
  await page.setRequestInterception(true);
  page.on("request", (req) => {
    const u = req.url();
    if (u === url || u.startsWith("blob:") || u.startsWith("data:")) return req.continue();
    requests.push(`${req.method()} ${u}`);
    return req.abort("blockedbyclient");
  });
  page.on("pageerror", (err) => errors.push(String(err)));
  page.on("console", (msg) => { if (msg.type() === "error") errors.push(msg.text()); });
  await page.goto(url);
  await page.waitForSelector(byTestId("app"), { timeout: 30000 });
  await page.waitForFunction(() => document.documentElement.dataset.ready === "true", { timeout: 30000 });
  await (await page.waitForSelector(byTestId("new-assessment"))).click();
  await answerAll(page, scenarioAnswers("002-not-in-scope-intra-eu.json"));
  assert.equal(await page.$eval(byTestId("outcome"), (el) => el.dataset.outcome), "not_in_scope");

  await page.evaluate(() => { location.hash = "screening"; });
  await page.waitForFunction(() => document.documentElement.dataset.screening === "ready" && !document.querySelector("[data-testid=engine-starting]"), { timeout: 30000 });
  const input = await page.waitForSelector(byTestId("list-files"));
  await input.uploadFile(join(ROOT, "tests/fixtures/screening/watchlist.csv"));
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=list-row]").length === 1 && !document.querySelector("[data-testid=lists-adding]"), { timeout: 60000 });
  await (await page.waitForSelector(byTestId("check-name"))).type("Nordlicht Logistik");
  await (await page.waitForSelector(byTestId("check-button"))).click();
  const hit = await page.waitForSelector(byTestId("check-hit"), { timeout: 20000 });
  assert.match(await hit.evaluate((el) => el.innerText), /Nordlicht/);

  await page.evaluate(() => { location.hash = "archive"; });
  await page.waitForFunction(() => document.documentElement.dataset.records === "ready", { timeout: 30000 });
  await screenshot(page, "offline-archive");
  assert.deepEqual(requests, [], "no request but the file itself");
  assert.deepEqual(errors, [], "no script error and no CSP violation");
  await context.close();
});
