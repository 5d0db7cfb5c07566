// Screening speed in the browser: the same engine compiled to wasm (with the
// benchmark-only feature `screening-bench`, never in the shipped app), run
// in Debian Chromium on the UN list with the perturbation queries.
// Usage: node scripts/bench_screening_wasm.mjs UN.xml QUERIES.tsv   (after bench-screening)
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "./serve.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const [unList, queriesTsv] = process.argv.slice(2);
const dir = join(ROOT, "target", "screening-bench", "page");
mkdirSync(dir, { recursive: true });

const shell = (cmd) => execFileSync("bash", ["-c", `source scripts/lib.sh; ${cmd}`], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
shell('wasm_cargo build --quiet --lib --release --target "$WASM_TARGET" --features screening-bench --target-dir target/screening-bench');
shell("wasm-bindgen --target web --no-typescript --out-dir target/screening-bench/page/pkg target/screening-bench/wasm32-unknown-unknown/release/export_assessor.wasm");

copyFileSync(unList, join(dir, "list.xml"));
const queries = readFileSync(queriesTsv, "utf8").split("\n").filter(Boolean).map((l) => l.split("\t")[2]).join("\n");
writeFileSync(join(dir, "queries.txt"), queries);
writeFileSync(join(dir, "index.html"), '<!doctype html><meta charset="utf-8"><script type="module" src="bench.js"></script>');
writeFileSync(join(dir, "bench.js"), `
import init, { screening_bench } from "./pkg/export_assessor.js";
await init();
const list = new Uint8Array(await (await fetch("list.xml")).arrayBuffer());
const queries = await (await fetch("queries.txt")).text();
screening_bench(list, "un", queries); // warm-up
window.__result = screening_bench(list, "un", queries);
`);

const server = await startServer({ root: dir, port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage();
page.on("pageerror", (e) => console.error("page error:", e.message));
await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 120000 });
const [load, index, mean] = (await page.evaluate(() => window.__result)).split(" ").map(Number);
console.log(`screening in Chromium (wasm): UN list load ${load.toFixed(0)} ms + index ${index.toFixed(0)} ms; mean ${mean.toFixed(4)} ms/query (${queries.split("\n").length} queries × 5)`);
console.log(`EXPORT_ASSESSOR_WASM_MS_PER_QUERY_UN=${mean}`);
await browser.close();
server.close();
