// Makes the project's own Python environment (.venv/) from a pinned requirements file, never
// touching the user's global Python. `npm start` uses it for JupyterLab; CI can run
// `node dist/cli/venv.js requirements/test.txt` for the test packages.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT } from "../build/paths.js";
import { venvBin, VENV } from "./python.js";

/**
 * The oldest Python the pinned requirements install on: JupyterLab 4 itself needs 3.9, but the
 * pinned ipython 9 needs 3.11 and soupsieve 4.1 needs 3.11.5 (Debian 12's Python is 3.11.2).
 */
export const MIN_PYTHON: Version = [3, 11, 5];

export type Version = readonly [number, number, number];

export interface FoundPython {
  command: string;
  version: Version;
}

/** The first Python 3 on PATH (python3, then python; on Windows also `py -3`) and its version. */
export function findPython(): FoundPython | null {
  const candidates = process.platform === "win32" ? ["python", "python3"] : ["python3", "python"];
  for (const command of candidates) {
    const r = spawnSync(command, ["-c", "import sys; print(*sys.version_info[:3])"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    if (r.error || r.status !== 0) continue;
    const [major = 0, minor = 0, micro = 0] = r.stdout.trim().split(" ").map(Number);
    if (major === 3) return { command, version: [major, minor, micro] };
  }
  return null;
}

/** Whether a Python version is at least MIN_PYTHON. */
export function oldEnough(version: Version): boolean {
  for (let i = 0; i < 3; i++) if (version[i] !== MIN_PYTHON[i]) return version[i]! > MIN_PYTHON[i]!;
  return true;
}

/** What to tell a learner whose machine has no usable Python 3; nothing has been changed. */
export function noPythonMessage(found: FoundPython | null): string {
  const want = `Python ${MIN_PYTHON.join(".")} or newer`;
  return [
    found
      ? `JupyterLab needs ${want}, but \`${found.command}\` is Python ${found.version.join(".")}.`
      : `JupyterLab needs ${want}, and there is no \`python3\` on your PATH.`,
    "Install Python 3.12 or newer (https://www.python.org/downloads/, or with your system's",
    "package manager, with its venv module), make it the `python3` on your PATH, then run `npm start` again.",
    "Nothing was changed.",
  ].join("\n");
}

export type VenvResult = { ok: true; created: boolean } | { ok: false; message: string };

/**
 * Makes sure `venv` exists and holds the packages pinned in `requirements`: creates it with
 * `python3 -m venv` if it is missing, then lets pip install what is not there yet, showing pip's
 * own progress. A virtual environment this call created is removed again if it cannot be set up.
 */
export function ensureVenv(requirements: string, venv = VENV): VenvResult {
  const python = join(venvBin(venv), process.platform === "win32" ? "python.exe" : "python");
  let created = false;
  if (!existsSync(python)) {
    const found = findPython();
    if (!found || !oldEnough(found.version)) return { ok: false, message: noPythonMessage(found) };
    console.log(
      `Creating a Python environment for the course in ${relative(ROOT, venv) || venv}/ ` +
        `(with ${found.command}, Python ${found.version.join(".")}; your own Python is left as it is).`,
    );
    const made = spawnSync(found.command, ["-m", "venv", venv], { stdio: "inherit" });
    if (made.error || made.status !== 0 || !existsSync(python)) {
      rmSync(venv, { recursive: true, force: true });
      return {
        ok: false,
        message: [
          `\`${found.command} -m venv\` could not create ${venv}.`,
          "On Debian/Ubuntu install the venv module: `sudo apt-get install python3-venv`, then run `npm start` again.",
        ].join("\n"),
      };
    }
    created = true;
  }
  // JupyterLab runs a small CommonJS script with node at start-up; inside this project, whose
  // package.json says "type": "module", it would fail with a long error. This marks .venv/ as
  // CommonJS, as node expects.
  writeFileSync(join(venv, "package.json"), '{ "type": "commonjs" }\n');
  const pip = spawnSync(
    python,
    ["-m", "pip", "install", "--disable-pip-version-check", "-r", requirements],
    { stdio: "inherit" },
  );
  if (pip.error || pip.status !== 0) {
    if (created) rmSync(venv, { recursive: true, force: true });
    return {
      ok: false,
      message: [
        `pip could not install ${relative(ROOT, requirements) || requirements} (see its message above).`,
        "If it could not reach https://pypi.org, check your internet connection, then run the command again.",
      ].join("\n"),
    };
  }
  return { ok: true, created };
}

function main(argv: string[]): number {
  const file = argv[0];
  if (!file) {
    console.error("usage: node dist/cli/venv.js requirements/FILE.txt");
    return 2;
  }
  const r = ensureVenv(join(process.cwd(), file));
  if (!r.ok) console.error(r.message);
  return r.ok ? 0 : 1;
}

if (process.argv[1]?.endsWith(join("cli", "venv.js")))
  process.exitCode = main(process.argv.slice(2));
