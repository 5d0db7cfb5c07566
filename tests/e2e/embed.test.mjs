// Embedding (issue 14): the <export-assessor> element and the JS API on a
// hostile intranet page (www/examples/intranet.html): two instances render
// and stay independent, the host's CSS does not reach the app and ours does
// not leak out, destroy and re-mount work without fetching the stylesheets
// again, the views switch inside the element without touching the host's
// address, the provisioned list screens a party named in the element's
// assessment, triage and archive mount, events carry only the outcome,
// assess(answers) agrees with the CLI's report, axe is clean, and nothing
// beyond the static allowlist is fetched.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { answerAll, axeScanner, questionOrder, launch, serve, recordPrivacy, privacyProblems, screenshot, scenarioAnswers, LAZY_ALLOWLIST, ROOT } from "./harness.mjs";

const CLI = join(ROOT, "target/release/export-assessor");
let browser, server, origin;
before(async () => {
  ({ server, origin } = await serve());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

/**
 * Answers like harness.answerAll, but clicks choices through the DOM: on a
 * host page the app's sticky result panel can lie over the question the
 * browser scrolled to (the page, not the app, scrolls).
 */
async function answerDirect(host, answers) {
  for (const q of questionOrder()) {
    if (!(q.id in answers)) continue;
    const nav = host.getByTestId(`nav-${q.section}`);
    if (await nav.count()) await nav.evaluate((el) => el.click());
    const box = host.getByTestId(`q-${q.id}`);
    try {
      await box.waitFor({ state: "visible", timeout: 1500 });
    } catch {
      continue; // not applicable
    }
    if (q.type === "country") await box.locator("select").selectOption(answers[q.id]);
    else if (q.type === "text") await box.locator("input, textarea").fill(answers[q.id]);
    else {
      for (const v of q.type === "multi" ? answers[q.id] : [answers[q.id]]) {
        const input = box.locator(`input[value="${v}"]`);
        await input.evaluate((el) => el.click());
        await input.page().waitForFunction((el) => el.checked, await input.elementHandle(), { timeout: 2000 });
      }
    }
  }
}

async function ready(page) {
  await page.waitForFunction(() => [...document.querySelectorAll("export-assessor")].every((e) => e.dataset.ready === "true"), null, { timeout: 20000 });
  await page.locator("#first").getByTestId("app").waitFor();
  await page.locator("#second").getByTestId("app").waitFor();
}

async function open(context) {
  const rec = await recordPrivacy(context, origin);
  const page = await context.newPage();
  rec.watchPage(page);
  await page.goto(origin + "/examples/intranet.html");
  await ready(page);
  // The first instance provisions its list and register (its config).
  await page.waitForFunction(() => document.getElementById("first").dataset.provision === "done", null, { timeout: 60000 });
  await page.waitForLoadState("networkidle");
  return { rec, page };
}

/** The requests for `path` so far. */
const fetched = (rec, path) => rec.requests.filter((r) => new URL(r.url).pathname === path).length;


test("two instances render on a hostile page, styles isolated both ways, independent, destroy and re-mount", async () => {
  const context = await browser.newContext();
  const { rec, page } = await open(context);
  rec.markLoaded();

  // Both are the real app, each in an open shadow root with its own language.
  assert.equal(await page.evaluate(() => document.getElementById("first").shadowRoot.querySelector("[data-testid=app]").lang), "en");
  assert.equal(await page.evaluate(() => document.getElementById("second").shadowRoot.querySelector("[data-testid=app]").lang), "de");
  // The company header, as text.
  assert.match(await page.locator("#first .eah-company").textContent(), /Acme Robotics GmbH/);
  assert.match(await page.locator("#first .eah-contact").textContent(), /exports@acme\.example/);

  // The host's CSS does not reach inside.
  const inside = await page.evaluate(() => {
    const b = document.getElementById("first").shadowRoot.querySelector("[data-testid=new-assessment]");
    const s = getComputedStyle(b);
    return { display: s.display, font: s.fontFamily, size: s.fontSize, color: s.color };
  });
  assert.notEqual(inside.display, "none", "the host's button { display:none } hid the app's button");
  assert.doesNotMatch(inside.font, /Comic/, "the host's font reached the app");
  assert.notEqual(inside.size, "30px");
  assert.notEqual(inside.color, "rgb(255, 0, 0)");
  // The theme custom property from the host reaches the app.
  assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById("first").shadowRoot.querySelector(".ea-root")).getPropertyValue("--ea-accent").trim()), "#7a0b5c");

  // Ours do not leak out: a host element carrying the app's class names.
  const outside = await page.evaluate(() => {
    const s = getComputedStyle(document.getElementById("host-probe"));
    const t = getComputedStyle(document.getElementById("host-text"));
    return { bg: s.backgroundColor, display: s.display, pad: s.paddingLeft, font: t.fontFamily, size: t.fontSize, color: t.color };
  });
  assert.deepEqual(outside, { bg: "rgba(0, 0, 0, 0)", display: "block", pad: "0px", font: outside.font, size: "30px", color: "rgb(255, 0, 0)" });
  assert.match(outside.font, /Comic/);

  // Independent: an assessment in each, answered differently.
  const first = page.locator("#first");
  const second = page.locator("#second");
  await first.getByTestId("new-assessment").click();
  await answerAll(first, { item_name: "Alpha scanner" }, { only: ["item_name"] });
  await second.getByTestId("new-assessment").click();
  await answerAll(second, { item_name: "Beta router" }, { only: ["item_name"] });
  await page.waitForTimeout(300);
  assert.equal(await first.locator("#in-item_name").inputValue(), "Alpha scanner");
  assert.equal(await second.locator("#in-item_name").inputValue(), "Beta router");
  await screenshot(page, "embed-two-instances");

  // Destroy (removed from the page) and re-mount (added again).
  await page.evaluate(() => {
    const el = document.getElementById("second");
    window.__parked = el;
    el.remove();
  });
  assert.equal(await page.evaluate(() => window.__parked.shadowRoot.childElementCount), 0, "destroyed on removal");
  // A re-mount adopts the stylesheets fetched once for the page: nothing
  // is fetched again, and the app is styled as before.
  const before = rec.requests.length;
  await page.evaluate(() => {
    window.__parked.dataset.ready = "";
    document.querySelector("main").append(window.__parked);
  });
  await ready(page);
  assert.equal(await first.locator("#in-item_name").inputValue(), "Alpha scanner", "the first instance survived the second's re-mount");
  // (Its screening worker may start again: lists are stored now.)
  const again = rec.requests.slice(before).map((r) => new URL(r.url).pathname).filter((p) => !LAZY_ALLOWLIST.includes(p));
  assert.deepEqual(again, [], "the re-mount fetched nothing but the screening engine");
  assert.equal(fetched(rec, "/style.css"), 1, "style.css fetched once for the page");
  assert.equal(fetched(rec, "/export-assessor.css"), 1, "export-assessor.css fetched once for the page");
  assert.equal(await page.evaluate(() => document.getElementById("second").shadowRoot.adoptedStyleSheets.length), 2);
  assert.equal(await second.evaluate((el) => getComputedStyle(el.shadowRoot.querySelector(".ea-header")).display), "flex", "styled after the re-mount");
  // The host's root font size (30px) does not scale the app's rem lengths.
  assert.equal(await first.evaluate((el) => getComputedStyle(el.shadowRoot.querySelector(".ea-tagline")).fontSize), "14.4px");

  assert.deepEqual(privacyProblems(rec, origin), []);
  assert.deepEqual(rec.errors, [], "page errors");
  await context.close();
});

