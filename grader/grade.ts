// Grades learners' notebooks: each runs as the course kernel runs it, then every exercise's answer name is checked.
import type { Edition } from "../build/translation.js";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { CheckResult, Verdict } from "../course/check.js";
import type { ExerciseInfo as Exercise } from "../course/exercise.js";
import { exerciseList as exercises } from "../course/exercise-list.generated.js";
import { declaredNames, learnerChange } from "../build/ipynb.js";
import { LESSONS, ROOT } from "../build/paths.js";
import { isSkipped } from "../kernel/skip-line.js";
import {
  CACHE,
  closeCompilers,
  compileAhead,
  fingerprint,
  readJson,
  sha,
  writeJson,
} from "./compile-cache.js";
import { missingName } from "./messages.js";
import type { Language } from "../course/language.js";
import { inEdition, type Words, words } from "../course/words.js";
import { type NotebookFile, readNotebook } from "../build/ipynb.js";
import { type NotebookRun, runNotebook } from "./run.js";

export interface ExerciseResult {
  id: string;
  lesson: string;
  title: string;
  file: string;
  verdict: Verdict;
  message: string;
  /** The first hint, for anything not passed. */
  hint?: string;
  /** The edition the notebook speaks, when it is not English. */
  lang?: Edition;
}

export interface GradeOptions {
  /** Time limit per cell and per check, in milliseconds (5 s unless given). */
  timeoutMs?: number;
}

/**
 * What `npm run grade` grades by default: the edition folders (notebooks/, notebooks/zh-TW/) in
 * which the learner has changed a notebook, so that an edition left untouched costs no time;
 * notebooks/ when none is changed yet.
 */
export function defaultNotebookFolders(root = join(ROOT, "notebooks")): string[] {
  const worked = (dir: string) =>
    existsSync(dir) &&
    readdirSync(dir).some(
      (f) => f.endsWith(".ipynb") && learnerChange(readFileSync(join(dir, f), "utf8")) !== null,
    );
  const folders = [root, join(root, "zh-TW")].filter(worked);
  return folders.length > 0 ? folders : [root];
}

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

/** zh-TW when every notebook path given lies in a zh-TW edition folder: grading then speaks it. */
export function editionOf(paths: readonly string[]): Edition | undefined {
  const zh = (p: string) => resolve(p).split(sep).includes("zh-TW");
  return paths.length > 0 && paths.every(zh) ? "zh-TW" : undefined;
}

/** The exercises of a lesson, in order. */
export const exercisesOf = (lesson: string | null): readonly Exercise[] =>
  exercises.filter((e) => e.lesson === lesson);

/** Where the lesson's own cells define a name: "the cell under 'The code'", or null. */
async function definedInLesson(
  lesson: string,
  name: string,
  lang: NotebookFile["lang"],
  w: Words,
): Promise<string | null> {
  try {
    // markdown-it is loaded only for this message, so that grading starts sooner
    const { readLesson } = await import("../build/lesson.js");
    const english = readLesson(join(LESSONS, `${lesson}.md`));
    // the headings are the learner's edition's, so the section is named as their notebook names it
    const { readTranslation } = await import("../build/translation.js");
    const { blocks } = lang
      ? readTranslation(english, join(LESSONS, lang, `${lesson}.md`), lang).lesson
      : english;
    let section: string | null = null; // above every heading
    for (const block of blocks) {
      if (block.kind === "markdown") {
        const heading = [...block.source.matchAll(/^#{1,4}\s+(.+)$/gm)].pop()?.[1];
        if (heading) section = heading.trim();
      } else if (block.kind === "code" && declaredNames(block.source).includes(name)) {
        return w.cellUnder(section);
      }
    }
  } catch {
    // the lesson source is not beside this copy of the course: say less
  }
  return null;
}

/** Whether the last cell that defines the exercise's answer name timed out, threw or did not compile. */
function definingCellFailed(ex: Exercise, nb: NotebookFile, run: NotebookRun): boolean {
  const cell = nb.cells.filter((c) => declaredNames(c.source).includes(ex.answer)).pop();
  if (!cell) return false;
  return run.timedOut.has(cell.index) || (run.cells.get(cell.index)?.kind ?? "ok") !== "ok";
}

/**
 * What to tell the learner when an exercise's answer name was left undefined: which cell should
 * have defined it and what went wrong there, or that no cell defines it any more.
 */
async function explainUndefined(
  ex: Exercise,
  nb: NotebookFile,
  run: NotebookRun,
  timeoutMs: number,
): Promise<CheckResult> {
  const w = words(nb.lang ?? "en");
  const defining = nb.cells.filter((c) => declaredNames(c.source).includes(ex.answer));
  const cell = defining[defining.length - 1];
  if (!cell) {
    return {
      id: ex.id,
      verdict: "error",
      message: w.noCellDefines(ex.answer, ex.id, inEdition(ex, nb.lang).title, nb.file, ex.lesson),
    };
  }
  if (run.timedOut.has(cell.index)) {
    return {
      id: ex.id,
      verdict: "timeout",
      message: w.cellTimedOut(ex.answer, timeoutMs / 1000),
    };
  }
  const report = run.cells.get(cell.index);
  if (report?.error) {
    const lines = [w.cellFailed(ex.answer, report.error)];
    const name = missingName(report.error);
    const where = name && (await definedInLesson(ex.lesson, name, nb.lang, w));
    if (name && where) {
      lines.push(w.definedIn(name, where));
    }
    return { id: ex.id, verdict: "error", message: lines.join("\n") };
  }
  return {
    id: ex.id,
    verdict: "error",
    message: w.cellDidNotRun(ex.answer),
  };
}

/** A pool: runs `work` on every item, `parallel` at a time, results in the items' order. */
async function pool<T, R>(
  items: readonly T[],
  parallel: number,
  work: (t: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(parallel, items.length)) }, async () => {
    while (next < items.length) {
      const k = next++;
      out[k] = await work(items[k] as T);
    }
  });
  await Promise.all(lanes);
  return out;
}

