// Grades learners' notebooks: reads each exercise's answer, type-checks it, runs it in isolation, checks it.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Verdict } from "../course/check.js";
import { exercises } from "../course/exercises.generated.js";
import { compileAnswers } from "./compile.js";
import { type ExerciseRef, readAnswers } from "./extract.js";
import { runAll } from "./sandbox.js";

export interface ExerciseResult {
  id: string;
  lesson: string;
  title: string;
  file: string;
  verdict: Verdict;
  message: string;
  /** The first hint, for anything not passed. */
  hint?: string;
}

export interface GradeOptions {
  /** The project folder (with dist/ built). */
  root: string;
  /** Time limit per exercise, in milliseconds. */
  timeoutMs?: number;
}

const exercisesOf = (lesson: string): readonly ExerciseRef[] =>
  exercises.filter((e) => e.lesson === lesson);

/** The notebooks to grade: files as given, and every *.ipynb directly inside a folder (not backups). */
export function notebookFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const full = resolve(p);
    if (!existsSync(full)) throw new Error(`${p}: no such file or folder`);
    if (statSync(full).isDirectory()) {
      for (const f of readdirSync(full).sort()) {
        if (f.endsWith(".ipynb") && !f.includes(".mine-")) out.push(join(full, f));
      }
    } else out.push(full);
  }
  return out;
}

/** Grades every exercise in the given notebooks. Never writes to them. */
export async function gradeNotebooks(
  paths: readonly string[],
  options: GradeOptions,
): Promise<ExerciseResult[]> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const results: ExerciseResult[] = [];
  const toRun: { result: ExerciseResult; code: string; ex: ExerciseRef }[] = [];
  for (const file of notebookFiles(paths)) {
    const shown = relative(process.cwd(), file) || file;
    const nb = readAnswers(file, exercisesOf);
    const list = exercisesOf(nb.lesson);
    if (list.length === 0 && !nb.problem) continue; // a notebook without exercises
    for (const ex of list) {
      const result: ExerciseResult = {
        id: ex.id,
        lesson: nb.lesson,
        title: ex.title,
        file: shown,
        verdict: "error",
        message: "",
      };
      results.push(result);
      const found = nb.answers.find((a) => a.id === ex.id);
      if (nb.problem || !found)
        result.message = nb.problem ?? `exercise ${ex.id} could not be read`;
      else if ("missing" in found) result.message = found.missing;
      else toRun.push({ result, code: found.code, ex });
    }
    if (list.length === 0 && nb.problem) {
      results.push({
        id: "?",
        lesson: nb.lesson,
        title: "",
        file: shown,
        verdict: "error",
        message: nb.problem,
      });
    }
  }
  const compiled = compileAnswers(
    options.root,
    toRun.map(({ ex, code }) => ({ ex, code })),
  );
  const jobs: { k: number; id: string; js: string }[] = [];
  compiled.forEach((c, k) => {
    const item = toRun[k];
    if (!item) return;
    if (c.error !== undefined) item.result.message = c.error;
    else jobs.push({ k, id: c.id, js: c.js ?? "" });
  });
  const checked = await runAll(options.root, jobs, timeoutMs);
  jobs.forEach((job, n) => {
    const r = checked[n];
    const item = toRun[job.k];
    if (!item || !r) return;
    item.result.verdict = r.verdict;
    item.result.message = r.message;
  });
  for (const r of results) {
    if (r.verdict !== "pass") {
      const hint = exercises.find((e) => e.id === r.id)?.hints[0];
      if (hint) r.hint = hint;
    }
  }
  return results;
}
