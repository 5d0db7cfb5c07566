// Element load benchmark (prints figures, asserts nothing): intranet pages
// with the <export-assessor> element — www/examples/intranet-one.html (the
// README's two lines: one element, nothing else) and intranet.html (two
// instances, the first provisioning a list and a register; preload hints)
// — www/ served
// gzip-compressed, as a real host would, to Debian Chromium under network
// and CPU emulation with a cold cache. For each build and profile: the
// median time from navigation start to the element's first interactive
// question (a resumed draft, so no click is needed; in either instance's
// shadow root) and the bytes transferred (page and workers).
// Usage: node scripts/bench_embed.mjs [label=dir ...]   (default current=www)
//        RUNS=n (default 5) runs per build per profile, interleaved;
//        PAGES=/examples/a.html,/examples/b.html the pages to load.
// Needs `bash scripts/build.sh`. Modelled on scripts/bench_load.mjs.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "./serve.mjs";

const REPO = resolve(fileURLToPath(new URL("..", import.meta.url)));
const RUNS = Math.max(1, Number(process.env.RUNS ?? 5) || 5);
const PAGES = (process.env.PAGES ?? "/examples/intranet-one.html,/examples/intranet.html").split(",");
const TIMEOUT_MS = 60_000;
const IDLE_MS = 1500;
const MAX_IDLE_WAIT_MS = 30_000;
const QUESTION = '[data-testid="q-exporter_member_state"] select, [data-testid="q-exporter_member_state"] input';
// Throughputs in decimal Mbit/s; CDP wants bytes/s.
const PROFILES = [
  { name: "desktop", down: 10, up: 5, rtt: 40, cpu: 1, target: 600 },
  { name: "slow 4G", down: 1.6, up: 0.75, rtt: 150, cpu: 4, target: 2500 },
];
const SAVED = JSON.stringify({
  archive: [{ id: "bench", created_at: "2026-11-25T10:00:00Z", updated_at: "2026-11-25T10:00:00Z", section: "transaction", answers: {} }],
  current: "bench",
  lang: "en",
});
const NET_EVENTS = ["requestWillBeSent", "responseReceived", "responseReceivedExtraInfo", "dataReceived", "loadingFinished", "loadingFailed"].map((e) => "Network." + e);

const builds = [];
for (const arg of process.argv.length > 2 ? process.argv.slice(2) : [`current=${join(REPO, "www")}`]) {
  const at = arg.indexOf("=");
  const [label, dir] = at > 0 ? [arg.slice(0, at), resolve(arg.slice(at + 1))] : [arg, resolve(arg)];
  if (!existsSync(join(dir, "pkg", "export_assessor_bg.wasm"))) {
    console.log(`${label}: ${dir}/pkg/export_assessor_bg.wasm is missing; run \`bash scripts/build.sh\` first. Skipped.`);
    continue;
  }
  const server = await startServer({ root: dir, port: 0, gzip: true });
  const origin = `http://127.0.0.1:${server.address().port}`;
  // Each page of each build is measured as its own row.
  for (const page of PAGES) builds.push({ label: `${label} ${page.replace(/^.*\//, "")}`, page, dir, server, origin, runs: new Map() });
}
if (!builds.length) process.exit(0);

let browser;
try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
} catch (err) {
  console.error(`could not start Chromium: ${err.message}`);
  for (const b of new Set(builds.map((b) => b.server))) b.close();
  process.exit(1);
}

// Init script: resolves window.__firstSeen with performance.now() when
// `selector` first appears in a shadow root (a promise: no polling on a
// throttled CPU). attachShadow is wrapped so each new shadow root is
// observed. Yew attaches listeners as it creates elements: present means
// interactive.
function watcher(selector) {
  let found;
  window.__firstSeen = new Promise((resolve) => (found = resolve));
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    new MutationObserver((_, obs) => {
      if (root.querySelector(selector)) {
        found(performance.now());
        obs.disconnect();
      }
    }).observe(root, { childList: true, subtree: true });
    return root;
  };
}

