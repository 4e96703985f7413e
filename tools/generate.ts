// Generates every notebook and the exercise registry from lessons/*.md, in memory.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { type ExerciseSpec, type Lesson, LessonError, readLesson } from "./lesson.js";
import { buildNotebook, type Notebook, serialize } from "./notebook.js";
import { LESSONS } from "./paths.js";
import { prelude } from "./prelude.js";
import { listSource, registrySource } from "./registry.js";

/** Every lesson file in order, parsed; exercise ids are checked to be unique across lessons. */
export function readLessons(dir = LESSONS): Lesson[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d\d-.*\.md$/.test(f))
    .sort();
  const lessons = files.map((f) => readLesson(join(dir, f)));
  const seen = new Map<string, string>();
  for (const lesson of lessons) {
    for (const e of lesson.exercises) {
      const other = seen.get(e.id);
      if (other)
        throw new LessonError(`exercise ${e.id} is defined in both ${other} and ${lesson.file}`);
      seen.set(e.id, lesson.file);
    }
  }
  return lessons;
}

export interface Generated {
  lessons: Lesson[];
  /** notebooks/<slug>.ipynb → its text */
  notebooks: Map<string, string>;
  registry: string;
  /** course/exercise-list.generated.ts */
  list: string;
}

export function generate(
  options: { solved?: boolean; dir?: string; answerFor?: (spec: ExerciseSpec) => string } = {},
): Generated {
  const lessons = readLessons(options.dir);
  const text = prelude();
  const notebooks = new Map<string, string>();
  for (const lesson of lessons) {
    const nb: Notebook = buildNotebook(lesson, text, {
      solved: options.solved ?? false,
      ...(options.answerFor ? { answerFor: options.answerFor } : {}),
    });
    notebooks.set(`${lesson.slug}.ipynb`, serialize(nb));
  }
  const all = lessons.flatMap((l) => l.exercises);
  return { lessons, notebooks, registry: registrySource(all), list: listSource(all) };
}
