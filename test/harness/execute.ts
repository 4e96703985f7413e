// Runs the notebooks generated from the lessons through a real Jupyter kernel (for the tests and CI).
import type { Edition } from "../../build/translation.js";
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { generate } from "../../build/generate.js";
import {
  defaultChoice,
  type KernelChoice,
  NOTEBOOK_KERNEL,
  writeKernelSpec,
} from "../../kernel/spec.js";
import type { ExerciseSpec } from "../../build/lesson.js";
import { ROOT } from "../../build/paths.js";
import { PYTHON } from "../../cli/python.js";
import { writeNotebookFolder } from "../../build/workspace.js";

export { JUPYTER, PYTHON } from "../../cli/python.js";

export interface RunResult {
  notebook: string;
  ok: boolean;
  cells: number;
  seconds: number;
  cell?: number;
  cell_id?: string;
  error?: string;
  source?: string;
}

export interface Run {
  /** The folder holding notebooks/ (inputs), executed/ (outputs) and jupyter/ (the kernelspec). */
  dir: string;
  results: RunResult[];
  /** What the runner printed on stderr, for diagnosing a failed start. */
  stderr: string;
}

/** Whether Jupyter with nbclient is installed where the runner looks for it. */
export function jupyterAvailable(): boolean {
  if (!existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ["-c", "import nbclient, nbformat"], { stdio: "ignore" }).status === 0;
}

/**
 * Writes the notebooks of every lesson (starters, or with the reference solutions filled in) to
 * artifacts/run/<name>/notebooks, executes them all on the chosen kernel, and returns the results.
 * Learners' own notebooks in notebooks/ are never touched.
 */
export type Variant = "starter" | "solved" | "wrong";

const ANSWERS: Record<Variant, (s: ExerciseSpec) => string> = {
  starter: (s) => s.starter,
  solved: (s) => s.solution,
  wrong: (s) => s.wrong[0]?.code ?? s.solution,
};

export function runLessons(options: {
  /** Which answers fill the answer cells: a variant, or any answer for each exercise. */
  variant: Variant | { name: string; answerFor: (s: ExerciseSpec) => string };
  kernel: KernelChoice;
  only?: readonly string[];
  /** A prefix for the run's folder, so that separate runs do not share one. */
  tag?: string;
  /** The edition to run: the English notebooks unless given. */
  lang?: Edition;
}): Run {
  const variant = typeof options.variant === "string" ? options.variant : options.variant.name;
  const answerFor =
    typeof options.variant === "string" ? ANSWERS[options.variant] : options.variant.answerFor;
  const name = `${options.tag ? `${options.tag}-` : ""}${options.lang ? `${options.lang}-` : ""}${options.kernel}-${variant}`;
  const dir = join(ROOT, "artifacts", "run", name);
  rmSync(dir, { recursive: true, force: true });
  const prefix = options.lang ? `${options.lang}/` : "";
  const chosen = [...generate({ answerFor }).notebooks]
    .filter(([file]) => (prefix ? file.startsWith(prefix) : !file.includes("/")))
    .map(([file, text]): [string, string] => [file.slice(prefix.length), text])
    .filter(([file]) => !options.only || options.only.some((o) => file.startsWith(o)));
  const files = writeNotebookFolder(join(dir, "notebooks"), chosen);
  writeKernelSpec(join(dir, "jupyter"), NOTEBOOK_KERNEL, options.kernel);
  const r = spawnSync(
    PYTHON,
    [
      join(ROOT, "test", "harness", "run_notebooks.py"),
      "--kernel",
      NOTEBOOK_KERNEL,
      "--out",
      join(dir, "executed"),
      ...files,
    ],
    {
      encoding: "utf8",
      env: { ...process.env, JUPYTER_PATH: join(dir, "jupyter") },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const results = (r.stdout ?? "")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as RunResult);
  return { dir, results, stderr: r.stderr ?? "" };
}

function main(argv: string[]): number {
  const kernel: KernelChoice = argv.includes("--stock") ? "stock" : defaultChoice();
  // "5" and "05" both mean lesson 05
  const only = argv.filter((a) => !a.startsWith("--")).map((a) => (/^\d$/.test(a) ? `0${a}` : a));
  const variant: Variant = argv.includes("--solved")
    ? "solved"
    : argv.includes("--wrong")
      ? "wrong"
      : "starter";
  const lang = argv.includes("--zh-TW") ? ("zh-TW" as const) : undefined;
  const run = runLessons({
    variant,
    kernel,
    ...(only.length ? { only } : {}),
    ...(lang ? { lang } : {}),
  });
  for (const r of run.results) {
    console.log(
      r.ok
        ? `ok    ${r.notebook} (${r.seconds} s)`
        : `FAIL  ${r.notebook} cell ${r.cell} (${r.cell_id}): ${r.error}`,
    );
  }
  if (run.results.length === 0) console.error(run.stderr);
  return run.results.length > 0 && run.results.every((r) => r.ok) ? 0 : 1;
}

if (process.argv[1]?.endsWith(join("harness", "execute.js")))
  process.exitCode = main(process.argv.slice(2));
