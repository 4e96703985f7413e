// `npm start` and the kernel registration: the right JupyterLab, the project-local kernel, a clear
// message without Python, --allow-root as root. (test/start-fresh.test.ts runs the real thing.)
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chooseEdition, FIRST_NOTEBOOK, firstNotebook, labArgs } from "../cli/start.js";
import { MIN_PYTHON, noPythonMessage, oldEnough } from "../cli/venv.js";

const root = join(import.meta.dirname, "..");
const start = join(root, "dist", "cli", "start.js");
const spec = join(root, ".jupyter", "kernels", "tslab", "kernel.json");

/** A stand-in `jupyter-lab` that only answers --version, in `dir` (made if missing). */
function fakeLab(dir = mkdtempSync(join(tmpdir(), "fake-lab-"))): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "jupyter-lab"), `#!/bin/sh\necho 4.6.6\n`);
  chmodSync(join(dir, "jupyter-lab"), 0o755);
  return dir;
}

/** A PATH folder with node and nothing else: no python3, no jupyter-lab. */
function bareBin(): string {
  const dir = mkdtempSync(join(tmpdir(), "bare-bin-"));
  symlinkSync(process.execPath, join(dir, "node"));
  return dir;
}

interface Plan {
  command: string;
  args: string[];
  JUPYTER_PATH: string;
  install?: string;
}

function runStart(path: string, venv: string, extra: string[] = [], lang?: string) {
  const r = spawnSync(process.execPath, [start, "--no-browser", ...extra], {
    encoding: "utf8",
    env: {
      PATH: path,
      ATTENTION_DRY_RUN: "1",
      ATTENTION_VENV: venv,
      HOME: process.env.HOME ?? "/tmp",
      ...(lang ? { LANG: lang } : {}),
    },
  });
  const plan =
    r.status === 0 ? (JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as Plan) : null;
  return { ...r, plan };
}

const noVenv = () => join(mkdtempSync(join(tmpdir(), "no-venv-")), ".venv");

describe("npm start", () => {
  it("npm start without Python 3: says which version to install, exits 1 and changes nothing", () => {
    const before = existsSync(spec) ? statSync(spec).mtimeMs : null;
    const venv = noVenv();
    const r = runStart(bareBin(), venv);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`Python ${MIN_PYTHON.join(".")} or newer`);
    expect(r.stderr).toContain("no `python3` on your PATH");
    expect(r.stderr).toContain("Nothing was changed");
    expect(existsSync(venv)).toBe(false);
    expect(existsSync(spec) ? statSync(spec).mtimeMs : null).toBe(before);
  });

  it("npm start without JupyterLab but with Python 3: plans to install the pinned file into .venv/, saying how much", () => {
    const venv = noVenv();
    const r = runStart(process.env.PATH ?? "", venv);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("about 50 MB to download");
    expect(r.plan?.install).toBe(join(root, "requirements", "jupyter.txt"));
    expect(r.plan?.command).toBe(join(venv, "bin", "jupyter-lab"));
    expect(existsSync(venv), "a dry run creates nothing").toBe(false);
  });

  it("npm start uses the project's own .venv/ JupyterLab when it is there, without installing", () => {
    const venv = noVenv();
    fakeLab(join(venv, "bin"));
    const r = runStart(bareBin(), venv);
    expect(r.status, r.stderr).toBe(0);
    expect(r.plan?.command).toBe(join(venv, "bin", "jupyter-lab"));
    expect(r.plan?.install).toBeUndefined();
  });

  it("npm start opens the first notebook with a jupyter-lab on PATH and registers the kernel in the project's folder", () => {
    const r = runStart(`${fakeLab()}:${bareBin()}`, noVenv());
    expect(r.status, r.stderr).toBe(0);
    expect(r.plan?.command).toBe("jupyter-lab");
    expect(r.plan?.args.slice(0, 2)).toEqual(["notebooks/00-start-here.ipynb", "--no-browser"]);
    expect(r.plan?.install).toBeUndefined();
    expect(r.plan?.JUPYTER_PATH.split(":")[0]).toBe(join(root, ".jupyter"));
    const kernel = JSON.parse(readFileSync(spec, "utf8")) as { argv: string[]; language: string };
    expect(kernel.language).toBe("typescript");
    expect(kernel.argv[0]).toBe(process.execPath);
    expect(kernel.argv.some((a) => a.startsWith(root))).toBe(true);
  });

  it("npm start as root says why it adds --allow-root", () => {
    const r = runStart(`${fakeLab()}:${bareBin()}`, noVenv());
    const isRoot = process.getuid?.() === 0;
    expect(r.plan?.args.includes("--allow-root")).toBe(isRoot);
    expect(r.stdout.includes("You are running as root")).toBe(isRoot);
  });
});

