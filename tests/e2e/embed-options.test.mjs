// The element's questionnaire options (issue 14): `member-state` is answered
// in every new assessment, an unknown code is refused at mount with a
// message, `readonly` shows the open assessment without a way to change it
// or start another, and "missing answer" links move the focus inside the
// element's shadow root (not the document's).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, recordPrivacy, privacyProblems } from "./harness.mjs";

let browser, server, origin;
before(async () => {
  ({ server, origin } = await serve());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

/** Adds one <export-assessor> with `attrs` to the intranet example and waits for it. */
async function addElement(page, attrs) {
  await page.evaluate((attrs) => {
    for (const old of document.querySelectorAll("export-assessor")) old.remove();
    const el = document.createElement("export-assessor");
    el.id = "probe";
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    document.querySelector("main").append(el);
  }, attrs);
  await page.waitForFunction(() => ["true", "failed"].includes(document.getElementById("probe")?.dataset.ready), null, { timeout: 20000 });
  return page.locator("#probe");
}

async function open(context) {
  const rec = await recordPrivacy(context, origin);
  const page = await context.newPage();
  rec.watchPage(page);
  await page.goto(origin + "/examples/intranet.html");
  await page.waitForFunction(() => [...document.querySelectorAll("export-assessor")].every((e) => e.dataset.ready === "true"), null, { timeout: 20000 });
  return { rec, page };
}

test("member-state answers every new assessment; an unknown code is refused at mount", async () => {
  const context = await browser.newContext();
  const { rec, page } = await open(context);

  const bad = await addElement(page, { lang: "en", "member-state": "XX" });
  assert.equal(await bad.evaluate((el) => el.dataset.ready), "failed");
  assert.match(await bad.getByRole("alert").innerText(), /memberState "XX" is not an EU Member State code/);

  const el = await addElement(page, { lang: "en", "member-state": "AT" });
  assert.equal(await el.evaluate((e) => e.dataset.ready), "true");
  await el.getByTestId("tab-new").first().evaluate((b) => b.click());
  await el.getByTestId("nav-transaction").evaluate((b) => b.click());
  const select = el.getByTestId("q-exporter_member_state").locator("select");
  await select.waitFor();
  assert.equal(await select.inputValue(), "AT");
  // Still the user's to change.
  await select.selectOption("DE");
  assert.equal(await select.inputValue(), "DE");
  assert.deepEqual(privacyProblems(rec, origin), []);
  await context.close();
});

test("a missing-answer link moves the focus to its question inside the shadow root", async () => {
  const context = await browser.newContext();
  const { page } = await open(context);
  const el = await addElement(page, { lang: "en" });
  await el.getByTestId("tab-new").first().evaluate((b) => b.click());
  const link = el.getByTestId("missing").locator("a").first();
  await link.waitFor();
  const target = (await link.getAttribute("href")).replace(/^#/, "");
  const url = page.url();
  await link.evaluate((a) => a.click());
  await page.waitForFunction((id) => {
    const active = document.getElementById("probe").shadowRoot.activeElement;
    return active !== null && active.closest(`[id="${id}"]`) !== null;
  }, target, { timeout: 5000 });
  // The host page's address is untouched.
  assert.equal(page.url(), url);
  await context.close();
});

test("readonly shows the open assessment with its inputs disabled and no way to start another", async () => {
  const context = await browser.newContext();
  const { page } = await open(context);
  // An assessment to look at, made in a normal instance (same origin store).
  let el = await addElement(page, { lang: "en", "member-state": "DE" });
  await el.getByTestId("tab-new").first().evaluate((b) => b.click());
  await el.getByTestId("assessment-title").fill("Read-only probe");
  await el.getByTestId("assessment-title").press("Tab");
  // Saved before the next mount reads the store (polled, not slept: a save
  // can take longer than any fixed pause on a busy machine).
  await page.waitForFunction(() => new Promise((resolve) => {
    const req = indexedDB.open("export-assessor");
    req.onerror = () => resolve(false);
    req.onsuccess = () => {
      const db = req.result;
      // The probe saved, and named as the open assessment in the preferences
      // (the example page's own instances also write them while they go).
      const tx = db.transaction(["assessments", "meta"], "readonly");
      const all = tx.objectStore("assessments").getAll();
      const prefs = tx.objectStore("meta").get("prefs");
      tx.onerror = () => { db.close(); resolve(false); };
      tx.oncomplete = () => {
        db.close();
        const probe = all.result.find((r) => String(r.draft).includes("Read-only probe"));
        let current = null;
        try {
          current = JSON.parse(prefs.result).current;
        } catch {}
        resolve(Boolean(probe) && current === probe.id);
      };
    };
  }), null, { timeout: 10000, polling: 200 });

  el = await addElement(page, { lang: "en", readonly: "" });
  assert.equal(await el.evaluate((e) => e.dataset.ready), "true");
  const app = el.getByTestId("app");
  assert.equal(await app.getAttribute("data-read-only"), "true");
  assert.equal(await el.getByTestId("assessment-title").inputValue(), "Read-only probe");
  assert.equal(await el.getByTestId("assessment-title").evaluate((i) => i.readOnly), true);
  assert.equal(await el.getByTestId("tab-new").first().isVisible(), false);
  // Every answer input sits in the disabled fieldset.
  const enabled = await el.evaluate((host) => [...host.shadowRoot.querySelectorAll(".ea-fieldset input, .ea-fieldset select, .ea-fieldset textarea")].filter((i) => !i.matches(":disabled")).length);
  assert.equal(enabled, 0);
  await context.close();
});

test("the element's provision option puts company rules and destination data in force (shown with source and checksum); a broken extension is named and the built-in rules stay", async () => {
  const context = await browser.newContext();
  const { rec, page } = await open(context);
  const config = (rules) => JSON.stringify({ views: ["assessment"], provision: { rules, destinations: "rules/destinations.json" } });
  let el = await addElement(page, { lang: "en", config: config("rules/acme-extension.json") });
  assert.equal(await el.evaluate((e) => e.dataset.ready), "true");
  await el.getByTestId("tab-new").first().evaluate((b) => b.click());
  assert.match(await el.getByTestId("nav-acme_policy").innerText(), /Acme export policy/);
  const status = await el.getByTestId("provision-status").innerText();
  assert.match(status, /acme-export-rules 2026\.4/);
  assert.match(status, /sha256:[0-9a-f]{64}/);
  assert.match(status, /2026-12-10/);

  el = await addElement(page, { lang: "en", config: config("rules/broken-extension.json") });
  assert.equal(await el.evaluate((e) => e.dataset.ready), "true");
  assert.match(await el.getByTestId("provision-notices").innerText(), /rules\/broken-extension\.json/);
  await el.getByTestId("tab-new").first().evaluate((b) => b.click());
  await el.getByTestId("app").waitFor();
  assert.equal(await el.getByTestId("nav-acme_policy").count(), 0);
  assert.deepEqual(privacyProblems(rec, origin), []);
  await context.close();
});

test("the host's lang wins over the language another instance saved", async () => {
  const context = await browser.newContext();
  const { page } = await open(context);
  // The intranet example's instances have saved their preferences; a new one in German is German.
  let el = await addElement(page, { lang: "de" });
  assert.equal(await el.getByTestId("app").getAttribute("lang"), "de");
  el = await addElement(page, { lang: "en" });
  assert.equal(await el.getByTestId("app").getAttribute("lang"), "en");
  await context.close();
});