async function run(build, profile) {
  const context = await browser.newContext();
  await context.addInitScript((s) => localStorage.setItem("export-assessor:v1", s), SAVED);
  await context.addInitScript(watcher, QUESTION);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);

  // requestId -> { url, bytes, wire, end (CDP monotonic s), doc }; the
  // page's and the workers' requests alike (workers load their own wasm).
  const requests = new Map();
  let lastActivity = Date.now();
  const onNet = (method, p) => {
    lastActivity = Date.now();
    if (!requests.has(p.requestId)) requests.set(p.requestId, { url: "", bytes: 0, wire: 0, end: null });
    const r = requests.get(p.requestId);
    if (method === "Network.requestWillBeSent") {
      r.url ||= p.request.url;
      r.doc ||= p.type === "Document";
    } else if (method === "Network.responseReceived") r.url ||= p.response.url;
    else if (method === "Network.loadingFinished") [r.bytes, r.end] = [p.encodedDataLength, p.timestamp];
    else if (method === "Network.loadingFailed") r.end = p.timestamp;
    else if (method === "Network.responseReceivedExtraInfo" && p.headersText && p.headers["Content-Length"]) {
      // Chromium reports a worker's main script without its body (or not at
      // all); its raw headers and Content-Length give what came over the wire.
      r.wire = p.headersText.length + Number(p.headers["Content-Length"]);
    }
  };
  for (const m of NET_EVENTS) cdp.on(m, (p) => onNet(m, p));
  // Workers are separate targets the page's session does not report on:
  // attach to them (non-flat, as this session is Playwright's) and listen.
  cdp.on("Target.attachedToTarget", ({ sessionId, targetInfo }) => {
    const send = (id, method, params = {}) =>
      cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id, method, params }) }).catch(() => {});
    if (targetInfo.type === "worker") {
      send(1, "Network.enable");
      send(2, "Network.setCacheDisabled", { cacheDisabled: true });
    }
    send(3, "Runtime.runIfWaitingForDebugger");
  });
  cdp.on("Target.receivedMessageFromTarget", ({ message }) => {
    const m = JSON.parse(message);
    if (NET_EVENTS.includes(m.method)) onNet(m.method, m.params);
  });
  await cdp.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.clearBrowserCache");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: profile.rtt,
    downloadThroughput: (profile.down * 1e6) / 8,
    uploadThroughput: (profile.up * 1e6) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpu });

  let first = null;
  let timer;
  try {
    await page.goto(build.origin + build.page, { waitUntil: "commit", timeout: TIMEOUT_MS });
    const seen = page.evaluate(() => window.__firstSeen);
    seen.catch(() => {}); // still pending when a timed-out run's context closes
    first = await Promise.race([seen, new Promise((resolve) => (timer = setTimeout(resolve, TIMEOUT_MS, null)))]);
  } catch {
    // A run that fails is reported as timed out, not fatal.
  }
  clearTimeout(timer);
  // Lazily loaded extras count too: wait until no network event (any
  // session) for IDLE_MS; in-flight counting would wait forever on
  // requests Chromium never reports finished.
  const idleFrom = Date.now();
  while (Date.now() - lastActivity < IDLE_MS && Date.now() - idleFrom < MAX_IDLE_WAIT_MS) await page.waitForTimeout(100);
  // The page's own timeline: the document's end, and the end of requests
  // CDP never reports finished (a worker's main script, at times).
  const timeline = await page.evaluate(() => performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource")).map((e) => [e.name, e.responseEnd])).catch(() => []);
  const docEnd = timeline[0]?.[1];
  await context.close();

  // Page time (ms from navigation start) of a CDP timestamp: the document's
  // end is known on both clocks.
  const doc = [...requests.values()].find((r) => r.doc && r.end !== null);
  const pageTime = (t) => (doc && docEnd ? docEnd + (t - doc.end) * 1000 : Infinity);
  const files = [...requests.values()]
    .filter((r) => r.url && !r.url.startsWith("data:"))
    .map((r) => ({
      path: r.url.replace(build.origin, ""),
      bytes: Math.max(r.bytes, r.wire),
      at: r.end !== null ? pageTime(r.end) : (timeline.find(([name]) => name === r.url)?.[1] ?? null),
    }));
  const total = files.reduce((s, f) => s + f.bytes, 0);
  const atFirst = first === null ? null : files.reduce((s, f) => s + (f.at !== null && f.at <= first ? f.bytes : 0), 0);
  return { first, atFirst, total, files };
}

