// The grading run that `npm run grade` starts: one vitest test per exercise of the learner's notebooks.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, it } from "vitest";
import { type ExerciseResult, gradeNotebooks } from "./grade.js";
import { jsonReport } from "./report.js";

declare module "vitest" {
  interface TaskMeta {
    grade?: ExerciseResult;
  }
}

const root = join(import.meta.dirname, "..");
const paths: string[] = process.env.GRADE_PATHS
  ? (JSON.parse(process.env.GRADE_PATHS) as string[])
  : [join(root, "notebooks")];
const timeoutMs = Number(process.env.GRADE_TIMEOUT_MS ?? 5000);

/** A failed exercise: its message is the whole story, so no stack trace is shown with it. */
class NotPassed extends Error {
  override name = "NotPassed";
}

const results = await gradeNotebooks(paths, { root, timeoutMs });

if (results.length === 0) {
  it("finds exercises to grade", () => {
    throw new NotPassed(`no course exercises found in ${paths.join(", ")}`);
  });
}

for (const lesson of [...new Set(results.map((r) => r.lesson))]) {
  describe(lesson, () => {
    for (const r of results.filter((x) => x.lesson === lesson)) {
      it(`${r.id} ${r.title}`, ({ task }) => {
        task.meta.grade = r;
        if (r.verdict !== "pass") throw new NotPassed(`${r.verdict}: ${r.message}`);
      });
    }
  });
}

afterAll(() => {
  if (process.env.GRADE_REPORT) writeFileSync(process.env.GRADE_REPORT, jsonReport(results));
});
