// Writes www/dist/export-assessor-offline.html: the app of www/index.html in
// one self-contained file that works opened from disk with the network off.
// The wasm (questionnaire, screening, records), the data bundle and the JS
// (glue, host, worker) sit base64-encoded in non-executed
// <script type="application/octet-stream"> elements; one inline module
// (its hash in the CSP) decodes them, makes blob: URLs of the modules and
// the worker, hands main.js the bytes (exportAssessorSources) and imports
// it. The CSS is one inline <style>, its hash in the CSP too.
// It also writes www/dist/export-assessor-frame.html, the iframe mode
// (issue 14): the same file plus the frame protocol (www/frame-protocol.js)
// and its allowlist, for <iframe sandbox="allow-scripts">, where nothing
// can be fetched (an opaque origin) and nothing stored.
// Usage: node scripts/single_file.mjs [--frame-origins self,https://intranet.example]
// (after scripts/build.sh's wasm steps). The frame's allowlist comes from
// --frame-origins, else EXPORT_ASSESSOR_FRAME_ORIGINS (comma-separated),
// else "self" (the origin the frame file is served from).
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const WWW = join(ROOT, "www");
const OUT = join(WWW, "dist", "export-assessor-offline.html");
const FRAME_OUT = join(WWW, "dist", "export-assessor-frame.html");
const read = (path) => readFileSync(join(WWW, path));
const text = (path) => read(path).toString("utf8");
const fail = (what) => {
  console.error(`[single_file] ${what}`);
  process.exit(1);
};
const must = (source, needle, file) => {
  if (!source.includes(needle)) fail(`${file} no longer contains ${JSON.stringify(needle)}: update scripts/single_file.mjs to match it`);
};

/** The frame's allowlist: "self" or exact http(s) origins; anything else stops the build. */
function frameOrigins(argv, env) {
  const at = argv.indexOf("--frame-origins");
  if (at >= 0 && (at + 1 >= argv.length || argv[at + 1].startsWith("--"))) fail("--frame-origins needs a value such as self,https://intranet.example");
  const raw = at >= 0 ? argv[at + 1] : env.EXPORT_ASSESSOR_FRAME_ORIGINS ?? "self";
  const list = raw.split(",").map((o) => o.trim()).filter(Boolean);
  for (const o of list) {
    if (o === "self") continue;
    let origin = null;
    try {
      const url = new URL(o);
      if (url.protocol === "http:" || url.protocol === "https:") origin = url.origin;
    } catch {
      // reported below
    }
    if (origin !== o) fail(`frame origin ${JSON.stringify(o)} is not an origin such as https://intranet.example (scheme, host and port only, no path or trailing slash), nor "self"`);
  }
  return list;
}
const FRAME_ORIGINS = frameOrigins(process.argv.slice(2), process.env);

const main = text("main.js");
// The specifiers main.js imports, replaced by blob: URLs at start.
const SPECIFIERS = ["./pkg/export_assessor.js", "./store.js", "./screening-client.js", "./pkg/screening.js", "./pkg/records.js", "./provision.js"];
for (const s of SPECIFIERS) must(main, `"${s}"`, "www/main.js");
must(main, "globalThis.exportAssessorSources", "www/main.js");

