// The offline single file (www/dist/export-assessor-offline.html, written by
// scripts/single_file.mjs) opened from disk in Debian Chromium with the
// network off and every request failed: an assessment completed to its
// outcome, a list file dropped on the screening page and a name checked,
// with no request but the file itself and its own blob:/data: URLs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { answerAll, launch, scenarioAnswers, WWW } from "./harness.mjs";
import { fixture } from "./screening-data.mjs";

const FILE = process.env.OFFLINE_FILE ?? join(WWW, "dist", "export-assessor-offline.html");
const URL_ = pathToFileURL(FILE).href;

let browser;
before(async () => {
  if (!existsSync(FILE)) throw new Error(`${FILE} is missing: run 'bash scripts/build.sh' (its last step writes it)`);
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("the single file works from disk with the network off: an assessment to its outcome, a dropped list and a name checked", async () => {
  const size = statSync(FILE).size;
  console.log(`offline single file: ${size} bytes (${(size / 1048576).toFixed(2)} MiB)`);
  const context = await browser.newContext();
  await context.setOffline(true);
  const requests = [];
  const failed = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url === URL_) return route.continue();
    failed.push(url);
    return route.abort("blockedbyclient");
  });
  const errors = [];
  const page = await context.newPage();
  page.on("pageerror", (err) => errors.push(String(err)));
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("request", (r) => {
    const url = r.url();
    if (!url.startsWith("blob:") && !url.startsWith("data:") && url !== URL_ && !requests.includes(url)) requests.push(url);
  });
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(URL_);
  await page.getByTestId("app").waitFor({ timeout: 30000 });
  await page.waitForFunction(() => document.documentElement.dataset.ready === "true", null, { timeout: 30000 });

  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  assert.match(csp, /connect-src 'none'/);
  assert.match(csp, /default-src 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline/);

  // An assessment to its outcome.
  await page.getByTestId("new-assessment").click();
  await answerAll(page, scenarioAnswers("002-not-in-scope-intra-eu.json"));
  assert.equal(await page.getByTestId("outcome").first().getAttribute("data-outcome"), "not_in_scope");

  // The screening page: a list dropped on its zone, a name checked.
  await page.evaluate(() => {
    location.hash = "screening";
  });
  await page.waitForFunction(() => document.documentElement.dataset.screening === "ready" && !document.querySelector("[data-testid=engine-starting]"), null, { timeout: 30000 });
  const list = readFileSync(fixture("watchlist.csv"), "utf8");
  const dt = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], "watchlist.csv", { type: "text/csv" }));
    return dt;
  }, list);
  await page.getByTestId("list-drop").dispatchEvent("drop", { dataTransfer: dt });
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=list-row]").length === 1 && !document.querySelector("[data-testid=lists-adding]"), null, { timeout: 60000 });
  await page.getByTestId("check-name").fill("Nordlicht Logistik");
  await page.getByTestId("check-button").click();
  await page.getByTestId("check-hit").first().waitFor({ timeout: 20000 });
  assert.match(await page.getByTestId("check-hit").first().innerText(), /Nordlicht/);

  // The records app comes with it: the archive opens.
  await page.evaluate(() => {
    location.hash = "archive";
  });
  await page.waitForFunction(() => document.documentElement.dataset.records === "ready", null, { timeout: 30000 });

  console.log(`requests: ${requests.length} (the file itself: ${requests.filter((u) => u === URL_).length}); failed: ${failed.length}`);
  assert.deepEqual(failed, [], "no request but the file itself");
  assert.deepEqual(requests.filter((u) => u !== URL_), []);
  assert.deepEqual(errors, [], "no script error and no CSP violation");
  await context.close();
});
