// Finds each exercise's answer cell in a learner's notebook, by its metadata or by its first line.
import { readFileSync } from "node:fs";
import { basename } from "node:path";

/** What the grader needs to know about an exercise (a subset of course/exercise.ts). */
export interface ExerciseRef {
  id: string;
  lesson: string;
  title: string;
  answer: string;
}

export type Found = { id: string; code: string } | { id: string; missing: string };

export interface NotebookAnswers {
  file: string;
  /** The lesson slug, from the notebook's metadata or its file name. */
  lesson: string;
  /** One entry per exercise of the lesson, in order; or a reason the notebook cannot be read. */
  answers: Found[];
  problem?: string;
}

interface RawCell {
  cell_type?: string;
  source?: string | string[];
  metadata?: { attention_from_zero?: { exercise?: string; role?: string } };
}

const text = (source: RawCell["source"]) =>
  Array.isArray(source) ? source.join("") : (source ?? "");
const MARKER = /^\s*\/\/\s*Exercise (\d+\.\d+)\b/;

function lessonOf(
  file: string,
  nb: { metadata?: { attention_from_zero?: { lesson?: string } } },
): string {
  const fromMeta = nb.metadata?.attention_from_zero?.lesson?.match(/([^/\\]+)\.md$/)?.[1];
  return fromMeta ?? basename(file).replace(/(\.mine-[^.]*)?\.ipynb$/, "");
}

/**
 * Reads a notebook without ever writing to it, and returns the code of each exercise's answer
 * cell as the learner left it. A cell whose metadata was lost is still found by its first line
 * ("// Exercise 1.1: …").
 */
export function readAnswers(
  file: string,
  exercisesOf: (lesson: string) => readonly ExerciseRef[],
): NotebookAnswers {
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch (e) {
    return {
      file,
      lesson: "",
      answers: [],
      problem: `cannot read ${file}: ${(e as Error).message}`,
    };
  }
  let nb: { cells?: RawCell[]; metadata?: { attention_from_zero?: { lesson?: string } } };
  try {
    nb = JSON.parse(raw) as typeof nb;
  } catch (e) {
    return {
      file,
      lesson: lessonOf(file, {}),
      answers: [],
      problem: `${file} is not valid JSON (${(e as Error).message}). The file was left as it is; open it in a text editor to repair it, or keep a copy and regenerate it with \`npm run build -- --backup\`.`,
    };
  }
  const lesson = lessonOf(file, nb);
  const cells = Array.isArray(nb.cells) ? nb.cells.filter((c) => c.cell_type === "code") : [];
  const answers: Found[] = exercisesOf(lesson).map((ex) => {
    const byMeta = cells.find(
      (c) =>
        c.metadata?.attention_from_zero?.exercise === ex.id &&
        c.metadata.attention_from_zero.role === "answer",
    );
    const cell = byMeta ?? cells.find((c) => text(c.source).match(MARKER)?.[1] === ex.id);
    if (!cell) {
      return {
        id: ex.id,
        missing: `the answer cell of exercise ${ex.id} (${ex.title}) is missing from ${file}. Add a code cell whose first line is "// Exercise ${ex.id}: ${ex.title}" and that defines ${ex.answer}; the starter is in lessons/${lesson}.md.`,
      };
    }
    return { id: ex.id, code: text(cell.source) };
  });
  return { file, lesson, answers };
}
