// Browser benchmark (prints figures, asserts nothing): time from navigation
// start to the first rendered question, against the bare shell (the same
// page with nothing to resume: the frame and the "New assessment" button),
// measured in the same run, in Debian Chromium. Needs `bash scripts/build.sh`.
// Usage: node scripts/bench_web.mjs [label=dir ...]   (default: www/, or
//        ROOT=dir); several builds are measured interleaved, in one run.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { DEFAULT_ROOT, startServer } from "./serve.mjs";

const RUNS = Number(process.env.RUNS ?? 15);
const args = process.argv.slice(2);
const builds = [];
for (const arg of args.length ? args : [`www=${process.env.ROOT ?? DEFAULT_ROOT}`]) {
  const at = arg.indexOf("=");
  const [label, dir] = at > 0 ? [arg.slice(0, at), resolve(arg.slice(at + 1))] : [arg, resolve(arg)];
  if (!existsSync(join(dir, "pkg", "export_assessor_bg.wasm"))) {
    console.log(`${label}: ${dir}/pkg/export_assessor_bg.wasm is missing; run \`bash scripts/build.sh\` first. Skipped.`);
    continue;
  }
  const server = await startServer({ root: dir, port: 0 });
  builds.push({ label, server, origin: `http://127.0.0.1:${server.address().port}`, shell: [], question: [] });
}
if (!builds.length) process.exit(0);
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

async function measure(origin, selector, saved) {
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
for (let i = 0; i < RUNS; i++) {
  // Interleaved (builds too, in rotated order), so all see the same machine state.
  for (let k = 0; k < builds.length; k++) {
    const b = builds[(i + k) % builds.length];
    b.shell.push(await measure(b.origin, '[data-testid="new-assessment"]', null));
    b.question.push(await measure(b.origin, '[data-testid="q-exporter_member_state"]', saved));
  }
}
console.log(`first render (Chromium, ${RUNS} runs each, median from navigation start)`);
for (const b of builds) {
  const s = median(b.shell);
  const q = median(b.question);
  // One build: the original format; several: one block per build.
  const pad = builds.length > 1 ? "    " : "  ";
  if (builds.length > 1) console.log(`  ${b.label}:`);
  console.log(`${pad}bare shell (frame, nothing to resume):   ${s.toFixed(1)} ms`);
  console.log(`${pad}first rendered question (resumed draft): ${q.toFixed(1)} ms`);
  console.log(`${pad}ratio: ${(q / s).toFixed(2)} (budget 1.5)`);
}
await browser.close();
for (const b of builds) b.server.close();