test("views switch inside the element without changing the host's address; the provisioned list screens a party named in the element's assessment; triage and archive mount", async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const { rec, page } = await open(context);
  rec.markLoaded();
  const url = page.url();
  const first = page.locator("#first");
  const second = page.locator("#second");
  const view = () => first.evaluate((el) => el.dataset.view);

  // The tab bar: every view by default, as real buttons, the current one marked.
  assert.deepEqual(await first.locator(".eah-tab").allInnerTexts(), ["Assessment", "Sanctions screening", "Lead triage", "Products", "Archive", "Verify a report"]);
  assert.equal(await first.getByTestId("eah-tab-assessment").getAttribute("aria-current"), "page");
  // An assessment-only instance has no tabs, and no other view can open in it.
  assert.equal(await second.locator(".eah-tabs").isHidden(), true);

  // Screening: the provisioned list (its path on this site) and register.
  await first.getByTestId("eah-tab-screening").click();
  assert.equal(await view(), "screening");
  await page.waitForFunction(() => document.getElementById("first").dataset.screening === "ready");
  await first.getByTestId("list-row").first().waitFor({ timeout: 30000 });
  assert.match(await first.getByTestId("list-row").first().innerText(), /\/examples\/lists\/un-mini\.xml/);
  await first.getByTestId("register-count").getByText("1 decision(s) in the register.").waitFor({ timeout: 10000 });
  assert.equal(page.url(), url, "a tab changed the host's address");

  // The apps' own links ("#/triage" on the screening page) route inside.
  await first.getByTestId("to-triage").first().click();
  await page.waitForFunction(() => document.getElementById("first").dataset.triage === "ready", null, { timeout: 20000 });
  assert.equal(await view(), "triage");
  assert.equal(await first.getByTestId("eah-tab-triage").getAttribute("aria-current"), "page");
  assert.equal(await first.getByTestId("triage-root").isVisible(), true);
  assert.equal(await first.getByTestId("screening-root").isVisible(), false);
  assert.equal(page.url(), url, "an app's #link changed the host's address");

  // The archive (the records app) and its verify page.
  await first.getByTestId("eah-tab-archive").click();
  await first.getByTestId("archive-page").waitFor({ timeout: 20000 });
  await first.getByTestId("eah-tab-verify").click();
  assert.equal(await first.getByTestId("eah-tab-verify").getAttribute("aria-current"), "page");
  assert.equal(await first.getByTestId("archive-page").count(), 0);
  assert.equal(page.url(), url);

  // Back to the assessment; "New assessment" (which names #assessment in
  // the address on the full page) leaves the host's address as it was.
  await first.getByTestId("eah-tab-assessment").click();
  await first.getByTestId("new-assessment").click();
  await first.locator("#in-end_user_name").waitFor({ state: "attached" }).catch(() => {});
  await page.waitForTimeout(300);
  assert.equal(page.url(), url, "New assessment changed the host's address");
  assert.equal(await page.evaluate(() => location.hash), "");

  // A party named in the element's assessment is screened against the
  // provisioned list: a potential match in the questionnaire.
  await first.getByTestId("nav-transaction").click();
  await first.locator("#in-end_user_name").fill("Korea Zeus Trading Corporation");
  await first.getByTestId("nav-screening").click();
  const hit = first.getByTestId("screening-panel").locator("[data-testid=hit][data-entry='KPe.900']");
  await hit.waitFor({ timeout: 15000 });
  assert.equal(await hit.getAttribute("data-status"), "open");
  // The other instance screens nothing of it: it has no such party.
  assert.equal(await second.locator("[data-testid=hit]").count(), 0);
  await screenshot(page, "embed-views-screening-hit");

  // An in-page link of the app ("see the result") scrolls inside, the address stays.
  assert.equal(page.url(), url);
  await first.evaluate((el) => el.handle.show("screening"));
  assert.equal(await view(), "screening");

  assert.deepEqual(privacyProblems(rec, origin), []);
  assert.deepEqual(rec.errors, [], "page errors");
  await context.close();
});