const kib = (b) => (b / 1024).toFixed(1);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

console.log(`element load benchmark (${PAGES.join(", ")}): Chromium ${browser.version()}, ${new Date().toISOString()}, ${RUNS} runs per build per profile, cold cache, gzip level 9`);
for (let i = 0; i < RUNS; i++) {
  for (const profile of PROFILES) {
    // Interleaved, and the order rotated, so every build sees the same machine state.
    for (let k = 0; k < builds.length; k++) {
      const build = builds[(i + k) % builds.length];
      const key = profile.name;
      if (!build.runs.has(key)) build.runs.set(key, []);
      const result = await run(build, profile);
      build.runs.get(key).push(result);
      process.stderr.write(`  run ${i + 1}/${RUNS} ${profile.name} ${build.label}: ${result.first === null ? "timeout" : result.first.toFixed(0) + " ms"}\n`);
    }
  }
}

// One run's files per build and profile: what the first question waited for.
for (const profile of PROFILES) {
  for (const build of builds) {
    const { first, files } = build.runs.get(profile.name)[0];
    console.log(`\nfiles, ${build.label}, ${profile.name} (first run; question at ${first === null ? "timeout" : first.toFixed(0) + " ms"}):`);
    for (const f of [...files].sort((a, b) => (a.at ?? Infinity) - (b.at ?? Infinity))) {
      const when = f.at === null ? "not reported finished" : `${f.at.toFixed(0)} ms, ${first !== null && f.at <= first ? "before" : "after"} the question`;
      console.log(`  ${f.path.padEnd(42)} ${kib(f.bytes).padStart(8)} KiB  ${when}`);
    }
  }
}

for (const profile of PROFILES) {
  console.log(
    `\n${profile.name}: ${profile.down} Mbit/s down, ${profile.up} up, ${profile.rtt} ms RTT, ${profile.cpu}x CPU; ` +
      `the full page's target ≤ ${profile.target} ms to the first interactive question (median), for comparison`,
  );
  console.log(`  ${"build, page".padEnd(30)} ${"median ms".padStart(10)} ${"min–max ms".padStart(15)} ${"at question KiB".padStart(16)} ${"total KiB".padStart(10)}  target`);
  for (const build of builds) {
    const runs = build.runs.get(profile.name);
    const done = runs.filter((r) => r.first !== null);
    // A timed-out run counts as slower than any other.
    const m = median(runs.map((r) => r.first ?? Infinity));
    const times = done.map((r) => r.first);
    const range = done.length ? `${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}` : "-";
    const timeouts = runs.length - done.length;
    const note = timeouts ? `  (${timeouts} of ${runs.length} timed out after ${TIMEOUT_MS / 1000} s)` : "";
    console.log(
      `  ${build.label.padEnd(30)} ${(m === Infinity ? "timeout" : m.toFixed(0)).padStart(10)} ${range.padStart(15)} ` +
        `${(done.length ? kib(median(done.map((r) => r.atFirst))) : "-").padStart(16)} ${kib(median(runs.map((r) => r.total))).padStart(10)}  ` +
        `${m <= profile.target ? "meets" : "misses"}${note}`,
    );
  }
}
console.log("\nbytes: encodedDataLength (headers + gzip body) as Chromium reports it, page and workers; medians of the runs.");
await browser.close();
for (const b of new Set(builds.map((b) => b.server))) b.close();
