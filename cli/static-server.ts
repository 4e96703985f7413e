// A static file server on loopback for the JupyterLite site: what `npm run site -- --serve`, the
// browser tests and the benchmark open. It serves files only, with the types a browser needs.
import { createReadStream, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".ipynb": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".ts": "text/plain; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
};

export interface StaticSite {
  /** http://127.0.0.1:PORT/ */
  url: string;
  close: () => Promise<void>;
}

/** The file under `root` that a request path names (a folder's index.html), or null outside `root`. */
function fileFor(root: string, pathname: string): string | null {
  let path: string;
  try {
    path = normalize(join(root, decodeURIComponent(pathname)));
  } catch {
    return null;
  }
  if (path !== root && !path.startsWith(root + sep)) return null;
  try {
    return statSync(path).isDirectory() ? join(path, "index.html") : path;
  } catch {
    return null;
  }
}

/** The size of a file in bytes, or -1 when there is none. */
function sizeOf(file: string | null): number {
  try {
    return file ? statSync(file).size : -1;
  } catch {
    return -1;
  }
}

/** Serves the folder `root` on 127.0.0.1:`port` (0: any free port). */
export function serveStatic(root: string, port = 0): Promise<StaticSite> {
  const server: Server = createServer((request, response) => {
    const pathname = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    const file = fileFor(root, pathname);
    const size = sizeOf(file);
    if (!file || size < 0 || (request.method !== "GET" && request.method !== "HEAD")) {
      response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      response.end(`not found: ${pathname}\n`);
      return;
    }
    // validators, as a static host such as GitHub Pages sends: a browser asks again with them and
    // gets "304 Not Modified" for a file it has, and the site's service worker compares them
    const modified = statSync(file).mtime;
    const etag = `"${size.toString(16)}-${modified.getTime().toString(16)}"`;
    const headers = {
      "Cache-Control": "no-cache",
      ETag: etag,
      "Last-Modified": modified.toUTCString(),
    };
    if (request.headers["if-none-match"] === etag) {
      response.writeHead(304, headers);
      response.end();
      return;
    }
    response.writeHead(200, {
      ...headers,
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
      "Content-Length": size,
    });
    if (request.method === "HEAD") response.end();
    else createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      const bound = typeof address === "object" && address ? address.port : port;
      resolve({
        url: `http://127.0.0.1:${bound}/`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
