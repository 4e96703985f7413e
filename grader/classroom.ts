// The result GitHub Classroom's autograding reporter reads: version 1, a status, a maximum score and one test per exercise.
import type { ExerciseResult } from "./grade.js";
import { onePerExercise } from "./report.js";

/** One exercise as the reporter shows it: passed ones score their point, others none. */
export interface ClassroomTest {
  name: string;
  status: "pass" | "fail" | "error";
  score: number;
  message: string;
  test_code: string;
  filename: string;
  line_no: number;
  execution_time: string;
}

/** What `npm run grade -- --classroom` prints; the workflow hands it, base64-encoded, to the reporter. */
export interface ClassroomResult {
  version: 1;
  status: "pass" | "fail" | "error";
  max_score: number;
  tests: ClassroomTest[];
}

/**
 * The Classroom result of a grading: one point per exercise, so that the reporter, which adds up
 * the tests' scores, gives partial credit; the status is pass only when every exercise passes.
 */
export function classroomResult(results: readonly ExerciseResult[]): ClassroomResult {
  const counted = onePerExercise(results);
  const tests: ClassroomTest[] = counted.map((r) => ({
    name: `${r.id} ${r.title}`,
    status: r.verdict === "pass" ? "pass" : r.verdict === "error" ? "error" : "fail",
    score: r.verdict === "pass" ? 1 : 0,
    message: r.verdict === "pass" ? "" : `[${r.verdict}] ${r.message}`,
    test_code: `expect(answer).toPassExercise("${r.id}")`,
    filename: r.file,
    line_no: 0,
    execution_time: "",
  }));
  const status =
    tests.length === 0 ? "error" : tests.every((t) => t.status === "pass") ? "pass" : "fail";
  return { version: 1, status, max_score: tests.length, tests };
}
