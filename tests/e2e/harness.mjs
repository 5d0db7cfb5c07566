// Shared pieces of the browser tests: Debian Chromium through playwright-core,
// the static server on an ephemeral loopback port, and the privacy recorder.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "../../scripts/serve.mjs";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const WWW = join(ROOT, "www");
export const ARTIFACTS = join(ROOT, "test-artifacts");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/** The only requests the app may ever make: its own static files, by GET. */
export const STATIC_ALLOWLIST = [
  "/",
  "/style.css",
  "/main.js",
  "/store.js",
  "/provision.js",
  "/pkg/export_assessor.js",
  "/pkg/export_assessor_bg.wasm",
  "/pkg/assessor-data.bin",
  "/screening-client.js",
  "/screening-worker.js",
  "/pkg/screening.js",
  "/pkg/screening_bg.wasm",
  "/pkg/records.js",
  "/pkg/records_bg.wasm",
  // The embedding (www/export-assessor.js) and its example intranet page.
  "/export-assessor.js",
  "/export-assessor.css",
  "/examples/intranet.html",
  "/examples/intranet.css",
  "/examples/intranet-one.html",
  "/examples/logo.svg",
  // Host provisioning (issue 14): the test page and the files its config names.
  "/examples/provisioned.html",
  "/examples/lists/un-mini.xml",
  "/examples/lists/broken-un.xml",
  "/examples/lists/register.json",
  "/examples/rules/acme-extension.json",
  "/examples/rules/broken-extension.json",
  "/examples/rules/destinations.json",
  // The iframe mode (issue 14): the example host page and the frame file.
  "/examples/frame-host.html",
  "/examples/frame-host.css",
  "/examples/frame-host.js",
  "/dist/export-assessor-frame.html",
];

/**
 * The screening engine and page (loaded only when lists are stored or the
 * screening page opens) and the records app (loaded when the archive, a
 * report, the notification or the verify page first opens): these may come
 * after the app has loaded.
 */
export const LAZY_ALLOWLIST = ["/screening-client.js", "/screening-worker.js", "/pkg/screening.js", "/pkg/screening_bg.wasm", "/pkg/records.js", "/pkg/records_bg.wasm"];

/**
 * Waits until the page has loaded everything it will without the user's
 * doing: the questionnaire, and when main.js decided to load them (the
 * screening page is open or lists are stored) the screening page and the
 * worker with its engine (which reports its state once it has read any
 * stored lists).
 */
export async function appReady(page) {
  await page.getByTestId("app").waitFor();
  await page.waitForFunction(() => {
    const d = document.documentElement.dataset;
    return d.ready === "true" && (d.screening === "none" || d.screening === "ready")
      && !document.querySelector("[data-testid=engine-starting]");
  }, null, { timeout: 20000 });
  await page.waitForLoadState("networkidle");
}

/** Opens the screening page and waits for its engine. */
export async function openScreening(page) {
  await page.getByTestId("tab-screening").click();
  await page.waitForFunction(() => document.documentElement.dataset.screening === "ready"
    && !document.querySelector("[data-testid=engine-starting]"), null, { timeout: 20000 });
}

export function requireBuild() {
  const wasm = join(WWW, "pkg", "export_assessor_bg.wasm");
  if (!existsSync(wasm)) {
    throw new Error(`${wasm} is missing: run 'bash scripts/build.sh' before the browser tests`);
  }
}