// The worker: the screening glue (its exports made plain declarations) and
// the worker's code without its import, as one module.
const WORKER_IMPORT = 'import init, { ScreeningEngine } from "./pkg/screening.js";';
const workerCode = text("screening-worker.js");
must(workerCode, WORKER_IMPORT, "www/screening-worker.js");
const glue = text("pkg/screening.js");
const GLUE_EXPORT = "export { initSync, __wbg_init as default };";
must(glue, GLUE_EXPORT, "www/pkg/screening.js");
const plainGlue = glue.replace(GLUE_EXPORT, "const init = __wbg_init;").replace(/^export (class|function|async function|const|let) /gm, "$1 ");
if (/^export /m.test(plainGlue)) fail("www/pkg/screening.js has an export this script does not rewrite");
// A classic worker (Chromium starts no module worker from a blob: URL on
// file://): import.meta, which only the glue's unused default wasm URL
// reads, becomes the worker's location.
const worker = `${plainGlue.replaceAll("import.meta.url", "self.location.href")}\n${workerCode.replace(WORKER_IMPORT, "")}`;
if (/\bimport\b[\s\S]{0,40}\bfrom\b\s*["']|import\.meta/.test(worker)) fail("the worker still imports or reads import.meta: it must run as a classic script");

const blobs = {
  "export_assessor.js": read("pkg/export_assessor.js"),
  "store.js": read("store.js"),
  "provision.js": read("provision.js"),
  "screening-client.js": read("screening-client.js"),
  "screening.js": read("pkg/screening.js"),
  "records.js": read("pkg/records.js"),
  "main.js": Buffer.from(main),
  "worker.js": Buffer.from(worker),
  "export_assessor.wasm": read("pkg/export_assessor_bg.wasm"),
  "screening.wasm": read("pkg/screening_bg.wasm"),
  "records.wasm": read("pkg/records_bg.wasm"),
  "assessor-data.bin": read("pkg/assessor-data.bin"),
};

const frameProtocol = text("frame-protocol.js");
must(frameProtocol, "export async function startFrame", "www/frame-protocol.js");
if (/^\s*import\b/m.test(frameProtocol)) fail("www/frame-protocol.js imports a module: the frame file maps none for it");
must(main, "sources.started?.(", "www/main.js");

// The frame's start script adds the protocol: main.js calls
// sources.started(app) once the questionnaire is mounted.
const frameBoot = `
let records = null;
const loadRecords = () => (records ??= import(urls["./pkg/records.js"]).then(async (mod) => {
  await mod.default({ module_or_path: wasm.records });
  return mod;
}));
globalThis.exportAssessorSources.started = (app) => {
  import(url(source("frame-protocol.js")))
    .then(({ startFrame }) => startFrame({ ...app, records: loadRecords }))
    .catch((err) => {
      const alert = document.createElement("p");
      alert.setAttribute("role", "alert");
      alert.className = "ea-notice";
      alert.textContent = \`The frame protocol could not start: \${err && err.message ? err.message : err}. / Das Frame-Protokoll konnte nicht starten.\`;
      document.body.prepend(alert);
      document.documentElement.dataset.frame = "failed";
    });
};
`;

const bootOf = (frame) => `
const bytes = (name) => {
  const el = document.querySelector(\`script[type="application/octet-stream"][data-name="\${name}"]\`);
  const b = atob(el.textContent.trim());
  const out = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) out[i] = b.charCodeAt(i);
  return out;
};
const source = (name) => new TextDecoder().decode(bytes(name));
const url = (code) => URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
const wasm = { export_assessor: bytes("export_assessor.wasm"), screening: bytes("screening.wasm"), records: bytes("records.wasm") };
const data = bytes("assessor-data.bin");
let workerUrl = null;
globalThis.exportAssessorSources = {
  wasm: (name) => ({ module_or_path: wasm[name] }),
  bundle: async () => data.slice().buffer,
  worker: () => ({ url: (workerUrl ??= url(source("worker.js"))), wasm: wasm.screening, type: "classic" }),
};
const urls = {
  "./pkg/export_assessor.js": url(source("export_assessor.js")),
  "./store.js": url(source("store.js")),
  "./provision.js": url(source("provision.js")),
  "./screening-client.js": url(source("screening-client.js")),
  "./pkg/screening.js": url(source("screening.js")),
  "./pkg/records.js": url(source("records.js")),
};
let main = source("main.js");
for (const [specifier, blob] of Object.entries(urls)) main = main.split(JSON.stringify(specifier)).join(JSON.stringify(blob));
${frame ? frameBoot : ""}document.documentElement.dataset.offline = "true";
await import(url(main));
`;
const css = text("style.css");
const sha = (s) => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`;
const index = text("index.html");
const body = index.match(/<body>[\s\S]*<\/body>/);
if (!body) fail("www/index.html has no <body>…</body>");
if (css.includes("</style")) fail("www/style.css contains </style");
const embed = (entries) => entries.map(([name, buf]) => `<script type="application/octet-stream" data-name="${name}">\n${buf.toString("base64")}\n</script>`).join("\n");

/** One self-contained page: the app, its bytes, and the start script `boot`. */
function page({ boot, title, blobsOf, config = "" }) {
  if (boot.includes("</script")) fail("the start script contains </script");
  // blob: in script-src: the modules are blob: URLs this page's own (hashed)
  // script makes from its inlined text; nothing else can make them.
  const csp = ["default-src 'none'", `script-src ${sha(boot)} blob: 'wasm-unsafe-eval'`, "worker-src blob:", "connect-src 'none'", `style-src ${sha(css)}`, "img-src data:", "base-uri 'none'", "form-action 'none'"].join("; ");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<link rel="icon" href="data:,">
<style>${css}</style>
</head>
${body[0].replace("</body>", `${config}${embed(Object.entries(blobsOf))}\n<script type="module">${boot}</script>\n</body>`)}
</html>
`;
}

// The frame's allowlist: data, never run; a company may edit it in the file.
const frameConfig = `<script type="application/json" id="export-assessor-frame-config">\n${JSON.stringify({ allowedOrigins: FRAME_ORIGINS })}\n</script>\n`;
const outputs = [
  [OUT, page({ boot: bootOf(false), title: "export-assessor (offline)", blobsOf: blobs }), "offline single file"],
  [FRAME_OUT, page({ boot: bootOf(true), title: "export-assessor (frame)", blobsOf: { ...blobs, "frame-protocol.js": Buffer.from(frameProtocol) }, config: frameConfig }), `iframe file, allowedOrigins ${JSON.stringify(FRAME_ORIGINS)}`],
];
mkdirSync(dirname(OUT), { recursive: true });
for (const [out, html, what] of outputs) {
  writeFileSync(out, html);
  console.log(`[export-assessor] ${what}: ${statSync(out).size} bytes (${out.slice(ROOT.length + 1)})`);
}
