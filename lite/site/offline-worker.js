// attention-from-zero offline worker
// The site's service worker: every same-origin GET goes to the network first and is kept in a
// cache, and when the network is gone the cached copy answers, so the course opens offline after a
// first visit. What the page loaded before this worker took control is added to the same cache by
// the kernel extension (lite/extension/src/offline.ts). JupyterLite's own worker, loaded below,
// (whose top-level names differ from these) keeps answering the requests it owns (its heartbeat and its drive and stdin channels).
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

async function networkFirstOrCached(request) {
  const cache = await caches.open(OFFLINE_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
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
  event.respondWith(networkFirstOrCached(event.request));
});

importScripts("./jupyterlite-service-worker.js");
