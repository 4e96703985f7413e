// Prints the grading run for a learner: a line per exercise, then progress, score and what to do next.
import type { Reporter, TestCase, TestModule } from "vitest/node";
import type { ExerciseResult } from "./grade.js";
import { jsonReport, onePerExercise, resultLine, summarize, summaryText } from "./report.js";
import { words } from "../course/words.js";

/** The edition the run speaks before any notebook is graded: zh-TW when only zh-TW notebooks are. */
const w = words(process.env.GRADE_LANG === "zh-TW" ? "zh-TW" : "en");

export default class GradeReporter implements Reporter {
  private results: ExerciseResult[] = [];
  private readonly json = process.env.GRADE_JSON === "1";

  onTestRunStart(): void {
    this.results = [];
    if (!this.json) console.log(`${w.grading}\n`);
  }

  onTestCaseResult(testCase: TestCase): void {
    const r = testCase.meta().grade;
    if (!r) {
      const error = testCase.result().errors?.[0]?.message;
      if (error && !this.json) console.log(`✗ ${error}`);
      return;
    }
    this.results.push(r);
  }

  onTestRunEnd(
    _modules: ReadonlyArray<TestModule>,
    errors: ReadonlyArray<{ message?: string }>,
  ): void {
    if (this.json) {
      this.results.sort(
        (a, b) => a.id.localeCompare(b.id, "en", { numeric: true }) || a.file.localeCompare(b.file),
      );
      process.stdout.write(jsonReport(this.results));
      return;
    }
    // notebooks are graded side by side: print in the course's order, not in the order they finished
    this.results.sort(
      (a, b) => a.id.localeCompare(b.id, "en", { numeric: true }) || a.file.localeCompare(b.file),
    );
    // an exercise in both editions is told once, as it counts
    for (const r of onePerExercise(this.results)) console.log(resultLine(r));
    for (const e of errors) console.log(w.graderFailed(e.message ?? String(e)));
    console.log(summaryText(summarize(this.results)));
  }
}