const fingerprints = new Map<string, string>();
const VERDICTS = join(CACHE, "..", "verdicts");

/** The grader's and the kernel's own code: a verdict remembered by another version is not used. */
const graderVersion = (() => {
  let version: string | undefined;
  return () => {
    if (version) return version;
    const parts: string[] = [];
    for (const dir of ["grader", "kernel"]) {
      const full = join(ROOT, "dist", dir);
      for (const f of existsSync(full) ? readdirSync(full).sort() : [])
        if (f.endsWith(".js")) parts.push(f, readFileSync(join(full, f), "utf8"));
    }
    version = sha(parts.join("\0"));
    return version;
  };
})();

/** Grades one notebook: every exercise of its lesson, or one error when it cannot be graded. Never writes to it. */
export async function gradeNotebook(
  file: string,
  options: GradeOptions = {},
): Promise<ExerciseResult[]> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const shown = relative(process.cwd(), file) || file;
  const nb = readNotebook(file, exercises);
  const list = exercisesOf(nb.lesson);
  const lang: Language = nb.lang ?? "en";
  const result = (ex: Exercise, r: Omit<CheckResult, "id">): ExerciseResult => {
    const { title, hints } = inEdition(ex, lang);
    return {
      id: ex.id,
      lesson: ex.lesson,
      title,
      file: shown,
      verdict: r.verdict,
      message: r.message,
      ...(r.verdict !== "pass" && hints[0] ? { hint: hints[0] } : {}),
      ...(nb.lang ? { lang: nb.lang } : {}),
    };
  };
  if (nb.problem) {
    // a notebook unread has no cells to tell its edition: its folder does
    const w = words(nb.lang ?? editionOf([file]) ?? "en");
    const { kind, detail } = nb.problem;
    const message =
      kind === "unreadable"
        ? w.unreadable(shown, detail)
        : kind === "not-json"
          ? w.notJson(shown, detail)
          : w.noLesson(shown);
    if (list.length === 0)
      return [
        {
          id: "?",
          lesson: nb.lesson ?? "",
          title: "",
          file: shown,
          verdict: "error",
          message,
        },
      ];
    return list.map((ex) => result(ex, { verdict: "error", message }));
  }
  if (list.length === 0) return [];
  const folder = dirname(file);
  if (
    !existsSync(join(folder, "course", "notebook.ts")) ||
    !existsSync(join(folder, "src", "index.ts"))
  ) {
    const message = words(lang).cannotRunHere(shown);
    return list.map((ex) => result(ex, { verdict: "error", message }));
  }
  const key = fingerprints.get(folder) ?? fingerprint(folder);
  fingerprints.set(folder, key);
  // the same cells, library and time limit give the same verdicts: a notebook not changed since
  // its last grading is not run again
  const remembered = join(
    VERDICTS,
    `${sha(JSON.stringify([graderVersion(), key, timeoutMs, nb.lesson, nb.cells.map((c) => [c.source, c.section])]))}.json`,
  );
  const known = readJson<CheckResult[]>(remembered);
  if (known && known.length === list.length)
    return list.map((ex, k) => result(ex, known[k] as CheckResult));
  const run = await runNotebook(
    nb,
    list.map((e) => e.id),
    { timeoutMs, fingerprint: key },
  );
  const checked = await Promise.all(
    list.map(async (ex) => {
      const r = run.verdicts.get(ex.id) ?? {
        id: ex.id,
        verdict: "error" as const,
        message: words(lang).neverChecked,
      };
      // an answer left without its value: say what went wrong in the cell that should give it one
      const failedCell = r.verdict !== "pass" && definingCellFailed(ex, nb, run);
      return failedCell || r.message === words(lang).notDefined(ex.answer, ex.id)
        ? explainUndefined(ex, nb, run, timeoutMs)
        : r;
    }),
  );
  // a time limit hit on a busy machine may not be hit again: only verdicts without one are kept
  if (run.timedOut.size === 0 && checked.every((r) => r.verdict !== "timeout"))
    writeJson(remembered, checked);
  return list.map((ex, k) => result(ex, checked[k] as CheckResult));
}

/** Grades every exercise in the given notebooks, a few notebooks at a time. Never writes to them. */
export async function gradeNotebooks(
  paths: readonly string[],
  options: GradeOptions = {},
): Promise<ExerciseResult[]> {
  const files = notebookFiles(paths);
  try {
    const graded = await pool(files, availableParallelism(), (f) => gradeNotebook(f, options));
    return graded.flat();
  } finally {
    closeCompilers();
  }
}

/**
 * Compiles every cell of the given notebooks into the cache with warm compilers kept in this
 * process, so that grading them next compiles nothing: what `--watch` does before each re-grade.
 */
export function compileNotebooks(paths: readonly string[]): void {
  for (const file of notebookFiles(paths)) {
    const nb = readNotebook(file, exercises);
    if (nb.problem || exercisesOf(nb.lesson).length === 0) continue;
    const folder = dirname(file);
    if (!existsSync(join(folder, "course", "notebook.ts"))) continue;
    const key = fingerprints.get(folder) ?? fingerprint(folder);
    fingerprints.set(folder, key);
    const sources = nb.cells.map((c) => c.source).filter((s) => !isSkipped(s));
    compileAhead(folder, key, sources);
  }
}