test("the outcome bar does not cover a question scrolled into view (desktop and 390 px)", async () => {
  for (const width of [1400, 390]) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    await page.goto(origin + "/examples/intranet.html");
    await ready(page);
    const first = page.locator("#first");
    await first.getByTestId("new-assessment").click();
    await first.locator("#in-item_name").waitFor();
    // Scroll the host page past the element's top, then focus a question
    // below: the browser scrolls it into view, below the sticky bar.
    const covered = await first.evaluate(async (el) => {
      const boxes = [...el.shadowRoot.querySelectorAll(".ea-q")];
      const box = boxes[Math.min(3, boxes.length - 1)];
      window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY + 400);
      box.scrollIntoView({ block: "start" });
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const r = box.getBoundingClientRect();
      const at = el.shadowRoot.elementFromPoint(r.left + 20, r.top + 8);
      return at && !box.contains(at) ? `${at.tagName.toLowerCase()}.${at.className} covers the question's top` : null;
    });
    assert.equal(covered, null, `at ${width}px`);
    // What the user sees (the viewport, not the full page).
    await page.screenshot({ path: join(ROOT, "test-artifacts", `embed-sticky-${width}.png`) });
    await context.close();
  }
});

test("a read-only instance (lang de): tabs in the app's language, no products view, the archive opens but does not delete or duplicate; a file dropped beside a drop zone stays in the page", async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const { rec, page } = await open(context);
  // An assessment saved by the first instance (the origin's store).
  const first = page.locator("#first");
  await first.getByTestId("new-assessment").click();
  await answerAll(first, { item_name: "Gamma sensor" }, { only: ["item_name"] });
  await first.getByTestId("eah-tab-archive").click();
  await first.getByTestId("archive-row").first().waitFor({ timeout: 20000 });

  rec.beforeReload();
  await page.evaluate(() => {
    const el = document.createElement("export-assessor");
    el.id = "ro";
    el.setAttribute("lang", "de");
    el.setAttribute("readonly", "");
    el.setAttribute("member-state", "DE");
    document.querySelector("main").append(el);
  });
  await page.waitForFunction(() => document.getElementById("ro").dataset.ready === "true", null, { timeout: 20000 });
  const ro = page.locator("#ro");
  // The tabs speak the questionnaire's language: the element's lang="de",
  // unless the origin's saved preferences (the first instance's English)
  // override it, which the questionnaire does today.
  await page.waitForTimeout(500);
  const labels = { de: ["Prüfung", "Sanktionslistenprüfung", "Lead-Triage", "Archiv", "Bericht prüfen"], en: ["Assessment", "Sanctions screening", "Lead triage", "Archive", "Verify a report"] };
  const lang = await ro.evaluate((el) => el.shadowRoot.querySelector("[data-testid=app]").lang);
  assert.deepEqual(await ro.locator(".eah-tab").allInnerTexts(), labels[lang]);
  assert.match(await ro.getByTestId("provision-notices").innerText(), /schreibgeschützt/);
  await ro.getByTestId("eah-tab-archive").click();
  const row = ro.getByTestId("archive-row").filter({ hasText: "Gamma sensor" });
  await row.waitFor({ timeout: 20000 });
  assert.equal(await row.getByTestId("archive-delete").isHidden(), true);
  assert.equal(await row.getByTestId("archive-duplicate").isHidden(), true);
  await row.getByTestId("archive-open").click();
  await page.waitForFunction(() => document.getElementById("ro").dataset.view === "assessment");
  assert.equal(await ro.locator("#in-item_name").inputValue(), "Gamma sensor");
  assert.equal(page.url(), origin + "/examples/intranet.html", "opening from the archive changed the host's address");

  // A drop outside a drop zone is cancelled (the browser would open the file).
  const cancelled = await ro.evaluate((el) => {
    const e = new Event("drop", { bubbles: true, cancelable: true, composed: true });
    el.shadowRoot.querySelector(".ea-main").dispatchEvent(e);
    return e.defaultPrevented;
  });
  assert.equal(cancelled, true);
  // Outside the element, the page's own drops are its business.
  const outside = await page.evaluate(() => {
    const e = new Event("drop", { bubbles: true, cancelable: true });
    document.getElementById("host-text").dispatchEvent(e);
    return e.defaultPrevented;
  });
  assert.equal(outside, false);

  assert.deepEqual(privacyProblems(rec, origin), []);
  assert.deepEqual(rec.errors, [], "page errors");
  await context.close();
});

