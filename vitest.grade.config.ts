// The grading run (`npm run grade`): the learner's notebooks, checked by grader/notebooks.grade.ts.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["grader/notebooks.grade.ts"],
    reporters: ["./grader/reporter.ts"],
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
