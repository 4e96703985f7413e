// The grading run that `npm run grade` starts: one vitest test per exercise of the learner's notebooks.
import { writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { relative } from "node:path";
import { afterAll, describe, it } from "vitest";
import { exerciseList as exercises } from "../course/exercise-list.generated.js";
import { closeCompilers } from "./compile-cache.js";
import {
  defaultNotebookFolders,
  type ExerciseResult,
  exercisesOf,
  gradeNotebook,
  notebookFiles,
} from "./grade.js";
import { readNotebook } from "../build/ipynb.js";
import { jsonReport } from "./report.js";

declare module "vitest" {
  interface TaskMeta {
    grade?: ExerciseResult;
  }
}

const paths: string[] = process.env.GRADE_PATHS
  ? (JSON.parse(process.env.GRADE_PATHS) as string[])
  : defaultNotebookFolders();
const timeoutMs = Number(process.env.GRADE_TIMEOUT_MS ?? 5000);

/** Each notebook is run once, on the first test that asks for it, a few notebooks at a time. */
const runs = new Map<string, Promise<ExerciseResult[]>>();
let running = 0;
const waiting: (() => void)[] = [];
async function graded(file: string): Promise<ExerciseResult[]> {
  let run = runs.get(file);
  if (!run) {
    run = (async () => {
      if (running >= availableParallelism()) await new Promise<void>((r) => waiting.push(r));
      running++;
      try {
        return await gradeNotebook(file, { timeoutMs });
      } finally {
        running--;
        waiting.shift()?.();
      }
    })();
    runs.set(file, run);
  }
  return run;
}

const reported: ExerciseResult[] = [];
const files = notebookFiles(paths);

if (files.length === 0) {
  it("finds notebooks to grade", ({ expect }) => {
    expect.fail(`no notebooks (*.ipynb) in ${paths.join(", ")}`);
  });
}

describe.concurrent("notebooks", () => {
  for (const file of files) {
    const shown = relative(process.cwd(), file) || file;
    // only which lesson the notebook is, to name its tests; running it is the tests' work
    const nb = readNotebook(file, exercises);
    const list = exercisesOf(nb.lesson);
    describe(shown, () => {
      if (list.length === 0) {
        it("can be graded", async ({ task, expect }) => {
          const [r] = await graded(file);
          if (r) {
            task.meta.grade = r;
            reported.push(r);
          }
          expect(r?.verdict, r?.message).toBe("pass");
        });
      }
      for (const ex of list) {
        it(`${ex.id} ${ex.title}`, async ({ task, expect }) => {
          const r = (await graded(file)).find((x) => x.id === ex.id) as ExerciseResult;
          task.meta.grade = r;
          reported.push(r);
          expect(r.verdict, `${r.verdict}: ${r.message}`).toBe("pass");
        });
      }
    });
  }
});

afterAll(() => {
  closeCompilers();
  const order = new Map(files.map((f, k) => [relative(process.cwd(), f) || f, k]));
  reported.sort(
    (a, b) =>
      (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) ||
      a.id.localeCompare(b.id, "en", { numeric: true }),
  );
  if (process.env.GRADE_REPORT) writeFileSync(process.env.GRADE_REPORT, jsonReport(reported));
});
