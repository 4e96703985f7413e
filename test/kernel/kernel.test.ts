// The course kernel under Jupyter: jupyter_kernel_test's suite, an nbclient-executed notebook and heavy use
// over ZeroMQ and through a Jupyter server, run by Python.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { JUPYTER, PYTHON } from "../../cli/python.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const hasJupyter = existsSync(JUPYTER) && existsSync(PYTHON);

if (!hasJupyter) {
  const why =
    "kernel tests need .venv/ with jupyter_kernel_test (pip install -r requirements/test.txt)";
  // In CI a missing Jupyter is a broken setup, not a reason to skip.
  if (process.env.CI) throw new Error(`${why}; CI is set, so this fails instead of skipping`);
  console.warn(`skipping: ${why}`);
}

function runPython(script: string): void {
  const run = spawnSync(PYTHON, [path.join("test", "kernel", script)], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 240_000,
  });
  // unittest reports on stderr; show it all when something failed.
  expect(run.status, `${script} failed:\n${run.stderr}\n${run.stdout}`).toBe(0);
}

describe.skipIf(!hasJupyter)("course kernel", () => {
  beforeAll(() => {
    execFileSync("npm", ["run", "compile"], { cwd: ROOT, stdio: "pipe" });
  }, 120_000);

  it.each([
    ["test_course_kernel.py", "passes jupyter_kernel_test's suite"],
    ["test_notebook.py", "nbclient keeps counts, rich matrices and ename/evalue"],
    ["test_heavy_use.py", "floods, big results, interrupts, emoji, late errors over ZeroMQ"],
    ["test_heavy_use_server.py", "the same through a Jupyter server and its rate limits"],
  ])("python %s: %s", (script) => runPython(script), 240_000);
});
