// A minimal static file server for www/, bound to loopback. Used by
// `scripts/start.sh` and by the browser tests. GET and HEAD only.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

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

export const DEFAULT_ROOT = resolve(fileURLToPath(new URL("../www", import.meta.url)));

export function startServer({ root = DEFAULT_ROOT, host = "127.0.0.1", port = 0, log = () => {} } = {}) {
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
      if (!(await stat(file)).isFile()) throw new Error("not a file");
      const body = await readFile(file);
      res.writeHead(200, {
        "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
        "Cache-Control": "no-cache",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": CSP,
      });
      res.end(req.method === "HEAD" ? undefined : body);
      log(`200 ${req.method} ${path}`);
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
  try {
    await startServer({ port });
  } catch (err) {
    console.error(`[export-assessor] could not listen on 127.0.0.1:${port}: ${err.message}. Is another server running there? Set PORT=... to use another port.`);
    process.exit(1);
  }
  console.log(`[export-assessor] serving the app at http://127.0.0.1:${port}/  (Ctrl-C to stop)`);
}
