// Prints the grading run: a line per exercise, then progress, score and what to do next; or the JSON, class or Classroom report asked for.
import { writeFileSync } from "node:fs";
import { basename } from "node:path";
import type { Reporter, TestCase, TestModule } from "vitest/node";
import type { Edition } from "../build/translation.js";
import { words } from "../course/words.js";
import { writeClassReport } from "./class-report.js";
import { classroomResult } from "./classroom.js";
import type { ExerciseResult } from "./grade.js";
import {
  inCourseOrder,
  jsonReport,
  onePerExercise,
  resultLine,
  summarize,
  summaryText,
} from "./report.js";

/** What the command asked the reporter for, as values. */
export interface GradeReporterOptions {
  /** The edition to speak before any notebook is graded. */
  lang?: Edition;
  /** Print the JSON report instead of the text. */
  json?: boolean;
  /** Also write the JSON report to this file. */
  report?: string;
  /** Print GitHub Classroom's autograding result instead of the text. */
  classroom?: boolean;
  /** A class: write its report (CSV and HTML) into this folder and print a line per learner. */
  classOut?: string;
  /** Watching: say so after each run, and which notebook changed before the next. */
  watch?: boolean;
}

/** The course's reporter: it reads each exercise's result from its test's meta. */
export default class GradeReporter implements Reporter {
  private results: ExerciseResult[] = [];
  private failures: string[] = [];
  /** Whether the last run passed every exercise (the command's exit code). */
  allPassed = false;

  constructor(private readonly options: GradeReporterOptions = {}) {}

  private get quiet(): boolean {
    return Boolean(this.options.json || this.options.classroom);
  }

  onTestRunStart(): void {
    this.results = [];
    this.failures = [];
    if (!this.quiet) console.log(`${words(this.options.lang ?? "en").grading}\n`);
  }

  onWatcherRerun(files: string[]): void {
    if (this.quiet) return;
    const w = words(this.options.lang ?? "en");
    for (const f of files) console.log(`\n${w.gradingAgain(basename(f))}`);
  }

  onTestCaseResult(testCase: TestCase): void {
    const r = testCase.meta().grade;
    if (r) this.results.push(r);
    else {
      const error = testCase.result().errors?.[0]?.message;
      if (error) this.failures.push(error);
    }
  }

  onTestRunEnd(
    _modules: ReadonlyArray<TestModule>,
    errors: ReadonlyArray<{ message?: string }>,
  ): void {
    const results = inCourseOrder(this.results);
    const s = summarize(results);
    this.allPassed = results.length > 0 && s.passed === s.total && errors.length === 0;
    if (this.options.report) writeFileSync(this.options.report, jsonReport(results));
    if (this.options.classroom) {
      process.stdout.write(`${JSON.stringify(classroomResult(results), null, 2)}\n`);
      return;
    }
    if (this.options.json) {
      process.stdout.write(jsonReport(results));
      return;
    }
    const w = words(s.lang ?? this.options.lang ?? "en");
    if (this.options.classOut) {
      const out = writeClassReport(results, this.options.classOut);
      for (const line of out.lines) console.log(line);
      console.log(`\n${out.csv}\n${out.html}`);
      return;
    }
    // an exercise in both editions is told once, as it counts
    for (const r of onePerExercise(results)) console.log(resultLine(r));
    for (const f of this.failures) console.log(`✗ ${f}`);
    for (const e of errors) console.log(w.graderFailed(e.message ?? String(e)));
    console.log(summaryText(s));
    if (this.options.watch) console.log(`\n${w.watching}`);
  }
}
