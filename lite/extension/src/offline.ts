// The other half of offline use (see lite/site/offline-worker.js): the site's service worker keeps
// what it fetches, but the files this page loaded before the worker took control never passed
// through it. Once the page has settled, this adds them to the worker's cache, so that the next
// visit opens without a network.

/** The cache the site's service worker answers from when offline. */
const CACHE = "attention-from-zero-offline";
/** The page's performance mark once every file it loaded is in the cache (the site's tests wait for it). */
export const KEPT_OFFLINE = "attention-from-zero:kept-offline";

/** Adds the page and every same-origin file it loaded to the offline cache, skipping cached ones. */
export async function keepForOffline(): Promise<void> {
  if (!("caches" in self) || !navigator.serviceWorker) return;
  await navigator.serviceWorker.ready;
  const cache = await caches.open(CACHE);
  const loaded = performance
    .getEntriesByType("resource")
    .map((entry) => entry.name)
    .concat(location.href)
    .filter((url) => new URL(url).origin === location.origin && !url.includes("/api/drive"));
  for (const url of new Set(loaded)) {
    if (await cache.match(url)) continue;
    try {
      const response = await fetch(url, { cache: "force-cache" });
      if (response.ok) await cache.put(url, response);
    } catch {
      // offline already, or the file went away: the worker keeps what it can
    }
  }
  performance.mark(KEPT_OFFLINE);
}
