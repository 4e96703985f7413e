// Grades learners' notebooks: each runs as the course kernel runs it, then every exercise's answer name is checked.
import type { Edition } from "../build/translation.js";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import type { CheckResult, Verdict } from "../course/check.js";
import type { ExerciseInfo as Exercise } from "../course/exercise.js";
import { exerciseList as exercises } from "../course/exercise-list.generated.js";
import { declaredNames, learnerChange } from "../build/ipynb.js";
import { LESSONS, ROOT } from "../build/paths.js";
import { isSkipped } from "../kernel/skip-line.js";
import { closeCompilers, compileAhead, fingerprint, warmCompiler } from "./compile-cache.js";
import { closeSandbox, type Sandbox, sandboxFor, scratchRoot } from "./sandbox-process.js";
import { buildCompilerSnapshot, sandboxSnapshot } from "./snapshot.js";
import {
  answerCell,
  COURSE_FOLDER,
  courseKey,
  NotebookSession,
  type NotebookRun,
} from "./session.js";
import { recall, remember, verdictKey, type Verdicts } from "./verdict-memory.js";
import { missingName } from "./messages.js";
import { inEdition, type Words, words } from "../course/words.js";
import { type NotebookFile, readNotebook } from "../build/ipynb.js";

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
  /** In a class: the learner, the name of their folder. */
  learner?: string;
}

