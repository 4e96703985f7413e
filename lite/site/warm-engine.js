// attention-from-zero: the engine, started with the page
// Loaded first by the site's lab/index.html (cli/site.ts adds it): starts the course kernel's
// engine worker for the folder of the notebook the address opens (`?path=zh-TW/01-….ipynb`: zh-TW),
// while JupyterLab loads. The kernel extension (lite/extension/src/engine.ts) takes it over with
// the messages it has sent so far, and gives it to the first kernel made with the same start
// message; anything else starts its own engine.
/* global Worker, URL, URLSearchParams, document, location, performance, self */
(function () {
  if (typeof Worker === "undefined" || !document.currentScript) return;
  const path = (new URLSearchParams(location.search).get("path") || "").replace(/^\/+/, "");
  const folder = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
  const start = {
    type: "start",
    notebookPath: folder,
    language: folder.split("/").includes("zh-TW") ? "zh-TW" : "en",
  };
  const url = new URL(
    "extensions/@attention-from-zero/lite-kernel/static/engine/engine.js",
    document.currentScript.src,
  ).href;
  const worker = new Worker(url, { name: "attention-from-zero-engine" });
  const early = { url, start, worker, messages: [], failed: undefined };
  worker.onmessage = (event) => early.messages.push(event.data);
  worker.onerror = (event) => {
    early.failed = event.message || "the script did not load";
  };
  worker.postMessage(start);
  performance.mark("attention-from-zero:engine-started");
  self.attentionFromZeroEngine = early;
})();
