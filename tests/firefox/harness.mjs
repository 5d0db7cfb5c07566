// The Firefox ESR stage's shared pieces: Debian's firefox-esr driven by
// puppeteer-core over WebDriver BiDi (never a downloaded browser), the
// e2e static server, and a privacy recorder that sees every request twice:
// in the browser (puppeteer's interception: anything off-origin is aborted
// and reported) and at the server (every request that reached it, the
// worker's included, with its method).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer from "puppeteer-core";
import { ARTIFACTS, LAZY_ALLOWLIST, questionOrder, ROOT, serve, STATIC_ALLOWLIST } from "../e2e/harness.mjs";

export { ROOT, questionOrder };
export const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";
/** The native CLI the e2e tests use (cargo test builds it); EA_CLI overrides. */
export const CLI = process.env.EA_CLI ?? join(ROOT, "target", "debug", "export-assessor");

export async function launch() {
  if (!existsSync(FIREFOX)) {
    throw new Error(`${FIREFOX} not found: run 'bash scripts/setup.sh --with-tests' (installs Debian firefox-esr)`);
  }
  return puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    // No background traffic of the browser's own (it would not be the app's,
    // but a quiet browser keeps the recorder's picture clean).
    extraPrefsFirefox: {
      "network.captive-portal-service.enabled": false,
      "network.connectivity-service.enabled": false,
      "browser.safebrowsing.update.enabled": false,
    },
  });
}

/**
 * The static server with a log of every request it answered (method, path),
 * so requests the page's recorder cannot see (a worker's) are checked too.
 */
export async function serveLogged() {
  const { server, origin } = await serve();
  const log = [];
  server.on("request", (req) => log.push({ method: req.method, path: new URL(req.url, origin).pathname }));
  return { server, origin, log };
}

/**
 * A browser context (its own profile: storage starts empty) with downloads
 * allowed into a fresh directory, and one page under the recorder.
 */
export async function session(browser, origin, log) {
  const downloads = mkdtempSync(join(tmpdir(), "ea-ff-dl-"));
  const context = await browser.createBrowserContext({ downloadBehavior: { policy: "allow", downloadPath: downloads } });
  const page = await context.newPage();
  await page.setViewport({ width: 1400, height: 1000 });
  const rec = { requests: [], foreign: [], violations: [], errors: [], loadedAt: null, serverFrom: log.length };
  await page.exposeFunction("__eaReportViolation", (v) => { rec.violations.push(v); });
  await page.evaluateOnNewDocument(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__eaReportViolation(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  await page.setRequestInterception(true);
  page.on("request", (req) => {
    const url = req.url();
    rec.requests.push({ method: req.method(), url, afterLoad: rec.loadedAt !== null });
    if (url.startsWith(origin + "/") || url.startsWith("blob:") || url.startsWith("data:")) return req.continue();
    rec.foreign.push(`${req.method()} ${url}`);
    return req.abort("blockedbyclient");
  });
  page.on("pageerror", (err) => rec.errors.push(String(err)));
  rec.markLoaded = () => { rec.loadedAt = rec.requests.length; };
  rec.beforeReload = () => { rec.loadedAt = null; };
  return { context, page, rec, downloads };
}

/** Every way the session broke the privacy promise, as messages. */
export function privacyProblems(rec, origin, log) {
  const problems = [];
  for (const f of rec.foreign) problems.push(`request to another origin: ${f}`);
  for (const v of rec.violations) problems.push(`CSP violation: ${v}`);
  for (const r of rec.requests) {
    if (r.url.startsWith("blob:") || r.url.startsWith("data:")) continue; // the page's own downloads
    if (r.method !== "GET") problems.push(`non-GET request: ${r.method} ${r.url}`);
    if (!r.url.startsWith(origin + "/")) continue; // reported as foreign
    const path = new URL(r.url).pathname;
    if (r.afterLoad && !LAZY_ALLOWLIST.includes(path)) problems.push(`request after the app had loaded: ${r.method} ${path}`);
    if (!STATIC_ALLOWLIST.includes(path)) problems.push(`request outside the static allowlist: ${r.method} ${path}`);
  }
  for (const r of log.slice(rec.serverFrom)) {
    if (r.method !== "GET") problems.push(`the server saw a non-GET request: ${r.method} ${r.path}`);
    if (!STATIC_ALLOWLIST.includes(r.path)) problems.push(`the server saw a request outside the static allowlist: ${r.method} ${r.path}`);
  }
  return problems;
}

const sel = (id) => `[data-testid="${id}"]`;
export const byTestId = sel;

/** Waits for the app's ready flags, as the e2e harness's appReady does. */
export async function appReady(page) {
  await page.waitForSelector(sel("app"), { timeout: 20000 });
  await page.waitForFunction(() => {
    const d = document.documentElement.dataset;
    return d.ready === "true" && (d.screening === "none" || d.screening === "ready")
      && !document.querySelector("[data-testid=engine-starting]");
  }, { timeout: 20000 });
}

export async function click(page, id) {
  const el = await page.waitForSelector(sel(id), { visible: true, timeout: 10000 });
  await el.click();
  return el;
}

/** Sets a text field as typing would end (input and change events). */
export async function fillText(handle, value) {
  await handle.evaluate((el, v) => {
    el.focus();
    el.value = v;
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
  }, value);
}

/**
 * Answers the questionnaire through the UI as a user would: section by
 * section in the rule set's order, skipping questions not shown. Choices
 * are clicked with the pointer (BiDi input actions), selects chosen, short
 * text typed key by key and long text set with its input event.
 */
export async function answerAll(page, answers, { only } = {}) {
  for (const q of questionOrder()) {
    if (!(q.id in answers) || (only && !only.includes(q.id))) continue;
    const nav = await page.$(sel(`nav-${q.section}`));
    if (nav) await nav.click();
    let box;
    try {
      box = await page.waitForSelector(sel(`q-${q.id}`), { visible: true, timeout: 1500 });
    } catch {
      continue; // hidden by the answers so far: not applicable
    }
    const value = answers[q.id];
    if (q.type === "country") {
      const select = await box.$("select");
      await select.select(value);
    } else if (q.type === "text") {
      const input = await box.$("input, textarea");
      if (value.length <= 40) {
        // Typing replaces what the field holds, as after select-all.
        await input.click();
        await input.evaluate((el) => el.select());
        await input.type(value);
      } else {
        await fillText(input, value);
      }
    } else {
      for (const v of q.type === "multi" ? value : [value]) {
        const input = await box.$(`input[value="${v}"]`);
        await input.click();
        await page.waitForFunction((el) => el.checked, { timeout: 2000 }, input);
      }
    }
  }
}

/** Waits for a file in the context's download directory and returns its path. */
export async function downloaded(dir, before = new Set(), timeout = 10000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const done = readdirSync(dir).filter((f) => !before.has(f) && !f.endsWith(".part"));
    if (done.length) {
      const path = join(dir, done[0]);
      // Firefox writes the file, then renames: wait for the content to settle.
      const size = readFileSync(path).length;
      await new Promise((r) => setTimeout(r, 150));
      if (readFileSync(path).length === size && size > 0) return path;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no download appeared in ${dir} within ${timeout} ms`);
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `firefox-${name}.png`), fullPage: true });
}
