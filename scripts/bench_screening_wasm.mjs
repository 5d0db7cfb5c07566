// Screening speed in the browser (prints figures, asserts nothing): the
// shipped screening wasm (www/pkg/screening_bg.wasm, built by
// scripts/build.sh) in Debian Chromium.
//  1. The engine itself on the main thread: load + index of the UN list and
//     of the synthetic EU file, and the mean time per query (the
//     perturbation queries of bench-screening, five rounds; browsers
//     coarsen the clock too much to time one query).
//  2. The app's way: the ScreeningClient and its Web Worker screening a
//     10,000-lead file against the UN list, with progress messages.
// Usage: node scripts/bench_screening_wasm.mjs UN.xml OUT_DIR [NATIVE_UN_MS NATIVE_EU_MS]
//        (after bench-screening; the native means give the wasm/native ratio)
import { copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "./serve.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const [unList, outDir, nativeUn, nativeEu] = process.argv.slice(2);
const dir = join(ROOT, "target", "screening-bench", "page");
mkdirSync(dir, { recursive: true });
cpSync(join(ROOT, "www", "pkg"), join(dir, "pkg"), { recursive: true });
for (const f of ["screening-worker.js", "screening-client.js"]) copyFileSync(join(ROOT, "www", f), join(dir, f));
copyFileSync(unList, join(dir, "un.xml"));
copyFileSync(join(outDir, "eu-synthetic.xml"), join(dir, "eu.xml"));

const queries = readFileSync(join(outDir, "queries.tsv"), "utf8").split("\n").filter(Boolean).map((l) => l.split("\t")[2]);
const field = (s) => `"${s.replace(/"/g, '""')}"`;
writeFileSync(join(dir, "queries.csv"), ["id,name", ...queries.map((q, i) => `Q${i},${field(q)}`)].join("\n"));
const leads = ["id,name"];
for (let i = 0; i < 10000; i++) leads.push(`L${i},${field(queries[i % queries.length])}`);
writeFileSync(join(dir, "leads.csv"), leads.join("\n"));
writeFileSync(join(dir, "index.html"), '<!doctype html><meta charset="utf-8"><script type="module" src="bench.js"></script>');
writeFileSync(join(dir, "bench.js"), `
import init, { ScreeningEngine } from "./pkg/screening.js";
import { ScreeningClient } from "./screening-client.js";
const bytes = async (f) => new Uint8Array(await (await fetch(f)).arrayBuffer());
const wasm = await init();
const bundle = await bytes("pkg/assessor-data.bin");
// The engine's memory is the wasm's linear memory (it only grows).
const mb = () => wasm.memory.buffer.byteLength / 1048576;
const out = {};
for (const [key, file] of [["un", "un.xml"], ["eu", "eu.xml"]]) {
  const list = await bytes(file);
  const engine = new ScreeningEngine(bundle);
  let t = performance.now();
  engine.addList(file, list, undefined, "");
  out[key + "LoadIndexMs"] = performance.now() - t;
  out[key + "MemoryMb"] = mb();
  const count = engine.loadLeads("queries.csv", await bytes("queries.csv")).count;
  const today = new Date().toISOString().slice(0, 10);
  engine.screenLeads(0, count, "en", today); // warm-up
  t = performance.now();
  for (let round = 0; round < 5; round++) engine.screenLeads(0, count, "en", today);
  out[key + "MeanMsPerQuery"] = (performance.now() - t) / (5 * count);
  out.queries = count;
  engine.free();
}
// The app's way: the client, its worker, a lead file as a File.
const client = new ScreeningClient(bundle, new URL("./screening-worker.js", import.meta.url));
await new Promise((resolve) => client.subscribe((s) => s.status === "ready" && resolve()));
for (const l of client.state.lists) await client.removeList(l.key);
const listFile = new File([await bytes("un.xml")], "un.xml");
let t = performance.now();
await client.addFiles([listFile]);
out.workerAddMs = performance.now() - t;
const leadsFile = new File([await bytes("leads.csv")], "leads.csv");
let messages = 0;
t = performance.now();
const result = await client.batch(leadsFile, "en", () => messages++);
out.batchMs = performance.now() - t;
out.batchLeads = result.total;
out.batchRows = result.rows.length;
out.progressMessages = messages;
window.__result = out;
`);

const server = await startServer({ root: dir, port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage();
page.on("pageerror", (e) => console.error("page error:", e.stack ?? e.message));
await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 300000 });
const r = await page.evaluate(() => window.__result);
console.log("screening in Chromium (the shipped screening wasm):");
console.log(`  UN list: load + index ${r.unLoadIndexMs.toFixed(0)} ms; mean ${r.unMeanMsPerQuery.toFixed(4)} ms/query (${r.queries} queries × 5); wasm memory ${r.unMemoryMb.toFixed(0)} MB`);
console.log(`  synthetic EU file: load + index ${r.euLoadIndexMs.toFixed(0)} ms; mean ${r.euMeanMsPerQuery.toFixed(4)} ms/query; wasm memory ${r.euMemoryMb.toFixed(0)} MB (the UN engine freed before)`);
console.log(`  through the worker: UN list added in ${r.workerAddMs.toFixed(0)} ms; ${r.batchLeads} leads screened in ${(r.batchMs / 1000).toFixed(2)} s (${(r.batchMs / r.batchLeads).toFixed(3)} ms/lead, ${r.batchRows} table rows (every lead, one per hit), ${r.progressMessages} progress messages)`);
if (nativeUn && nativeEu) {
  console.log(`  wasm / native (mean per lead, the same path: screening, recorded hit, table rows): UN ${(r.unMeanMsPerQuery / Number(nativeUn)).toFixed(2)}×, EU ${(r.euMeanMsPerQuery / Number(nativeEu)).toFixed(2)}× (target within 1.5×)`);
}
console.log(`EXPORT_ASSESSOR_WASM_MS_PER_QUERY_UN=${r.unMeanMsPerQuery}`);
console.log(`EXPORT_ASSESSOR_WASM_MS_PER_QUERY_EU=${r.euMeanMsPerQuery}`);
await browser.close();
server.close();