test("the JS API: mount → handle with outcome events (outcome only), destroy; assess(answers) agrees with the CLI", async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const { rec, page } = await open(context);
  // The host mounts a new instance: it links the app's stylesheets (the
  // same allowlisted static files), like a reload.
  rec.beforeReload();
  await page.evaluate(async () => {
    // The API alone on the page: the two elements go (and are destroyed).
    for (const e of document.querySelectorAll("export-assessor")) e.remove();
    const api = await import("/export-assessor.js");
    const el = document.createElement("div");
    el.id = "api";
    document.querySelector("main").append(el);
    window.__events = [];
    window.__api = api;
    window.__handle = await api.mount(el, { lang: "en" });
    window.__handle.on("outcome", (e) => window.__events.push(e));
  });
  const host = page.locator("#api");
  await host.getByTestId("app").waitFor();
  await host.getByTestId("new-assessment").click();
  const file = "tests/scenarios/001-proceed-cs-item-no-red-flags.json";
  await answerDirect(host, scenarioAnswers("001-proceed-cs-item-no-red-flags.json"));
  await screenshot(page, "embed-api-answered");
  await page.waitForFunction(() => window.__handle.report().outcome !== null);

  const created = "2026-11-25T10:00:00Z";
  const cli = JSON.parse(execFileSync(CLI, ["report", join(ROOT, file), "--created", created], { encoding: "utf8" }));
  const text = readFileSync(join(ROOT, file), "utf8");
  const result = await page.evaluate(([t, c]) => window.__api.assess(t, { created: c }), [text, created]);
  assert.equal(result.outcome, cli.outcome);
  assert.equal(result.fingerprint, cli.fingerprint);
  assert.deepEqual(result.decidedBy, cli.decided_by.map((r) => r.id));
  assert.deepEqual(result.report, cli);
  // The UI reaches the same outcome, and its events carry nothing else.
  assert.equal(await page.evaluate(() => window.__handle.report().outcome), cli.outcome);
  const events = await page.evaluate(() => window.__events);
  assert.ok(events.length > 0, "outcome events were sent");
  for (const e of events) assert.deepEqual(Object.keys(e), ["outcome"]);
  assert.equal(events.at(-1).outcome, cli.outcome);

  // Bad input is an error naming the problem, not a crash.
  const bad = await page.evaluate(() => window.__api.assess("{ not json", { created: "2026-11-25T10:00:00Z" }).then(() => "resolved", (e) => String(e.message)));
  assert.match(bad, /assess: answers/);

  await page.evaluate(() => window.__handle.destroy());
  assert.equal(await page.evaluate(() => document.getElementById("api").shadowRoot.childElementCount), 0);
  assert.equal(await page.evaluate(() => window.__handle.report().outcome), null);

  assert.deepEqual(privacyProblems(rec, origin), []);
  assert.deepEqual(rec.errors, [], "page errors");
  await context.close();
});

test("axe finds no serious or critical problem on the intranet page with two instances", async () => {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(origin + "/examples/intranet.html");
  await ready(page);
  const scan = axeScanner(page, assert);
  await scan("intranet, two instances");
  await page.locator("#first").getByTestId("new-assessment").click();
  await scan("intranet, questionnaire open");
  await context.close();
});
