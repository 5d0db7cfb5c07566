// A minimal static file server for www/, bound to loopback. Used by
// `scripts/start.sh`, by the browser tests and by the benchmarks. GET and
// HEAD only. With `gzip` it compresses text and wasm as a real host would
// (the load benchmark measures what goes over the wire).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
};

/** The page's policy, also sent as a header: a worker script gets its policy
 * from its own response, not from the page's meta tag. */
export const CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; " +
  "style-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'";

/** The header policy of the file at `path`: the self-contained pages
 * (www/dist: the offline and the iframe file) carry their own, stricter one
 * (hashed start script, connect-src 'none') in a meta tag, which this
 * header's script-src 'self' would contradict (it blocks their start
 * script); the iframe example host page may frame this origin. */
export function cspFor(path) {
  if (path.startsWith("/dist/") && path.endsWith(".html")) return null;
  if (path === "/examples/frame-host.html") return `${CSP}; frame-src 'self'`;
  return CSP;
}

// Types worth compressing; `.bin` is the data bundle (pkg/assessor-data.bin).
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".json", ".svg", ".txt", ".bin"]);

// "gzip" listed and not refused with q=0.
const acceptsGzip = (header = "") =>
  header.split(",").some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    return (name === "gzip" || name === "*") && !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
  });

export const DEFAULT_ROOT = resolve(fileURLToPath(new URL("../www", import.meta.url)));

export function startServer({ root = DEFAULT_ROOT, host = "127.0.0.1", port = 0, log = () => {}, gzip = false } = {}) {
  // Level 9 is slow for a megabyte of wasm: compress once per file version
  // (path -> { version, body }).
  const gzipped = new Map();
  const server = createServer(async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error("not a file");
      let body = await readFile(file);
      const headers = {
        "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
        "Cache-Control": "no-cache",
        "X-Content-Type-Options": "nosniff",
      };
      const csp = cspFor(path);
      if (csp) headers["Content-Security-Policy"] = csp;
      if (gzip && COMPRESSIBLE.has(extname(file))) {
        // The response differs by Accept-Encoding, compressed or not.
        headers["Vary"] = "Accept-Encoding";
        if (acceptsGzip(req.headers["accept-encoding"])) {
          const version = `${info.mtimeMs}:${info.size}`;
          if (gzipped.get(file)?.version !== version) gzipped.set(file, { version, body: gzipSync(body, { level: 9 }) });
          body = gzipped.get(file).body;
          headers["Content-Encoding"] = "gzip";
          headers["Content-Length"] = body.length;
        }
      }
      res.writeHead(200, headers);
      res.end(req.method === "HEAD" ? undefined : body);
      log(`200 ${req.method} ${path}${headers["Content-Encoding"] ? " (gzip)" : ""}`);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found\n");
      log(`404 ${req.method} ${path}`);
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolvePromise(server));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 8080);
  const gzip = process.env.GZIP === "1";
  try {
    await startServer({ port, gzip });
  } catch (err) {
    console.error(`[export-assessor] could not listen on 127.0.0.1:${port}: ${err.message}. Is another server running there? Set PORT=... to use another port.`);
    process.exit(1);
  }
  console.log(`[export-assessor] serving the app at http://127.0.0.1:${port}/${gzip ? " gzip-compressed" : ""}  (Ctrl-C to stop)`);
}
