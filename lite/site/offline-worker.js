// attention-from-zero offline worker
// The site's service worker, so that the course opens offline after a first visit and a later
// visit reads what it can from the cache:
// - a file whose name carries its content's hash (JupyterLab's build/*.<hash>.js, the kernel
//   extension's remoteEntry.<hash>.js) never changes: it is answered from the cache when there;
// - every other same-origin GET goes to the network first (a new version of the site shows at
//   once) and the cached copy answers when the network is gone. A response is stored in the cache
//   after it has gone to the page, and only when it differs from the stored one (by its ETag or
//   Last-Modified), so a visit does not write again what it loaded last time.
// What the page loaded before this worker took control is added to the same cache by the kernel
// extension (lite/extension/src/offline.ts). JupyterLite's own worker, loaded below (whose
// top-level names differ from these), keeps answering the requests it owns (its heartbeat and its
// drive and stdin channels).
/* global self, caches, fetch, importScripts, URL */
const OFFLINE_CACHE = "attention-from-zero-offline";

/** The requests JupyterLite's own worker answers. */
function answeredByJupyterLite(url) {
  return (
    url.pathname.endsWith("/api/service-worker-heartbeat") ||
    url.pathname.includes("/api/drive") ||
    url.pathname.includes("/api/stdin/")
  );
}

/** Whether the file's name carries its content's hash, as `jlab_core.a86436d.js` does. */
function immutable(url) {
  return /[.-][0-9a-f]{7,}\.js$/.test(url.pathname);
}

/** Whether two responses carry the same file, by the validators the server sent. */
function sameFile(a, b) {
  const etag = a.headers.get("ETag");
  if (etag) return etag === b.headers.get("ETag");
  const modified = a.headers.get("Last-Modified");
  return modified !== null && modified === b.headers.get("Last-Modified");
}

async function networkFirstOrCached(event) {
  const request = event.request;
  const cache = await caches.open(OFFLINE_CACHE);
  const cached = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
  if (cached && immutable(new URL(request.url))) return cached;
  try {
    const response = await fetch(request);
    if (response.ok && !(cached && sameFile(cached, response)))
      event.waitUntil(cache.put(request, response.clone()));
    return response;
  } catch (error) {
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (
    event.request.method !== "GET" ||
    url.origin !== self.location.origin ||
    answeredByJupyterLite(url)
  )
    return;
  event.stopImmediatePropagation();
  event.respondWith(networkFirstOrCached(event));
});

importScripts("./jupyterlite-service-worker.js");
