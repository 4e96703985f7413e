// `npm run bench:site`: the JupyterLite site in headless Chromium on this machine. Prints the
// site's size on disk, the bytes a first visit loads, page open to kernel ready and to the first
// cell's result (run once the kernel is idle, and run as soon as the cell shows), page open to
// kernel ready on a second visit, and Run All of lesson 05 beside the same on the Node kernel in
// JupyterLab.
// The first visit is broken down by the marks the page makes (lite/extension/src/): when the engine's
// worker starts, when it is ready, when JupyterLab makes the notebook's kernel.
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
import {
  allCellsRun,
  KERNEL_NAME,
  launch,
  openedAndIdle,
  runAllFromMenu,
} from "../browser/lab-page.js";

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

/** The page's marks (lite/extension/src/) and when its notebook showed, in s since it opened. */
async function breakdown(page: Page): Promise<[string, number][]> {
  return page.evaluate(() => {
    const shown = performance.getEntriesByName("notebook-shown")[0]?.startTime;
    const marks = performance
      .getEntriesByType("mark")
      .filter((m) => m.name.startsWith("attention-from-zero:"))
      .map((m): [string, number] => [m.name.split(":")[1]!, m.startTime / 1000]);
    return shown === undefined ? marks : [["notebook shown", shown / 1000], ...marks];
  });
}

/** Runs the notebook's first code cell as a learner does (click it, Shift+Enter) until it has run. */
async function runFirstCell(page: Page): Promise<void> {
  const first = page.locator(`${PANEL} .jp-CodeCell`).first();
  await first.locator(".cm-content").click({ timeout: 120_000 });
  await page.keyboard.press("Shift+Enter");
  await first.locator(".jp-InputPrompt", { hasText: /\[\d+\]/ }).waitFor({ timeout: 120_000 });
}

/**
 * Page open to the first cell's result when the learner runs it as soon as it shows, without
 * waiting for the status bar's "Idle": the cell waits in the kernel's queue meanwhile.
 */
async function firstResultAtSight(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const t0 = performance.now();
  await page.goto(`${url}lab/?path=01-queries-and-keys.ipynb`);
  await runFirstCell(page);
  const seconds = since(t0);
  await context.close();
  return seconds;
}

async function lite(
  browser: Browser,
  url: string,
): Promise<{ figures: Record<string, number>; marks: [string, number][] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const t0 = performance.now();
  await page.goto(`${url}lab/?path=01-queries-and-keys.ipynb`);
  // when the notebook's first code cell shows, as a mark of the page's own clock
  void page
    .waitForFunction(
      () => document.querySelector(".jp-NotebookPanel .jp-CodeCell") !== null,
      null,
      {
        polling: "raf",
        timeout: 120_000,
      },
    )
    .then(() => page.evaluate(() => performance.mark("notebook-shown")))
    .catch(() => {});
  await openedAndIdle(page, "01-queries-and-keys.ipynb");
  const ready = since(t0);
  await runFirstCell(page);
  const firstResult = since(t0);
  const marks = await breakdown(page);
  // the offline copy is made once the page has settled (lite/extension/src/offline.ts)
  await page.waitForFunction(
    () => performance.getEntriesByName("attention-from-zero:kept-offline").length > 0,
    null,
    { timeout: 120_000 },
  );
  // a second visit: the same browser, its caches and the site's service worker now filled; the
  // page restores lesson 01 (JupyterLab's workspace) and then opens lesson 05
  const t1 = performance.now();
  await page.goto(`${url}lab/?path=05-matrix-form-scores.ipynb`);
  await openedAndIdle(page, "05-matrix-form-scores.ipynb");
  const secondReady = since(t1);
  const runAll05 = await runAll(page);
  await context.close();
  const firstVisitMB = (await firstVisitBytes(browser, url)) / MB;
  const atSight = await firstResultAtSight(browser, url);
  return { figures: { ready, firstResult, atSight, firstVisitMB, secondReady, runAll05 }, marks };
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

/** The median of `values`. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const uptime = () => execSync("uptime").toString().trim();

/**
 * Options: `--runs N` times the site N times (fresh browser contexts) and prints medians;
 * `--site-only` leaves out the Node kernel's Run All.
 */
async function main(argv: string[]): Promise<void> {
  const runs = Math.max(1, Number(argv[argv.indexOf("--runs") + 1]) || 1);
  const built = buildSite();
  const siteMB = Number(execSync(`du -sb ${SITE}`).toString().split("\t")[0]) / MB;
  const server = await serveStatic(SITE);
  const browser = await launch();
  try {
    const before = uptime();
    const results: Awaited<ReturnType<typeof lite>>[] = [];
    for (let i = 0; i < runs; i++) results.push(await lite(browser, server.url));
    const node = argv.includes("--site-only") ? undefined : await jupyterLab(browser);
    const of = (key: string) => median(results.map((r) => r.figures[key]!));
    const s = (key: string) =>
      `${of(key).toFixed(2)} s${runs > 1 ? ` (${results.map((r) => r.figures[key]!.toFixed(2)).join(", ")})` : ""}`;
    console.log(
      `JupyterLite site, headless Chromium${runs > 1 ? `, medians of ${runs} runs` : ""}`,
    );
    console.log(`  load before: ${before}`);
    console.log(`  load after:  ${uptime()}`);
    console.log(`  site build (npm run site, warm):   ${(built / 1000).toFixed(1)} s`);
    console.log(`  site size on disk:                 ${siteMB.toFixed(1)} MB`);
    console.log(
      `  first visit loads:                 ${of("firstVisitMB").toFixed(1)} MB (goal ≤ 30)`,
    );
    console.log(`  page open → kernel ready:          ${s("ready")}`);
    console.log(`  page open → first cell's result:   ${s("firstResult")} (goal ≤ 5)`);
    console.log(`    run as soon as the cell shows:    ${s("atSight")}`);
    console.log("  the first visit, s since the page opened (the last run):");
    for (const [name, at] of results.at(-1)!.marks)
      console.log(`    ${name.padEnd(31)} ${at.toFixed(2)}`);
    console.log(`  second visit, page open → ready:   ${s("secondReady")}`);
    console.log(`  Run All, lesson 05, in the browser: ${s("runAll05")}`);
    if (node !== undefined)
      console.log(
        `  Run All, lesson 05, Node kernel:    ${node.toFixed(2)} s (goal: browser ≤ 2×)`,
      );
  } finally {
    await browser.close();
    await server.close();
  }
}

await main(process.argv.slice(2));
