// Browser benchmark (prints figures, asserts nothing): time from navigation
// start to the first rendered question, against the bare shell (the same
// page with nothing to resume: the frame and the "New assessment" button),
// measured in the same run, in Debian Chromium. Needs `bash scripts/build.sh`.
import { chromium } from "playwright-core";
import { startServer } from "./serve.mjs";

const RUNS = Number(process.env.RUNS ?? 15);
const server = await startServer({ port: 0 });
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

// Records performance.now() when `selector` first appears in the document.
function watcher(selector) {
  const seen = () => document.querySelector(selector);
  new MutationObserver((_, obs) => {
    if (seen()) {
      window.__firstSeen = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
}

async function measure(selector, saved) {
  const context = await browser.newContext();
  if (saved) {
    await context.addInitScript((s) => localStorage.setItem("export-assessor:v1", s), saved);
  }
  await context.addInitScript(watcher, selector);
  const page = await context.newPage();
  await page.goto(origin + "/?lang=en");
  await page.waitForFunction(() => window.__firstSeen !== undefined, null, { timeout: 10000 });
  const t = await page.evaluate(() => window.__firstSeen);
  await context.close();
  return t;
}

const saved = JSON.stringify({
  archive: [{ id: "bench", created_at: "2026-11-25T10:00:00Z", updated_at: "2026-11-25T10:00:00Z", section: "transaction", answers: {} }],
  current: "bench",
  lang: "en",
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const shell = [];
const question = [];
for (let i = 0; i < RUNS; i++) {
  // Interleaved, so both see the same machine state.
  shell.push(await measure('[data-testid="new-assessment"]', null));
  question.push(await measure('[data-testid="q-exporter_member_state"]', saved));
}
const s = median(shell);
const q = median(question);
console.log(`first render (Chromium, ${RUNS} runs each, median from navigation start)`);
console.log(`  bare shell (frame, nothing to resume):   ${s.toFixed(1)} ms`);
console.log(`  first rendered question (resumed draft): ${q.toFixed(1)} ms`);
console.log(`  ratio: ${(q / s).toFixed(2)} (budget 1.5)`);
await browser.close();
server.close();
