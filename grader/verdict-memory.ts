// Remembers a notebook's verdicts, so that grading it again unchanged, against the same course and grader, runs nothing.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";
import type { NotebookFile } from "../build/ipynb.js";
import { ROOT } from "../build/paths.js";
import { CACHES, touch } from "./cache-pruning.js";
import { readJson, sha, writeJson } from "./compile-cache.js";
import type { ExerciseResult } from "./grade.js";

/** Where verdicts are kept: beside the compiled cells, so a fresh install starts empty. */
export const VERDICTS = join(CACHES, "verdicts");

/** The compiled code that runs a notebook and words its verdicts, and the lessons it quotes. */
const GRADER_FILES = ["dist/grader", "dist/course", "dist/kernel", "dist/build", "lessons"];

/** Every file below `dir` with one of the endings, sorted, with its text. */
function texts(dir: string, endings: readonly string[]): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    const stat = statSync(full, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory()) out.push(...texts(full, endings));
    else if (endings.some((e) => name.endsWith(e)))
      out.push(`${full}\n${readFileSync(full, "utf8")}`);
  }
  return out;
}

let graderKey: string | undefined;
/** The fingerprint of the grader's own compiled code and the lessons, once per process. */
export function graderFingerprint(): string {
  graderKey ??= sha(GRADER_FILES.flatMap((d) => texts(join(ROOT, d), [".js", ".md"])).join("\n\0"));
  return graderKey;
}

/** What a notebook's verdicts depend on, besides its cells: who it is from and how it is graded. */
export interface VerdictContext {
  /** The fingerprint of the course's code as the cells compile it (compile-cache's `fingerprint`). */
  course: string;
  /** The learner (a notebook can change its own learner's later notebooks, never another's). */
  learner: string;
  timeoutMs: number;
}

/**
 * The key of a notebook's verdicts: its cells as graded (sources, metadata, lesson, edition), where
 * it lies, its learner, the time limit, the course's code and the grader's. Any change to one of
 * them is another key, so a changed answer is always graded again.
 */
export function verdictKey(nb: NotebookFile, context: VerdictContext): string {
  const { lesson, lang, cells } = nb;
  return sha(
    JSON.stringify({
      file: realpathSync(nb.file),
      lesson,
      lang: lang ?? null,
      // what the cells printed last time is not graded: a notebook run again in Jupyter is unchanged
      cells: cells.map(({ outputs: _, ...cell }) => cell),
      ...context,
      grader: graderFingerprint(),
    }),
  );
}

/** A notebook's verdicts as remembered: exercise id → result (its `file` named again when recalled). */
export type Verdicts = Map<string, ExerciseResult>;

const fileOf = (key: string) => join(VERDICTS, key.slice(0, 2), `${key}.json`);

/** The verdicts remembered under `key`, or null. */
export function recall(key: string): Verdicts | null {
  const saved = readJson<ExerciseResult[]>(fileOf(key));
  if (!Array.isArray(saved)) return null;
  touch(fileOf(key));
  return new Map(saved.map((r) => [r.id, r]));
}

/** Remembers a notebook's verdicts under `key` (written whole or not at all). */
export function remember(key: string, results: readonly ExerciseResult[]): void {
  try {
    writeJson(fileOf(key), results);
  } catch {
    // only a saving for next time: grading goes on without it
  }
}