describe("npm start -- --lang", () => {
  it("npm start -- --lang zh-TW opens the zh-TW edition's first notebook, and so does a zh_TW locale", () => {
    const path = `${fakeLab()}:${bareBin()}`;
    for (const r of [
      runStart(path, noVenv(), ["--lang", "zh-TW"]),
      runStart(path, noVenv(), [], "zh_TW.UTF-8"),
    ]) {
      expect(r.status, r.stderr).toBe(0);
      expect(r.plan?.args.slice(0, 2)).toEqual([firstNotebook("zh-TW"), "--no-browser"]);
      expect(r.plan?.args).not.toContain("--lang");
      expect(r.stdout).toContain("繁體中文 (zh-TW) edition");
    }
  });

  it("npm start -- --lang fr exits 1, naming the editions", () => {
    const r = runStart(`${fakeLab()}:${bareBin()}`, noVenv(), ["--lang", "fr"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--lang "fr": the course comes in en and zh-TW');
  });
});

describe("chooseEdition", () => {
  it("chooseEdition() takes --lang first, then a Taiwanese locale, else English", () => {
    expect(chooseEdition(["--lang", "zh-tw", "--port", "9"], {})).toEqual({
      edition: "zh-TW",
      rest: ["--port", "9"],
    });
    expect(chooseEdition(["--lang=en"], { LANG: "zh_TW.UTF-8" }).edition).toBe("en");
    expect(chooseEdition([], { LANG: "zh_TW.UTF-8" }).edition).toBe("zh-TW");
    expect(chooseEdition([], { LC_ALL: "zh_Hant_TW", LANG: "en_US.UTF-8" }).edition).toBe("zh-TW");
    expect(chooseEdition([], { LANG: "zh_CN.UTF-8" }).edition).toBe("en");
    expect(chooseEdition([], {}).edition).toBe("en");
    expect(() => chooseEdition(["--lang"], {})).toThrow(
      '--lang "": the course comes in en and zh-TW',
    );
  });

  it("firstNotebook() opens English's start-here lesson for English", () => {
    expect(firstNotebook("en")).toBe(FIRST_NOTEBOOK);
    expect(firstNotebook("zh-TW")).toMatch(/^notebooks\/(zh-TW\/)?00-start-here\.ipynb$/);
  });
});

describe("labArgs", () => {
  it("labArgs() adds --allow-root for root only, and only once", () => {
    expect(labArgs(["--port", "9"], true)).toEqual([
      "notebooks/00-start-here.ipynb",
      "--port",
      "9",
      "--allow-root",
    ]);
    expect(labArgs(["--allow-root"], true).filter((a) => a === "--allow-root")).toHaveLength(1);
    expect(labArgs([], false)).toEqual(["notebooks/00-start-here.ipynb"]);
  });
});

describe("oldEnough / noPythonMessage", () => {
  it("oldEnough() refuses a Python older than the pinned requirements need, and noPythonMessage() names both versions", () => {
    expect(oldEnough([3, 11, 2])).toBe(false);
    expect(oldEnough([3, 11, 5])).toBe(true);
    expect(oldEnough([3, 12, 0])).toBe(true);
    expect(oldEnough([3, 9, 18])).toBe(false);
    const message = noPythonMessage({ command: "python3", version: [3, 11, 2] });
    expect(message).toContain("`python3` is Python 3.11.2");
    expect(message).toContain("Python 3.11.5 or newer");
  });
});

describe("npm run kernel", () => {
  it("npm run kernel registers into the project folder and prints the JUPYTER_PATH to use", () => {
    const r = spawnSync(process.execPath, [join(root, "dist", "kernel", "install.js")], {
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`JUPYTER_PATH="${join(root, ".jupyter")}`);
    expect(existsSync(spec)).toBe(true);
  });

  it("npm run kernel --user goes through `jupyter kernelspec install --user` under another name", () => {
    const dir = mkdtempSync(join(tmpdir(), "fake-jupyter-"));
    const log = join(dir, "args.txt");
    writeFileSync(join(dir, "jupyter"), `#!/bin/sh\necho "$@" > ${log}\nexit 0\n`);
    chmodSync(join(dir, "jupyter"), 0o755);
    const r = spawnSync(process.execPath, [join(root, "dist", "kernel", "install.js"), "--user"], {
      encoding: "utf8",
      env: { PATH: `${dir}:/usr/bin:/bin` },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(log, "utf8")).toMatch(
      /^kernelspec install --user --name attention-from-zero /,
    );
  });
});

describe("node dist/cli/venv.js", () => {
  const venvJs = join(root, "dist", "cli", "venv.js");

  it("node dist/cli/venv.js without a requirements file prints its usage and exits 2", () => {
    const r = spawnSync(process.execPath, [venvJs], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("usage: node dist/cli/venv.js requirements/FILE.txt");
  });

  it("node dist/cli/venv.js without Python 3 says so, exits 1 and makes no .venv/", () => {
    const venv = noVenv();
    const r = spawnSync(process.execPath, [venvJs, "requirements/test.txt"], {
      cwd: root,
      encoding: "utf8",
      env: { PATH: bareBin(), ATTENTION_VENV: venv },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("no `python3` on your PATH");
    expect(existsSync(venv)).toBe(false);
  });
});
