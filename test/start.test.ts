// `npm start` and the kernel registration: the right Jupyter, the project-local kernel, a clear message without Jupyter.
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const start = join(root, "dist", "tools", "start.js");
const spec = join(root, ".jupyter", "kernels", "tslab", "kernel.json");

/** A folder holding a stand-in `jupyter` that knows only the front ends given. */
function fakeJupyter(apps: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "fake-jupyter-"));
  const script = `#!/bin/sh\ncase "$1" in\n${apps.map((a) => `  ${a}) echo 1.0; exit 0;;`).join("\n")}\nesac\nexit 1\n`;
  writeFileSync(join(dir, "jupyter"), script);
  chmodSync(join(dir, "jupyter"), 0o755);
  return dir;
}

function runStart(pathDir: string) {
  return spawnSync(process.execPath, [start], {
    encoding: "utf8",
    env: { PATH: pathDir, ATTENTION_DRY_RUN: "1", HOME: process.env.HOME ?? "/tmp" },
  });
}

describe("npm start", () => {
  it("without Jupyter: one clear message with the install command, exit 1, nothing written", () => {
    const before = existsSync(spec) ? statSync(spec).mtimeMs : null;
    const empty = mkdtempSync(join(tmpdir(), "no-jupyter-"));
    const r = runStart(empty);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("pip install jupyterlab");
    expect(r.stderr).toContain("Nothing was changed");
    expect(existsSync(spec) ? statSync(spec).mtimeMs : null).toBe(before);
  });

  it("opens the first notebook in JupyterLab when it is installed", () => {
    const r = runStart(fakeJupyter(["lab", "notebook"]));
    expect(r.status, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as {
      args: string[];
      JUPYTER_PATH: string;
    };
    expect(plan.args.slice(0, 2)).toEqual(["lab", "notebooks/00-start-here.ipynb"]);
    expect(plan.JUPYTER_PATH.split(":")[0]).toBe(join(root, ".jupyter"));
  });

  it("falls back to classic Jupyter Notebook, and registers the kernel in the project's own folder", () => {
    const r = runStart(fakeJupyter(["notebook"]));
    expect(r.status, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as { args: string[] };
    expect(plan.args[0]).toBe("notebook");
    const kernel = JSON.parse(readFileSync(spec, "utf8")) as { argv: string[]; language: string };
    expect(kernel.language).toBe("typescript");
    expect(kernel.argv[0]).toBe(process.execPath);
    expect(kernel.argv.some((a) => a.startsWith(root))).toBe(true);
  });
});

describe("npm run kernel", () => {
  it("registers into the project folder and prints the JUPYTER_PATH to use", () => {
    const r = spawnSync(process.execPath, [join(root, "dist", "tools", "kernel.js")], {
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`JUPYTER_PATH="${join(root, ".jupyter")}`);
    expect(existsSync(spec)).toBe(true);
  });

  it("--user goes through `jupyter kernelspec install --user` under another name", () => {
    const dir = fakeJupyter([]);
    const log = join(dir, "args.txt");
    writeFileSync(join(dir, "jupyter"), `#!/bin/sh\necho "$@" > ${log}\nexit 0\n`);
    mkdirSync(dir, { recursive: true });
    const r = spawnSync(process.execPath, [join(root, "dist", "tools", "kernel.js"), "--user"], {
      encoding: "utf8",
      env: { PATH: `${dir}:/usr/bin:/bin` },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(log, "utf8")).toMatch(
      /^kernelspec install --user --name attention-from-zero /,
    );
  });
});
