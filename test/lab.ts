// What the JupyterLab browser tests share beyond browser/: whether they can run, the server's
// arguments, and a fresh JupyterLab with the course kernel and headless Chromium.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { writeNotebookFolder } from "../build/workspace.js";
import { JUPYTER_LAB } from "../cli/python.js";
import { defaultChoice, NOTEBOOK_KERNEL, writeKernelSpec } from "../kernel/spec.js";
import {
  jupyterEnv,
  type Server,
  startServer,
  writeLabSettings,
} from "../browser/jupyter-server.js";
import { CHROMIUM, launch } from "../browser/lab-page.js";

export { jupyterEnv, writeLabSettings } from "../browser/jupyter-server.js";
export { allCellsRun, CHROMIUM, KERNEL_NAME, launch, runAllFromMenu } from "../browser/lab-page.js";

/** Chromium and the project's JupyterLab are there: the browser tests can run. */
export const labReady = existsSync(CHROMIUM) && existsSync(JUPYTER_LAB);

/** A Jupyter server's arguments: no browser, loopback only, `work` as its root. */
export function serverArgs(work: string): string[] {
  const args = ["--no-browser", "--ip=127.0.0.1", `--ServerApp.root_dir=${work}`];
  if (process.getuid?.() === 0) args.push("--allow-root");
  return args;
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
