// `npm run bench:site`: the JupyterLite site in headless Chromium on this machine. Prints the
// site's size on disk, the bytes a first visit loads, page open to kernel ready and to the first
// cell's result, page open to kernel ready on a second visit, and Run All of lesson 05 beside the
// same on the Node kernel in JupyterLab.
// Goals: first result ≤ 5 s, Run All of lesson 05 within 2× of the Node kernel, first visit ≤ 30 MB.
import { execSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page, Response } from "playwright-core";
import { writeNotebookFolder } from "../build/workspace.js";
import { generate } from "../build/generate.js";
import { ROOT } from "../build/paths.js";
import { JUPYTER_LAB } from "../cli/python.js";
import { buildSite, SITE } from "../cli/site.js";
import { serveStatic } from "../cli/static-server.js";
import { defaultChoice, NOTEBOOK_KERNEL, writeKernelSpec } from "../kernel/spec.js";
import { jupyterEnv, startServer, writeLabSettings } from "../browser/jupyter-server.js";
import { allCellsRun, KERNEL_NAME, launch, runAllFromMenu } from "../browser/lab-page.js";

const PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)";
const MB = 1024 * 1024;

/** Seconds since `t0`. */
const since = (t0: number) => (performance.now() - t0) / 1000;

async function idle(page: Page): Promise<void> {
  await page
    .locator("#jp-main-statusbar", { hasText: `${KERNEL_NAME} | Idle` })
    .waitFor({ timeout: 180_000 });
}

/** Run All from the menu until every code cell has run; seconds. */
async function runAll(page: Page): Promise<number> {
  const t0 = performance.now();
  await runAllFromMenu(page);
  await allCellsRun(page, PANEL);
  return since(t0);
}

/**
 * The bytes a first visit to lesson 01 loads, in a browser context of its own: the bodies are read
 * once the page has settled, since reading them as they arrive slows the page being timed.
 */
async function firstVisitBytes(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const responses: Response[] = [];
  context.on("response", (r) => responses.push(r));
  const page = await context.newPage();
  await page.goto(`${url}lab/?path=01-queries-and-keys.ipynb`);
  await idle(page);
  await page.waitForTimeout(3000); // what the page still loads after the kernel is ready
  let bytes = 0;
  for (const r of responses)
    bytes += await r.body().then(
      (b) => b.length,
      () => 0,
    );
  await context.close();
  return bytes;
}

async function lite(browser: Browser, url: string): Promise<Record<string, number>> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const t0 = performance.now();
  await page.goto(`${url}lab/?path=01-queries-and-keys.ipynb`);
  await idle(page);
  const ready = since(t0);
  // the first code cell, run as a learner does: click it, Shift+Enter
  const first = page.locator(`${PANEL} .jp-CodeCell`).first();
  await first.locator(".cm-content").click();
  await page.keyboard.press("Shift+Enter");
  await first.locator(".jp-InputPrompt", { hasText: /\[\d+\]/ }).waitFor({ timeout: 120_000 });
  const firstResult = since(t0);
  await page.waitForTimeout(2000); // what the page still does after the first result
  // a second visit: the same browser, its caches and the site's service worker now filled
  const t1 = performance.now();
  await page.goto(`${url}lab/?path=05-matrix-form-scores.ipynb`);
  await idle(page);
  const secondReady = since(t1);
  const runAll05 = await runAll(page);
  await context.close();
  const firstVisitMB = (await firstVisitBytes(browser, url)) / MB;
  return { ready, firstResult, firstVisitMB, secondReady, runAll05 };
}

async function jupyterLab(browser: Browser): Promise<number> {
  const work = join(ROOT, "artifacts", "bench-site");
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  writeNotebookFolder(join(work, "notebooks"), generate().notebooks);
  writeKernelSpec(join(work, "jupyter"), NOTEBOOK_KERNEL, defaultChoice());
  writeLabSettings(work);
  const env = jupyterEnv(work);
  const args = ["--no-browser", "--ip=127.0.0.1", `--ServerApp.root_dir=${work}`];
  if (process.getuid?.() === 0) args.push("--allow-root");
  const lab = await startServer(JUPYTER_LAB, args, { cwd: work, env });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(
      `${lab.base}/lab/tree/notebooks/05-matrix-form-scores.ipynb?token=${lab.token}`,
    );
    await idle(page);
    return await runAll(page);
  } finally {
    await lab.stop();
  }
}

async function main(): Promise<void> {
  const built = buildSite();
  const siteMB = Number(execSync(`du -sb ${SITE}`).toString().split("\t")[0]) / MB;
  const server = await serveStatic(SITE);
  const browser = await launch();
  try {
    const l = await lite(browser, server.url);
    const node = await jupyterLab(browser);
    const load = execSync("uptime").toString().trim();
    console.log(`JupyterLite site, headless Chromium (${load})`);
    console.log(`  site build (npm run site, warm):   ${(built / 1000).toFixed(1)} s`);
    console.log(`  site size on disk:                 ${siteMB.toFixed(1)} MB`);
    console.log(
      `  first visit loads:                 ${l.firstVisitMB!.toFixed(1)} MB (goal ≤ 30)`,
    );
    console.log(`  page open → kernel ready:          ${l.ready!.toFixed(2)} s`);
    console.log(`  page open → first cell's result:   ${l.firstResult!.toFixed(2)} s (goal ≤ 5)`);
    console.log(`  second visit, page open → ready:   ${l.secondReady!.toFixed(2)} s`);
    console.log(`  Run All, lesson 05, in the browser: ${l.runAll05!.toFixed(2)} s`);
    console.log(`  Run All, lesson 05, Node kernel:    ${node.toFixed(2)} s (goal: browser ≤ 2×)`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
