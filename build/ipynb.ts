// The one module that reads, writes and finds cells in the course's Jupyter notebooks (nbformat
// 4.5): the build writes with it, the grader and the tests read with it. Reading never throws and
// never writes: a problem comes back as a value that names the file.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { ExerciseInfo } from "../course/exercise.js";
import { unwrap } from "../course/wrap.js";
import type { Edition } from "./translation.js";

/** One output of a code cell, as Jupyter stores it (only the fields the course reads). */
export interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
}

export interface Cell {
  id: string;
  cell_type: "markdown" | "code";
  metadata: Record<string, unknown>;
  source: string[];
  execution_count?: number | null;
  outputs?: Output[];
}

export interface Notebook {
  cells: Cell[];
  metadata: Record<string, unknown>;
  nbformat: 4;
  nbformat_minor: 5;
}

/** What the course writes into a notebook's metadata, under this key. */
export const META = "attention_from_zero";

/** An exercise's two cells, as the build marks them in their metadata. */
export type Role = "answer" | "check";

/**
 * The first line of an exercise's answer cell ("// Exercise 1.1: …", or "// 練習 1.1：…" in the
 * zh-TW edition), which finds it when its metadata is lost.
 */
const ANSWER_LINE = /^\s*\/\/\s*(?:Exercise|練習)\s*(\d+\.\d+)(?![\d.])/;
/** A check cell's source ("check("1.1");"). */
const CHECK_CALL = /^\s*check\(\s*"(\d+\.\d+)"/;

/** A cell's source or an output's text as one string (nbformat allows a string or a list of lines). */
export function text(source: string | string[] | undefined | null): string {
  return Array.isArray(source) ? source.join("") : (source ?? "");
}

/**
 * Splits text into nbformat's list of lines, each keeping its "\n" except the last.
 *
 * @example
 * toLines("a\nb") // returns ["a\n", "b"]
 */
export function toLines(source: string): string[] {
  const parts = source.split("\n");
  return parts.map((p, i) => (i < parts.length - 1 ? `${p}\n` : p)).filter((p) => p !== "");
}

/** A markdown cell with a stable id. */
export function markdownCell(id: string, source: string): Cell {
  return { id, cell_type: "markdown", metadata: {}, source: toLines(source) };
}

/** A code cell with a stable id, not yet run. */
export function codeCell(id: string, source: string, metadata: Record<string, unknown> = {}): Cell {
  return {
    id,
    cell_type: "code",
    execution_count: null,
    metadata,
    outputs: [],
    source: toLines(source),
  };
}

/**
 * Which exercise a cell belongs to and its role: from the cell's metadata, else (when JupyterLab
 * or a copy lost it) from its source's first line; null for any other cell.
 *
 * @example
 * exerciseCell({ cell_type: "code", source: ['check("2.1");'] }) // returns { exercise: "2.1", role: "check" }
 */
export function exerciseCell(cell: {
  cell_type?: unknown;
  metadata?: unknown;
  source?: string | string[];
}): { exercise: string; role: Role } | null {
  if (cell.cell_type !== "code") return null;
  const meta = (
    cell.metadata as Record<string, { exercise?: unknown; role?: unknown }> | undefined
  )?.[META];
  if (typeof meta?.exercise === "string" && (meta.role === "answer" || meta.role === "check"))
    return { exercise: meta.exercise, role: meta.role };
  const source = text(cell.source);
  const answer = source.match(ANSWER_LINE)?.[1];
  if (answer) return { exercise: answer, role: "answer" };
  const check = source.match(CHECK_CALL)?.[1];
  return check ? { exercise: check, role: "check" } : null;
}

export { declaredNames } from "../course/cell-names.js";

/**
 * A hash of what a learner can change: every cell's type and source, in order. Outputs,
 * execution counts and metadata are left out, so running a notebook does not count as a change.
 */
export function sourceHash(nb: { cells?: unknown }): string {
  const cells = Array.isArray(nb.cells)
    ? (nb.cells as { cell_type?: unknown; source?: unknown }[])
    : [];
  const canonical = cells.map((c) => [
    c.cell_type,
    Array.isArray(c.source) ? c.source.join("") : String(c.source ?? ""),
  ]);
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

/** The notebook as Jupyter itself writes it: one-space indent, a final newline. */
export function serialize(nb: Notebook): string {
  return `${JSON.stringify(nb, null, 1)}\n`;
}

/** Why an existing notebook may not be replaced, or null when it is exactly as last generated. */
export function learnerChange(source: string): string | null {
  let nb: { cells?: unknown; metadata?: Record<string, unknown> };
  try {
    nb = JSON.parse(source) as typeof nb;
  } catch {
    return "it is not valid JSON any more (perhaps a save was cut short)";
  }
  const recorded = (nb.metadata?.[META] as { source_sha256?: string } | undefined)?.source_sha256;
  if (!recorded) return "it has no record of being generated";
  return recorded === sourceHash(nb) ? null : "it has been edited since it was generated";
}

/** A notebook's code cell as the grader and the tests read it. */
export interface CodeCell {
  /** Position among the notebook's code cells, from 0. */
  index: number;
  /** The cell's id ("ex-1-1-check"), or "" when the file has none. */
  id: string;
  source: string;
  /** The section heading above the cell, for messages ("the cell under 'The code'"). */
  section: string;
  /** The exercise and role the cell has (see exerciseCell), or null. */
  exercise: { exercise: string; role: Role } | null;
  outputs: Output[];
}

export interface NotebookFile {
  file: string;
  /** The lesson slug ("01-queries-and-keys"), or null when nothing tells. */
  lesson: string | null;
  cells: CodeCell[];
  /** The edition whose words check() speaks in it: "zh-TW" where a cell calls useLanguage("zh-TW"). */
  lang?: Edition;
  /** Why the notebook cannot be graded at all, with the reader's own words (`detail`). */
  problem?: NotebookProblem;
}

/** A notebook that cannot be graded: unreadable, not JSON, or of no lesson that anything tells. */
export interface NotebookProblem {
  kind: "unreadable" | "not-json" | "no-lesson";
  /** The error the file system or the JSON parser gave, if any. */
  detail: string;
}

/**
 * The lesson a notebook belongs to: from its metadata, else from its file name, else from the
 * exercises its cells belong to.
 */
function lessonOf(
  file: string,
  meta: Record<string, unknown> | undefined,
  cells: CodeCell[],
  exercises: readonly ExerciseInfo[],
): string | null {
  const lessons = new Set(exercises.map((e) => e.lesson));
  const recorded = (meta?.[META] as { lesson?: unknown } | undefined)?.lesson;
  const fromMeta = typeof recorded === "string" ? recorded.match(/([^/\\]+)\.md$/)?.[1] : undefined;
  if (fromMeta && lessons.has(fromMeta)) return fromMeta;
  const fromName = basename(file).replace(/(\.mine-[^.]*)?\.ipynb$/, "");
  if (lessons.has(fromName)) return fromName;
  const found = cells
    .map((c) => exercises.find((e) => e.id === c.exercise?.exercise)?.lesson)
    .filter((l): l is string => l !== undefined);
  return found[0] ?? null;
}

/** Reads a notebook's code cells in order, never writing it. Never throws: a problem comes back in `problem`. */
export function readNotebook(file: string, exercises: readonly ExerciseInfo[]): NotebookFile {
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch (e) {
    return {
      file,
      lesson: null,
      cells: [],
      problem: { kind: "unreadable", detail: (e as Error).message },
    };
  }
  let nb: { cells?: Partial<Cell>[]; metadata?: Record<string, unknown> };
  try {
    nb = JSON.parse(raw) as typeof nb;
  } catch (e) {
    return {
      file,
      lesson: lessonOf(file, undefined, [], exercises),
      cells: [],
      problem: { kind: "not-json", detail: (e as Error).message },
    };
  }
  const cells: CodeCell[] = [];
  let section = "the top";
  for (const c of Array.isArray(nb.cells) ? nb.cells : []) {
    const source = text(c.source);
    if (c.cell_type === "markdown") {
      const heading = [...source.matchAll(/^#{1,4}\s+(.+)$/gm)].pop()?.[1];
      if (heading) section = heading.trim();
    } else if (c.cell_type === "code")
      cells.push({
        index: cells.length,
        id: typeof c.id === "string" ? c.id : "",
        source,
        section,
        exercise: exerciseCell(c),
        outputs: Array.isArray(c.outputs) ? c.outputs : [],
      });
  }
  const lesson = lessonOf(file, nb.metadata, cells, exercises);
  if (lesson === null) {
    return {
      file,
      lesson,
      cells,
      problem: { kind: "no-lesson", detail: "" },
    };
  }
  const zh = cells.some((c) => /\buseLanguage\(\s*["']zh-TW["']\s*\)/.test(c.source));
  return { file, lesson, cells, ...(zh ? { lang: "zh-TW" as const } : {}) };
}

/**
 * What each check cell of a run notebook printed, by exercise id, with its lines joined again
 * where check() broke them to fit the page (course/wrap.ts).
 */
export function checkOutputs(nb: NotebookFile): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of nb.cells)
    if (c.exercise?.role === "check")
      out.set(c.exercise.exercise, unwrap(c.outputs.map((o) => text(o.text)).join("")));
  return out;
}