export interface GradeOptions {
  /** Time limit per cell and per check, in milliseconds (5 s unless given). */
  timeoutMs?: number;
  /** The folder files are named relative to in results (the working folder unless given). */
  base?: string;
  /**
   * Remembered verdicts: "use" gives a notebook unchanged since its last grading (and the course's
   * code and the grader too) its verdicts without running it, and remembers new ones (`npm run
   * grade`); "renew" runs every notebook and remembers its verdicts anew (`--again`); unset, none.
   */
  remember?: "use" | "renew";
  /** The learner the notebook is from, for the remembered verdicts ("you" unless given). */
  learner?: string;
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
    const lines = [w.cellFailed(ex.answer, report.error, report.note)];
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

/** A pool: runs `work` on every item, `parallel` at a time (`lane` says which), results in the items' order. */
export async function pool<T, R>(
  items: readonly T[],
  parallel: number,
  work: (t: T, lane: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from(
    { length: Math.max(1, Math.min(parallel, items.length)) },
    async (_, lane) => {
      while (next < items.length) {
        const k = next++;
        out[k] = await work(items[k] as T, lane);
      }
    },
  );
  await Promise.all(lanes);
  return out;
}

/** The learner's answer to one exercise, as the notebook's run left it right after its answer cell. */
export interface Answer {
  readonly id: string;
  /** The verdict check() prints there, with what went wrong in the cell that should define it. */
  judge(): Promise<ExerciseResult>;
}

/**
 * One notebook's grading: its exercises, each answered in turn (`answerTo`) in a run that goes
 * only as far as that exercise's answer cell. A notebook that cannot be graded answers every
 * exercise with the reason.
 */
export class NotebookGrading {
  readonly nb: NotebookFile;
  /** The exercises of its lesson, in order. */
  readonly list: readonly Exercise[];
  readonly shown: string;
  private readonly session: NotebookSession | null;
  private readonly problem: string | null = null;
  private readonly timeoutMs: number;
  /** Where its verdicts are remembered (null: not asked to), and what is remembered there. */
  private readonly memory: { key: string; recalled: Verdicts | null } | null = null;
  /** The verdicts given in this run, to remember once every exercise has one. */
  private readonly judged: Verdicts = new Map();

  constructor(
    readonly file: string,
    sandbox: Sandbox,
    options: GradeOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.shown = relative(options.base ?? process.cwd(), file) || file;
    this.nb = readNotebook(file, exercises);
    this.list = exercisesOf(this.nb.lesson);
    if (this.nb.problem) {
      // a notebook unread has no cells to tell its edition: its folder does
      const w = words(this.nb.lang ?? editionOf([file]) ?? "en");
      const { kind, detail } = this.nb.problem;
      this.problem =
        kind === "unreadable"
          ? w.unreadable(this.shown, detail)
          : kind === "not-json"
            ? w.notJson(this.shown, detail)
            : w.noLesson(this.shown);
    }
    this.session = this.problem ? null : new NotebookSession(this.nb, sandbox, this.timeoutMs);
    if (options.remember && !this.problem) {
      const key = verdictKey(this.nb, {
        course: courseKey(),
        learner: options.learner ?? "you",
        timeoutMs: this.timeoutMs,
      });
      this.memory = { key, recalled: options.remember === "use" ? recall(key) : null };
    }
  }

  /** Whether every exercise's verdict is remembered: the notebook need not run. */
  get remembered(): boolean {
    const recalled = this.memory?.recalled;
    return Boolean(recalled && this.list.every((e) => recalled.has(e.id)));
  }

  /**
   * Keeps a verdict given in this run; once every exercise has one, remembers them all, unless the
   * run depended on the machine's speed (a time-out) or its process ended.
   */
  private keep(r: ExerciseResult): void {
    this.judged.set(r.id, r);
    const run = this.session?.run;
    if (!this.memory || !run || this.judged.size < this.list.length) return;
    const results = [...this.judged.values()];
    if (run.timedOut.size > 0 || run.ended.size > 0) return;
    if (results.some((x) => x.verdict === "timeout")) return;
    remember(this.memory.key, results);
  }

  /** The result of a notebook that is not one of the course's: one error, for want of exercises. */
  unknown(): ExerciseResult {
    return {
      id: "?",
      lesson: this.nb.lesson ?? "",
      title: "",
      file: this.shown,
      verdict: "error",
      message: this.problem ?? words().noLesson(this.shown),
    };
  }

  private result(ex: Exercise, r: Omit<CheckResult, "id">): ExerciseResult {
    const { title, hints } = inEdition(ex, this.nb.lang ?? "en");
    return {
      id: ex.id,
      lesson: ex.lesson,
      title,
      file: this.shown,
      verdict: r.verdict,
      message: r.message,
      // the hint about the mistake named, as check() shows it; else the exercise's first
      ...(r.verdict !== "pass" && (r.hint ?? hints[0])
        ? { hint: r.verdict === "todo" ? hints[0] : (r.hint ?? hints[0]) }
        : {}),
      ...(this.nb.lang ? { lang: this.nb.lang } : {}),
    };
  }

  /** Runs the notebook as far as exercise `id`'s answer cell, and gives the answer there. */
  async answerTo(id: string): Promise<Answer> {
    const ex = this.list.find((e) => e.id === id);
    if (!ex) throw new Error(`exercise ${id} is not one of ${this.shown}'s`);
    const session = this.session;
    if (!session || this.problem) {
      const message = this.problem ?? "";
      const r = this.result(ex, { verdict: "error", message });
      return { id, judge: async () => r };
    }
    const recalled = this.remembered ? this.memory?.recalled?.get(id) : undefined;
    if (recalled) {
      const r = { ...recalled, file: this.shown };
      return { id, judge: async () => r };
    }
    await session.runTo(answerCell(ex, this.nb));
    let judged: Promise<ExerciseResult> | undefined;
    return {
      id,
      judge: () =>
        (judged ??= (async () => {
          const r = await session.verdict(id);
          const w = words(this.nb.lang ?? "en");
          // an answer left without its value: say what went wrong in the cell that should give it one
          const failedCell = r.verdict !== "pass" && definingCellFailed(ex, this.nb, session.run);
          const checked =
            failedCell || r.message === w.notDefined(ex.answer, ex.id)
              ? await explainUndefined(ex, this.nb, session.run, this.timeoutMs)
              : r;
          const result = this.result(ex, checked);
          this.keep(result);
          return result;
        })()),
    };
  }
}

/**
 * Grades one notebook (in `sandbox`, else in this process's own): every exercise of its lesson,
 * in order. Never writes to it.
 */
export async function gradeNotebook(
  file: string,
  options: GradeOptions = {},
  sandbox: Sandbox = sandboxFor(join(scratchRoot(), "one")),
): Promise<ExerciseResult[]> {
  const g = new NotebookGrading(file, sandbox, options);
  if (g.list.length === 0) return g.nb.problem ? [g.unknown()] : [];
  const out: ExerciseResult[] = [];
  for (const ex of g.list) out.push(await (await g.answerTo(ex.id)).judge());
  return out;
}

/** Grades every exercise in the given notebooks, a few at a time, each lane in its own sandbox. */
export async function gradeNotebooks(
  paths: readonly string[],
  options: GradeOptions = {},
): Promise<ExerciseResult[]> {
  const files = notebookFiles(paths);
  const lanes = Array.from({ length: availableParallelism() }, (_, k) =>
    sandboxFor(join(scratchRoot(), `lane-${k}`)),
  );
  try {
    const graded = await pool(files, lanes.length, (f, lane) =>
      gradeNotebook(f, options, lanes[lane] as Sandbox),
    );
    return graded.flat();
  } finally {
    for (const s of lanes) closeSandbox(s);
    closeCompilers();
  }
}

/**
 * Compiles every cell of the given notebooks into the cache with warm compilers kept in this
 * process, so that grading them next compiles nothing: what `--watch` does before each re-grade.
 */
export function compileNotebooks(paths: readonly string[]): void {
  for (const sources of gradedSources(paths))
    compileAhead(COURSE_FOLDER, fingerprint(COURSE_FOLDER), sources);
}

/** The cells the grader compiles of each course notebook among `paths`. */
function gradedSources(paths: readonly string[]): string[][] {
  const out: string[][] = [];
  for (const file of notebookFiles(paths)) {
    const nb = readNotebook(file, exercises);
    if (nb.problem || exercisesOf(nb.lesson).length === 0) continue;
    out.push(nb.cells.map((c) => c.source).filter((s) => !isSkipped(s)));
  }
  return out;
}

/**
 * Readies this process's compiler with the first cell of the first course notebook among `paths`
 * (a second or so), so that a cell changed later compiles in a fraction of that: what `--watch`
 * does once its first grading is printed.
 */
export function warmNotebookCompiler(paths: readonly string[]): void {
  const first = gradedSources(paths)[0]?.[0];
  if (first !== undefined) warmCompiler(COURSE_FOLDER, first);
}

/**
 * Builds the startup snapshots grading starts from, unless built: the sandbox's, and the
 * compiler's, readied with the first cell of the first course notebook among `paths`. True when
 * both are there (each one that cannot be built says why).
 */
export function buildGradingSnapshots(paths: readonly string[]): boolean {
  const sandbox = sandboxSnapshot() !== null;
  const first = gradedSources(paths)[0]?.[0];
  return (
    sandbox &&
    first !== undefined &&
    buildCompilerSnapshot(COURSE_FOLDER, fingerprint(COURSE_FOLDER), first)
  );
}
