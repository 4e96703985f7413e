// Reads a learner's notebook for grading, never writing it: its code cells, and which lesson it is.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { ExerciseInfo as Exercise } from "../course/exercise.js";

export interface CodeCell {
  /** Position among the notebook's code cells, from 0. */
  index: number;
  source: string;
  /** The section heading above the cell, for messages ("the cell under 'The code'"). */
  section: string;
}

export interface NotebookFile {
  file: string;
  /** The lesson slug ("01-queries-and-keys"), or null when nothing tells. */
  lesson: string | null;
  cells: CodeCell[];
  /** Why the notebook cannot be graded at all (unreadable, not JSON, no lesson). */
  problem?: string;
}

interface RawCell {
  cell_type?: string;
  source?: string | string[];
}

const text = (source: RawCell["source"]) =>
  Array.isArray(source) ? source.join("") : (source ?? "");
const MARKER = /^\s*\/\/\s*Exercise (\d+\.\d+)\b/;

/**
 * The lesson a notebook belongs to: from its metadata, else from its file name, else from the
 * exercise markers ("// Exercise 1.1: …") its cells start with.
 */
function lessonOf(
  file: string,
  meta: { attention_from_zero?: { lesson?: string } } | undefined,
  cells: CodeCell[],
  exercises: readonly Exercise[],
): string | null {
  const lessons = new Set(exercises.map((e) => e.lesson));
  const fromMeta = meta?.attention_from_zero?.lesson?.match(/([^/\\]+)\.md$/)?.[1];
  if (fromMeta && lessons.has(fromMeta)) return fromMeta;
  const fromName = basename(file).replace(/(\.mine-[^.]*)?\.ipynb$/, "");
  if (lessons.has(fromName)) return fromName;
  const found = cells
    .map((c) => c.source.match(MARKER)?.[1])
    .map((id) => exercises.find((e) => e.id === id)?.lesson)
    .filter((l): l is string => l !== undefined);
  return found[0] ?? null;
}

/** Reads a notebook's code cells in order. Never throws: a problem comes back in `problem`. */
export function readNotebook(file: string, exercises: readonly Exercise[]): NotebookFile {
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch (e) {
    return {
      file,
      lesson: null,
      cells: [],
      problem: `cannot read ${file}: ${(e as Error).message}`,
    };
  }
  let nb: { cells?: RawCell[]; metadata?: { attention_from_zero?: { lesson?: string } } };
  try {
    nb = JSON.parse(raw) as typeof nb;
  } catch (e) {
    return {
      file,
      lesson: lessonOf(file, undefined, [], exercises),
      cells: [],
      problem: `${file} is not valid JSON (${(e as Error).message}). The file was left as it is; open it in a text editor to repair it, or keep a copy and regenerate it with \`npm run build -- --backup\`.`,
    };
  }
  const cells: CodeCell[] = [];
  let section = "the top";
  for (const c of Array.isArray(nb.cells) ? nb.cells : []) {
    const source = text(c.source);
    if (c.cell_type === "markdown") {
      const heading = [...source.matchAll(/^#{1,4}\s+(.+)$/gm)].pop()?.[1];
      if (heading) section = heading.trim();
    } else if (c.cell_type === "code") cells.push({ index: cells.length, source, section });
  }
  const lesson = lessonOf(file, nb.metadata, cells, exercises);
  if (lesson === null) {
    return {
      file,
      lesson,
      cells,
      problem: `cannot tell which lesson ${file} belongs to: its metadata names none, its file name is not a lesson's, and no cell starts with an exercise's first line ("// Exercise 1.1: …"). Rename it after its lesson (e.g. 01-queries-and-keys.ipynb) to grade it.`,
    };
  }
  return { file, lesson, cells };
}
