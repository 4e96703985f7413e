// What the browser tests share: Jupyter's folders inside a work folder, JupyterLab's settings, the
// server's arguments, headless Chromium, and waiting for "Run All" to finish.
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { writeNotebookFolder } from "../build/workspace.js";
import { JUPYTER_LAB } from "../cli/python.js";
import { defaultChoice, NOTEBOOK_KERNEL, writeKernelSpec } from "../kernel/spec.js";
import { jupyterFolders, type Server, startServer } from "./jupyter-server.js";

export const CHROMIUM = "/usr/bin/chromium";
/** Chromium and the project's JupyterLab are there: the browser tests can run. */
export const labReady = existsSync(CHROMIUM) && existsSync(JUPYTER_LAB);
export const KERNEL_NAME = "TypeScript (Attention from Zero)";

/** Jupyter's own folders inside `work`, so nothing of the user's setup is read or written. */
export function jupyterEnv(work: string): NodeJS.ProcessEnv {
  return { ...process.env, JUPYTER_PATH: join(work, "jupyter"), ...jupyterFolders(work) };
}

/** JupyterLab settings: no news prompt, and every cell in the page so that it can be checked. */
export function writeLabSettings(work: string): void {
  const settings = {
    "@jupyterlab/apputils-extension/notification": { fetchNews: "false" },
    "@jupyterlab/notebook-extension/tracker": { windowingMode: "none" },
  };
  for (const [id, value] of Object.entries(settings)) {
    const [dir, file] = [
      join(work, "settings", id, ".."),
      `${id.split("/").pop()}.jupyterlab-settings`,
    ];
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, file), JSON.stringify(value));
  }
}

/** A Jupyter server's arguments: no browser, loopback only, `work` as its root. */
export function serverArgs(work: string): string[] {
  const args = ["--no-browser", "--ip=127.0.0.1", `--ServerApp.root_dir=${work}`];
  if (process.getuid?.() === 0) args.push("--allow-root");
  return args;
}

/** Headless Chromium as the tests run it: no sandbox, no GPU, no network of its own. */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}

/** Waits until every code cell of the notebook shows a run count, none "[*]" or empty. */
export async function allCellsRun(page: Page, scope: string): Promise<void> {
  await page.waitForFunction(
    (sel) => {
      const prompts = [...document.querySelectorAll(`${sel} .jp-CodeCell .jp-InputPrompt`)];
      return prompts.length > 0 && prompts.every((p) => /\[\d+\]/.test(p.textContent ?? ""));
    },
    scope,
    { timeout: 240_000, polling: 500 },
  );
}

/** Run → Run All Cells, from the menu bar. */
export async function runAllFromMenu(page: Page): Promise<void> {
  await page.locator(".lm-MenuBar-itemLabel", { hasText: /^Run$/ }).click();
  await page.locator(".lm-Menu-itemLabel", { hasText: /^Run All Cells$/ }).click();
}

/**
 * A fresh `work` folder with `notebooks` (file → text) in work/notebooks/, the course kernel and
 * JupyterLab's settings, then JupyterLab on loopback and headless Chromium.
 */
export async function startLab(
  work: string,
  notebooks: Iterable<[string, string]>,
): Promise<{ lab: Server; browser: Browser }> {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, "..", "screenshots"), { recursive: true });
  writeNotebookFolder(join(work, "notebooks"), notebooks);
  writeKernelSpec(join(work, "jupyter"), NOTEBOOK_KERNEL, defaultChoice());
  writeLabSettings(work);
  const lab = await startServer(JUPYTER_LAB, serverArgs(work), {
    cwd: work,
    env: jupyterEnv(work),
  });
  return { lab, browser: await launch() };
}
