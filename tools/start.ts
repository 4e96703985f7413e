// `npm start`: registers the course kernel in the project's .jupyter folder and opens the first notebook.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, lstatSync, rmSync, statSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import {
  defaultChoice,
  jupyterPathWith,
  NOTEBOOK_KERNEL,
  PROJECT_JUPYTER,
  writeKernelSpec,
} from "./kernel.js";
import { NOTEBOOKS, ROOT } from "./paths.js";

export const FIRST_NOTEBOOK = "notebooks/00-start-here.ipynb";

/** Which Jupyter front end is installed: JupyterLab if it is, else classic Notebook, else none. */
export function findJupyter(jupyter = process.env.JUPYTER ?? "jupyter"): "lab" | "notebook" | null {
  for (const app of ["lab", "notebook"] as const) {
    const r = spawnSync(jupyter, [app, "--version"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    if (!r.error && r.status === 0) return app;
  }
  return null;
}

/**
 * Makes sure notebooks/src and notebooks/course lead to the library and the course helpers.
 * They are committed as symbolic links; where a checkout turned them into plain files (Windows
 * without symlink support), they are replaced by directory junctions, which need no privileges.
 */
export function ensureLinks(): void {
  for (const name of ["src", "course"]) {
    const link = join(NOTEBOOKS, name);
    if (existsSync(link) && statSync(link).isDirectory()) continue;
    if (existsSync(link) || lstatSync(link, { throwIfNoEntry: false }))
      rmSync(link, { force: true });
    symlinkSync(join(ROOT, name), link, "junction");
    console.log(`linked ${link} → ${join(ROOT, name)}`);
  }
}

function main(argv: string[]): number {
  const jupyter = process.env.JUPYTER ?? "jupyter";
  const app = findJupyter(jupyter);
  if (!app) {
    console.error(
      [
        "Jupyter is not installed (no `jupyter lab` or `jupyter notebook` on your PATH), so the course cannot open.",
        "Install JupyterLab, then run `npm start` again:",
        "  pip install jupyterlab",
        "Nothing was changed.",
      ].join("\n"),
    );
    return 1;
  }
  ensureLinks();
  const choice = defaultChoice();
  writeKernelSpec(PROJECT_JUPYTER, NOTEBOOK_KERNEL, choice);
  const env = { ...process.env, JUPYTER_PATH: jupyterPathWith(PROJECT_JUPYTER) };
  const args = [app, FIRST_NOTEBOOK, ...argv];
  console.log(
    `Opening the course in ${app === "lab" ? "JupyterLab" : "Jupyter Notebook"} (kernel: ${choice === "course" ? "the course kernel" : "tslab"}).`,
  );
  if (process.env.ATTENTION_DRY_RUN === "1") {
    console.log(JSON.stringify({ command: jupyter, args, JUPYTER_PATH: env.JUPYTER_PATH }));
    return 0;
  }
  const child = spawn(jupyter, args, { cwd: ROOT, env, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => {
    process.exitCode = code ?? 0;
  });
  return 0;
}

process.exitCode = main(process.argv.slice(2));