export async function launch() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: run 'bash scripts/setup.sh --with-tests' (installs Debian chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export async function serve() {
  requireBuild();
  const server = await startServer({ root: WWW, port: 0 });
  const { port } = server.address();
  return { server, origin: `http://127.0.0.1:${port}` };
}

/**
 * Records every request of a browser context, aborts anything off-origin, and
 * collects CSP violation reports from every page. `markLoaded()` draws the
 * line after which no request at all is allowed.
 */
export async function recordPrivacy(context, origin) {
  const rec = { requests: [], foreign: [], violations: [], loadedAt: null, errors: [] };
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + "/")) return route.continue();
    rec.foreign.push(`${route.request().method()} ${url}`);
    return route.abort("blockedbyclient");
  });
  context.on("request", (req) => {
    rec.requests.push({ method: req.method(), url: req.url(), type: req.resourceType(), afterLoad: rec.loadedAt !== null });
  });
  await context.exposeBinding("__eaReportViolation", (_src, v) => rec.violations.push(v));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__eaReportViolation(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  rec.markLoaded = () => { rec.loadedAt = rec.requests.length; };
  // A reload the test itself performs loads the static files again.
  rec.beforeReload = () => { rec.loadedAt = null; };
  rec.watchPage = (page) => {
    page.on("pageerror", (err) => rec.errors.push(String(err)));
    page.on("websocket", (ws) => rec.foreign.push(`WEBSOCKET ${ws.url()}`));
  };
  return rec;
}

/** Every way a recorded session can break the privacy promise, as messages. */
export function privacyProblems(rec, origin, allowlist = STATIC_ALLOWLIST) {
  const problems = [];
  for (const f of rec.foreign) problems.push(`request to another origin: ${f}`);
  for (const v of rec.violations) problems.push(`CSP violation: ${v}`);
  for (const r of rec.requests) {
    if (r.method !== "GET") problems.push(`non-GET request: ${r.method} ${r.url}`);
    const lazy = LAZY_ALLOWLIST.includes(new URL(r.url).pathname);
    if (r.afterLoad && !lazy) problems.push(`request after the app had loaded: ${r.method} ${r.url}`);
    if (!r.url.startsWith(origin + "/")) continue; // already reported as foreign
    const path = new URL(r.url).pathname;
    if (!allowlist.includes(path)) problems.push(`request outside the static allowlist: ${r.method} ${path}`);
  }
  return problems;
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** The rule set's questions in order, with their sections (read from the data file). */
export function questionOrder() {
  const rules = JSON.parse(readFileSync(join(ROOT, "src/core/data/eu-rules.json"), "utf8"));
  return rules.questions.map((q) => ({ id: q.id, section: q.section, type: q.kind.type }));
}

export function scenarioAnswers(name) {
  return JSON.parse(readFileSync(join(ROOT, "tests/scenarios", name), "utf8")).answers;
}

/**
 * Answers questions through the UI as a user would: section by section, in
 * the rule set's order, skipping questions the app does not show.
 */
export async function answerAll(page, answers, { only } = {}) {
  for (const q of questionOrder()) {
    if (!(q.id in answers) || (only && !only.includes(q.id))) continue;
    const nav = page.getByTestId(`nav-${q.section}`);
    if (await nav.count()) await nav.click();
    const box = page.getByTestId(`q-${q.id}`);
    try {
      await box.waitFor({ state: "visible", timeout: 1500 });
    } catch {
      continue; // hidden by the answers so far: not applicable
    }
    await answerOne(box, q, answers[q.id]);
  }
}

export async function answerOne(box, q, value) {
  if (q.type === "country") return box.locator("select").selectOption(value);
  if (q.type === "text") return box.locator("input, textarea").fill(value);
  const values = q.type === "multi" ? value : [value];
  for (const v of values) {
    const input = box.locator(`input[value="${v}"]`);
    // Click as a user does, then wait for the app's re-render to settle.
    await input.click();
    await input.page().waitForFunction((el) => el.checked, await input.elementHandle(), { timeout: 2000 });
  }
}

/**
 * A function that injects axe-core (the page's context must bypass the CSP)
 * and asserts that it finds nothing serious or critical, naming `label`.
 */
export function axeScanner(page, assert) {
  const axe = readFileSync(join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");
  return async (label) => {
    await page.evaluate(axe);
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    const bad = result.violations.filter((v) => ["serious", "critical"].includes(v.impact));
    assert.deepEqual(bad.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`), []);
  };
}
